/**
 * The soundscape in real Chromium: rendered offline through the app's own engine and limiter and measured
 * (peak, onset, loudness and brightness by dream state, glitch, mute, unplug), and the mute toggle and volume
 * slider as a listener uses them at home and at a kiosk.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NeuroSleepDebugApi } from '../../src/app/console-api.ts';
import type { SoundRenderRequest, SoundRenderResult } from '../../src/sound/offline-render.ts';
import { waitForDrawnScene } from '../../tools/safety/flash-analyzer.ts';
import { launchChromium } from './browser.ts';

let browser: Browser;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.newPage({ viewport: { width: 320, height: 200 } });
  page.on('pageerror', (e) => errors.push(e.message));
  // Manual frames: the scene stays still, so the offline renders do not share the CPU with a software GPU.
  await page.goto(inject('baseUrl') + '?debug=1&frameloop=manual');
  await page.waitForFunction(() => window.neurosleep !== undefined, null, { timeout: 20_000 });
});
afterAll(async () => {
  await browser?.close();
});

/** Limiter ceiling the output must never exceed, full scale = 1. */
const CEILING = 0.9;
const CALM = { calm: 1, dread: 0, wonder: 0, glitch: 0, motion: 0.3 };
const NIGHTMARE = { calm: 0, dread: 1, wonder: 0, glitch: 1, motion: 1 };
const STORM = { ...NIGHTMARE, glitch: 0 };
const WONDER = { calm: 0.5, dread: 0, wonder: 1, glitch: 0, motion: 0.6 };
const BEDS = ['sea', 'wind', 'drone', 'space'] as const;

const rendered = new Map<string, Promise<SoundRenderResult>>();
/**
 * Renders at 24 kHz (the soundscape has next to nothing above 8 kHz), at full volume with the loudest,
 * harshest spec unless told otherwise; the same request is rendered once.
 */
function render(request: SoundRenderRequest): Promise<SoundRenderResult> {
  const full = { sampleRate: 24000, volume: 1, specVolume: 1, dreadTension: 1, ...request };
  const key = JSON.stringify(full);
  let r = rendered.get(key);
  if (!r) {
    r = page.evaluate(
      (q) => (window.neurosleep as NeuroSleepDebugApi).renderSoundscape(q),
      full,
    ) as Promise<SoundRenderResult>;
    rendered.set(key, r);
  }
  return r;
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
/** Mean RMS of the windows between `fromS` and `toS`. */
const rmsBetween = (r: SoundRenderResult, fromS: number, toS: number) =>
  mean(r.windowRms.slice(Math.round(fromS / r.windowS), Math.round(toS / r.windowS)));

describe('soundscape, rendered offline in Chromium', () => {
  it.each(BEDS)('%s: a full nightmare at full volume stays under the limiter ceiling', async (bed) => {
    const r = await render({ bed, params: NIGHTMARE, seconds: 6 });
    console.log(`${bed} nightmare: peak ${r.peak.toFixed(3)}, steady rms ${r.steadyRms.toFixed(3)}`);
    expect(r.steadyRms).toBeGreaterThan(0.02);
    expect(r.peak).toBeLessThanOrEqual(CEILING);
  });

  it.each(['sea', 'drone'] as const)('%s: driven 12 dB past full volume, the limiter holds', async (bed) => {
    const plain = await render({ bed, params: NIGHTMARE, seconds: 6 });
    const driven = await render({ bed, params: NIGHTMARE, seconds: 6, driveDb: 12 });
    console.log(`${bed} +12 dB: peak ${driven.peak.toFixed(3)}, steady rms ${driven.steadyRms.toFixed(3)}`);
    // Louder, so the drive reached the limiter, yet held far below the 4× the drive asked for.
    expect(driven.steadyRms).toBeGreaterThan(1.3 * plain.steadyRms);
    expect(driven.steadyRms).toBeLessThan(2.5 * plain.steadyRms);
    expect(driven.peak).toBeLessThanOrEqual(CEILING);
  });

  it.each(BEDS)('%s: starts from silence, no loud onset', async (bed) => {
    const r = await render({ bed, params: NIGHTMARE, seconds: 6 });
    console.log(`${bed} onset: first 200 ms rms ${r.onsetRms.toFixed(4)}, steady ${r.steadyRms.toFixed(4)}`);
    expect(r.onsetRms).toBeLessThan(0.1 * r.steadyRms);
    // The fade-in lasts ≥ 1.5 s: at half a second the sound is still well under its steady level.
    expect(rmsBetween(r, 0.25, 0.5)).toBeLessThan(0.5 * r.steadyRms);
  });

  it.each(['sea', 'drone'] as const)('%s: nightmare is louder and brighter than calm', async (bed) => {
    const calm = await render({ bed, params: CALM, seconds: 6 });
    const storm = await render({ bed, params: STORM, seconds: 6 });
    console.log(
      `${bed}: calm rms ${calm.steadyRms.toFixed(4)} centroid ${calm.centroidHz.toFixed(0)} Hz; ` +
        `nightmare rms ${storm.steadyRms.toFixed(4)} centroid ${storm.centroidHz.toFixed(0)} Hz`,
    );
    expect(storm.steadyRms).toBeGreaterThan(1.5 * calm.steadyRms);
    expect(storm.centroidHz).toBeGreaterThan(1.5 * calm.centroidHz);
  });

  it('space: wonder shimmers brighter than calm', async () => {
    const calm = await render({ bed: 'space', params: CALM, seconds: 6 });
    const wonder = await render({ bed: 'space', params: WONDER, seconds: 6 });
    console.log(
      `space: calm centroid ${calm.centroidHz.toFixed(0)} Hz, wonder ${wonder.centroidHz.toFixed(0)} Hz`,
    );
    expect(wonder.centroidHz).toBeGreaterThan(1.5 * calm.centroidHz);
    expect(wonder.shareAbove1k).toBeGreaterThan(5 * calm.shareAbove1k);
  });

  it('calm is soft and dark: restful, well under the ceiling', async () => {
    const r = await render({ bed: 'sea', params: CALM, seconds: 6 });
    console.log(`calm sea: rms ${r.steadyRms.toFixed(4)}, centroid ${r.centroidHz.toFixed(0)} Hz`);
    expect(r.peak).toBeLessThan(0.4);
    expect(r.centroidHz).toBeLessThan(800);
    expect(r.shareAbove1k).toBeLessThan(0.05);
  });

  it('glitch crackles softly: audible, but duller and quieter than the storm', async () => {
    const clean = await render({ bed: 'sea', params: CALM, seconds: 6 });
    const glitched = await render({ bed: 'sea', params: { ...CALM, glitch: 1 }, seconds: 6 });
    const storm = await render({ bed: 'sea', params: STORM, seconds: 6 });
    console.log(
      `glitch: centroid ${clean.centroidHz.toFixed(0)} → ${glitched.centroidHz.toFixed(0)} Hz, ` +
        `>4 kHz ${glitched.shareAbove4k.toFixed(4)}, peak ${glitched.peak.toFixed(3)}`,
    );
    expect(glitched.centroidHz).toBeGreaterThan(1.2 * clean.centroidHz);
    expect(glitched.centroidHz).toBeLessThan(storm.centroidHz);
    expect(glitched.steadyRms).toBeLessThan(storm.steadyRms);
    expect(glitched.shareAbove4k).toBeLessThan(0.005);
    expect(glitched.peak).toBeLessThan(0.5);
  });

  it('muted renders silence, and muting mid-way fades to silence within half a second', async () => {
    const muted = await render({ bed: 'drone', params: NIGHTMARE, seconds: 3, muted: true });
    expect(muted.peak).toBeLessThan(1e-6);
    const r = await render({
      bed: 'drone',
      params: NIGHTMARE,
      seconds: 6,
      changes: [{ atS: 4, muted: true }],
    });
    const before = rmsBetween(r, 3, 4);
    expect(before).toBeGreaterThan(0.02);
    expect(rmsBetween(r, 4.5, 6)).toBeLessThan(0.01 * before);
  });

  it('a volume rise ramps: no jump when the slider goes from 0 to full', async () => {
    const r = await render({
      bed: 'sea',
      params: NIGHTMARE,
      seconds: 8,
      volume: 0,
      changes: [{ atS: 4, volume: 1 }],
    });
    expect(rmsBetween(r, 3, 4)).toBeLessThan(1e-4);
    const full = rmsBetween(r, 6.5, 8);
    expect(full).toBeGreaterThan(0.02);
    expect(rmsBetween(r, 4, 4.25)).toBeLessThan(0.6 * full);
    expect(r.peak).toBeLessThanOrEqual(CEILING);
  });

  it('unplug fades the sound to its calm form', async () => {
    const r = await render({
      bed: 'drone',
      params: STORM,
      seconds: 10,
      changes: [{ atS: 4, params: { unplugged: true } }],
    });
    const calm = await render({ bed: 'drone', params: CALM, seconds: 10 });
    const storm = rmsBetween(r, 3, 4);
    const after = rmsBetween(r, 8, 10);
    console.log(
      `unplug: rms ${storm.toFixed(4)} → ${after.toFixed(4)} (calm ${rmsBetween(calm, 8, 10).toFixed(4)})`,
    );
    expect(after).toBeLessThan(0.5 * storm);
    // Calm, not silence: about half the level of the calm form itself.
    expect(after).toBeGreaterThan(0.3 * rmsBetween(calm, 8, 10));
    expect(after).toBeLessThan(0.8 * rmsBetween(calm, 8, 10));
  });

  it('rejects a bad request with a clear message', async () => {
    const message = await page.evaluate(() =>
      (window.neurosleep as NeuroSleepDebugApi)
        .renderSoundscape({ seconds: 1, volume: 3 })
        .then(() => 'no error')
        .catch((e: Error) => e.message),
    );
    expect(message).toMatch(/volume must be a number from 0 to 1, found 3/);
    expect(errors).toEqual([]);
  });
});

const pressed = (p: Page) => p.getByTestId('sound-toggle').getAttribute('aria-pressed');
const audioState = (p: Page) => p.locator('.sound-controls').getAttribute('data-audio');

describe('sound controls', () => {
  it('home: off until clicked, then plays; volume by keyboard; the choice is remembered', async () => {
    const p = await browser.newPage({ viewport: { width: 1000, height: 640 } });
    const pageErrors: string[] = [];
    p.on('pageerror', (e) => pageErrors.push(e.message));
    await p.goto(inject('baseUrl') + '?scene=tide&debug=1&frameloop=manual');
    const toggle = p.getByTestId('sound-toggle');
    await toggle.waitFor({ timeout: 20_000 });
    expect(await pressed(p)).toBe('false');
    expect(await toggle.isEnabled()).toBe(true);
    expect(await audioState(p)).toBe('none');
    expect(await toggle.getAttribute('aria-label')).toMatch(/soundscape/i);

    await toggle.click();
    expect(await pressed(p)).toBe('true');
    await expect.poll(() => audioState(p), { timeout: 10_000 }).toBe('running');

    const volume = p.getByTestId('sound-volume');
    expect(await volume.getAttribute('aria-label')).toBe('Sound volume');
    const start = Number(await volume.inputValue());
    await volume.focus();
    await p.keyboard.press('ArrowRight');
    await p.keyboard.press('ArrowRight');
    expect(Number(await volume.inputValue())).toBe(start + 2);
    const stored = await p.evaluate(() => JSON.parse(localStorage.getItem('neurosleep.sound') ?? 'null'));
    expect(stored).toEqual({ on: true, volume: (start + 2) / 100 });

    // By keyboard, the toggle mutes; once faded out, the audio context is suspended.
    await toggle.focus();
    await p.keyboard.press('Space');
    expect(await pressed(p)).toBe('false');
    await expect.poll(() => audioState(p), { timeout: 5_000 }).toBe('suspended');

    await toggle.click();
    await p.reload();
    await p.getByTestId('sound-toggle').waitFor({ timeout: 20_000 });
    // Remembered as on, but the browser needs this visit's own gesture before anything plays.
    expect(await pressed(p)).toBe('true');
    expect(await audioState(p)).toBe('none');
    await p.mouse.click(500, 300);
    await expect.poll(() => audioState(p), { timeout: 10_000 }).toBe('running');
    expect(pageErrors).toEqual([]);
    await p.close();
  });

  it('live: the playing soundscape follows the governed dream, and unplug brings it back to calm', async () => {
    const p = await browser.newPage({ viewport: { width: 320, height: 200 } });
    const pageErrors: string[] = [];
    p.on('pageerror', (e) => pageErrors.push(e.message));
    // A tap on the limiter's output, the only way to hear a real-time context from a test.
    await p.addInitScript(() => {
      const create = AudioContext.prototype.createDynamicsCompressor;
      AudioContext.prototype.createDynamicsCompressor = function (this: AudioContext) {
        const node = create.call(this);
        const tap = this.createAnalyser();
        tap.fftSize = 2048;
        node.connect(tap);
        (window as unknown as { soundTap: AnalyserNode }).soundTap = tap;
        return node;
      };
    });
    await p.goto(inject('baseUrl') + '?scene=tide&debug=1&frameloop=manual');
    await p.getByTestId('sound-toggle').waitFor({ timeout: 20_000 });
    /** RMS at the limiter over `ms` of real time, sampled every 40 ms: long enough to span the swells. */
    const liveRms = (ms: number) =>
      p.evaluate(async (ms) => {
        const tap = (window as unknown as { soundTap: AnalyserNode }).soundTap;
        const buf = new Float32Array(tap.fftSize);
        let sum = 0;
        let n = 0;
        for (const end = performance.now() + ms; performance.now() < end;) {
          tap.getFloatTimeDomainData(buf);
          for (const v of buf) sum += v * v;
          n += buf.length;
          await new Promise((r) => setTimeout(r, 40));
        }
        return Math.sqrt(sum / Math.max(1, n));
      }, ms);
    const advance = (seconds: number) =>
      p.evaluate(
        (n) => (window as unknown as { neurosleep: NeuroSleepDebugApi }).neurosleep.advanceFrames(n, 0.05),
        Math.round(seconds * 20),
      );

    await waitForDrawnScene(p);
    await advance(0.5);
    await p.getByTestId('sound-toggle').click();
    await p.waitForTimeout(3000);
    const calm = await liveRms(8000);
    await p.evaluate(() =>
      (window.neurosleep as NeuroSleepDebugApi).forceDreamState({ calm: 0, dread: 1, presence: 1 }),
    );
    await advance(3);
    await p.waitForTimeout(2000);
    const nightmare = await liveRms(8000);
    await p.evaluate(() => window.neurosleep!.unplug());
    await advance(1);
    await p.waitForTimeout(3000);
    const unplugged = await liveRms(8000);
    console.log(
      `live: calm ${calm.toFixed(4)}, nightmare ${nightmare.toFixed(4)}, unplugged ${unplugged.toFixed(4)}`,
    );
    expect(calm).toBeGreaterThan(0.002);
    expect(nightmare).toBeGreaterThan(1.4 * calm);
    expect(unplugged).toBeLessThan(0.6 * nightmare);
    expect(unplugged).toBeGreaterThan(0);
    expect(pageErrors).toEqual([]);
    await p.close();
  });

  it.each([
    ['?kiosk=1', false],
    ['?policy=kiosk', false],
    ['?kiosk=1&policy=' + encodeURIComponent('{"preset":"kiosk","sound":{"allowed":true}}'), true],
  ] as const)('%s: sound allowed = %s, off at first', async (query, allowed) => {
    const p = await browser.newPage({ viewport: { width: 1000, height: 640 } });
    await p.goto(inject('baseUrl') + query + '&debug=1&frameloop=manual');
    const toggle = p.getByTestId('sound-toggle');
    await toggle.waitFor({ timeout: 20_000 });
    expect(await pressed(p)).toBe('false');
    expect(await toggle.isEnabled()).toBe(allowed);
    expect(await p.getByTestId('sound-volume').isEnabled()).toBe(allowed);
    if (!allowed) expect(await toggle.textContent()).toMatch(/policy/);
    await p.close();
  });
});
