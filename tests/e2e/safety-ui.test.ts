/**
 * What the sleeper sees of the safety layer: the "why" overlay, the breathing cue of a de-escalation with its
 * audit entry, policies from the URL, and prefers-reduced-motion, in real Chromium on virtual frames.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NeuroSleepDebugApi } from '../../src/app/console-api.ts';
import type { Snapshot } from '../../src/app/session-controller.ts';
import { launchChromium } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

async function open(query: string, options: BrowserContextOptions = {}): Promise<Page> {
  const context = await browser.newContext({ viewport: { width: 800, height: 600 }, ...options });
  const page = await context.newPage();
  await page.goto(inject('baseUrl') + query);
  await page.waitForFunction(() => window.neurosleep !== undefined);
  return page;
}

const snapshot = (page: Page) => page.evaluate(() => window.neurosleep!.snapshot()) as Promise<Snapshot>;

describe('safety in the app', () => {
  it('the why overlay shows what drives each dimension', async () => {
    const page = await open('');
    // Past the first analysis window (warm-up), the model explains itself with its inputs.
    await expect
      .poll(async () => (await snapshot(page)).why?.calm.alphaBetaBalance !== undefined, { timeout: 30_000 })
      .toBe(true);
    await page.getByRole('button', { name: 'Why?' }).click();
    // The overlay is live: a window over a blink shows "heldArtifact" instead of the inputs, so every check reads
    // the one text in which the inputs showed.
    let text = '';
    await expect
      .poll(async () => (text = (await page.getByTestId('why-overlay').textContent()) ?? ''))
      .toMatch(/alphaBetaBalance -?\d\.\d\d/);
    for (const d of ['calm', 'dread', 'wonder', 'drowsiness', 'glitch', 'presence'])
      expect(text).toContain(d);
    expect(text).toMatch(/thetaAlphaRatio \d/);
    expect(text).toMatch(/policy 'home' in force/);
    await page.context().close();
  });

  it('sustained distress shows a breathing cue, glides to calm and is logged; the policy comes from the URL', async () => {
    const policy = encodeURIComponent(JSON.stringify({ preset: 'kiosk', distress: { durationS: 2 } }));
    // Small, so SwiftShader renders the virtual frames quickly.
    const page = await open(`?debug=1&frameloop=manual&policy=${policy}`, {
      viewport: { width: 320, height: 240 },
    });
    await page.waitForFunction(() => {
      try {
        (window.neurosleep as NeuroSleepDebugApi).advanceFrames(0, 0.05);
        return true;
      } catch {
        return false;
      }
    });
    await page.evaluate(() => {
      const api = window.neurosleep as NeuroSleepDebugApi;
      api.forceDreamState({ calm: 0, dread: 1 });
      api.advanceFrames(30, 0.1);
    });
    const s = await snapshot(page);
    expect(s.safety.policy.name).toBe('kiosk');
    expect(s.sceneParams.dread).toBeLessThanOrEqual(0.7);
    expect(s.safety.deEscalating).toBe(true);
    expect(s.audit.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['forced-state', 'nightmare-cap', 'de-escalation-start']),
    );
    await expect.poll(() => page.getByTestId('breathing-cue').isVisible()).toBe(true);
    expect(await page.getByTestId('breathing-cue').textContent()).toMatch(/Breathe (in|out)/);
    // Gradual: the kiosk policy glides back over 15 s, so 5 s later dread is down by about a third.
    await page.evaluate(() => (window.neurosleep as NeuroSleepDebugApi).advanceFrames(50, 0.1));
    const later = await snapshot(page);
    expect(later.sceneParams.dread).toBeLessThan(s.sceneParams.dread - 0.2);
    expect(later.sceneParams.dread).toBeGreaterThan(0);
    expect(later.sceneParams.calm).toBeGreaterThan(s.sceneParams.calm);
    await page.context().close();
  });

  it('a bad policy in the URL names the field and falls back to the kiosk policy', async () => {
    const page = await open(`?policy=${encodeURIComponent('{"nightmareCap": 2}')}`);
    await expect
      .poll(() => page.getByTestId('load-error').textContent())
      .toMatch(/policy\.nightmareCap: expected a number from 0 to 1, found 2; using the kiosk policy/);
    expect((await snapshot(page)).safety.policy.name).toBe('kiosk');
    await page.context().close();
  });

  it('honours prefers-reduced-motion', async () => {
    const page = await open('', { reducedMotion: 'reduce' });
    await expect
      .poll(async () => (await snapshot(page)).sceneParams.reducedMotion, { timeout: 10_000 })
      .toBe(true);
    const s = await snapshot(page);
    expect(s.safety.systemPrefersReducedMotion).toBe(true);
    expect(s.audit.map((e) => e.kind)).toContain('reduced-motion');
    await page.context().close();
  });
});
