/**
 * The start screen and keyboard accessibility of the whole app, in real Chromium: every control is reached with
 * Tab, is named for assistive technology (Chromium's own accessibility tree) and shows where the focus is.
 */
import type { Browser, CDPSession, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { museLslCsvChunks } from '../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../hardware-mocks/synth/synthesizer.ts';
import { SCENES } from '../../scenes/index.ts';
import type { Snapshot } from '../../src/app/session-controller.ts';
import { launchChromium } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/** A minute of muse-lsl recording from the synthesizer, as a visitor's file. */
function recordingFile(name: string) {
  const synth = new EegSynthesizer({ seed: 5, timeline: 'calm-anxious-recovery' });
  const csv = [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 60 })].join('');
  return { name, mimeType: 'text/csv', buffer: Buffer.from(csv) };
}

/** Generous: SwiftShader renders the dreamscape on a shared CPU, and every key press waits for the page. */
const SLOW = 300_000;

/**
 * Wider than 760 px, so the start card sits beside the HUD. `?debug=1&frameloop=manual` (no start card on load)
 * renders no frames unless asked, which keeps key presses quick on a busy machine.
 */
async function openPage(query = '', viewport = { width: 800, height: 560 }) {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(inject('baseUrl') + query);
  await page.waitForFunction(() => window.neurosleep !== undefined);
  return { page, errors };
}

const snapshot = (page: Page) => page.evaluate(() => window.neurosleep!.snapshot()) as Promise<Snapshot>;
const focusedTestId = (page: Page) =>
  page.evaluate(() => document.activeElement?.getAttribute('data-testid') ?? document.activeElement?.id);

describe('the start screen', () => {
  it(
    'greets a plain URL over the living demo, and its choices work by keyboard',
    async () => {
      const { page, errors } = await openPage();
      const card = page.getByTestId('start-screen');
      await card.waitFor();
      await expect
        .poll(async () => (await snapshot(page)).samplesReceived, { timeout: 20_000 })
        .toBeGreaterThan(256);
      expect((await snapshot(page)).source.kind).toBe('synth');
      expect(await card.getAttribute('aria-labelledby')).toBe('start-title');

      // Every registered dreamscape has a card with its name and a one-line description.
      for (const s of SCENES) {
        const sceneCard = page.getByTestId(`start-scene-${s.id}`);
        expect(await sceneCard.getAttribute('aria-label')).toBe(s.name);
        const note = await page.locator(`#${await sceneCard.getAttribute('aria-describedby')}`).textContent();
        expect(note?.length, `description of ${s.id}`).toBeGreaterThan(20);
      }

      // The card comes first in the tab order: Tab, Tab, Tab walks its three choices.
      await page.keyboard.press('Tab');
      expect(await focusedTestId(page)).toBe('start-connect');
      // No Web Bluetooth in headless Chromium: Connect says why in words, and the demo keeps playing.
      await page.keyboard.press('Enter');
      await expect
        .poll(() => page.getByTestId('start-error').textContent(), { timeout: 10_000 })
        .toMatch(/Bluetooth/);
      expect(await page.getByTestId('load-error').textContent()).toMatch(/Bluetooth/);
      expect((await snapshot(page)).source.kind).toBe('synth');
      expect(await focusedTestId(page)).toBe('start-connect');

      await page.keyboard.press('Tab');
      expect(await focusedTestId(page)).toBe('start-open');
      // Enter opens the browser's file picker: the card's file input is clicked within the key press's user
      // activation. (Watched on the input rather than through Playwright's chooser event, which a machine
      // busy rendering the dreamscape in software can miss.) The visitor then picks a file in it.
      const picker = page.getByTestId('start-file-input');
      await picker.evaluate((el) =>
        el.addEventListener('click', () => {
          el.dataset.pickedWithActivation = String(navigator.userActivation.isActive);
        }),
      );
      await page.keyboard.press('Enter');
      await expect.poll(() => picker.getAttribute('data-picked-with-activation')).toBe('true');
      await picker.setInputFiles(recordingFile('keyboard.csv'));
      await expect
        .poll(async () => (await snapshot(page)).source.label, { timeout: 15_000 })
        .toBe('keyboard.csv');
      // Playing something other than the demo closes the card by itself.
      await expect.poll(() => card.count()).toBe(0);

      // The Start button brings it back and moves the focus into it; Watch the demo returns to the demo.
      await page.getByTestId('start-reopen').focus();
      await page.keyboard.press('Enter');
      await card.waitFor();
      expect(await focusedTestId(page)).toBe('start-title');
      expect(await page.getByTestId('start-reopen').getAttribute('aria-expanded')).toBe('true');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      await page.keyboard.press('Tab');
      expect(await focusedTestId(page)).toBe('start-demo');
      await page.keyboard.press('Enter');
      await expect.poll(() => card.count()).toBe(0);
      await expect.poll(async () => (await snapshot(page)).source.kind).toBe('synth');
      await expect.poll(() => focusedTestId(page)).toBe('start-reopen');
      expect(await page.getByTestId('start-reopen').getAttribute('aria-expanded')).toBe('false');

      // Dismissed for this tab's session: a reload goes straight to the dreamscape.
      await page.reload();
      await page.waitForFunction(() => window.neurosleep !== undefined);
      await page.getByTestId('scene-picker').waitFor();
      expect(await card.count()).toBe(0);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'switches the dreamscape in place from its scene cards, and the address says which',
    async () => {
      const { page, errors } = await openPage();
      await page.getByTestId('start-screen').waitFor();
      const other = SCENES.find((s) => s.id !== 'tide');
      if (!other) throw new Error('only one scene is registered');
      await page.getByTestId(`start-scene-${other.id}`).focus();
      await page.keyboard.press('Enter');
      await expect.poll(() => page.url()).toMatch(`scene=${other.id}`);
      await expect
        .poll(() => page.locator('.dreamscape').getAttribute('aria-label'))
        .toBe(`Dreamscape: ${other.name}`);
      // Still the start screen, with the choice marked, in the card and in the scene bar.
      expect(await page.getByTestId(`start-scene-${other.id}`).getAttribute('aria-current')).toBe('true');
      expect(await page.getByTestId('start-scene-tide').getAttribute('aria-current')).toBeNull();
      expect(
        await page.getByTestId('scene-picker').locator('[aria-current="page"]').getAttribute('href'),
      ).toMatch(`scene=${other.id}`);
      // The new scene renders: its canvas has lit pixels.
      await expect
        .poll(
          () =>
            page.evaluate(() => {
              const gl = document.querySelector('canvas');
              const c = document.createElement('canvas');
              c.width = 80;
              c.height = 50;
              const ctx = c.getContext('2d');
              if (!gl || !ctx) return 0;
              ctx.drawImage(gl, 0, 0, c.width, c.height);
              const d = ctx.getImageData(0, 0, c.width, c.height).data;
              let lit = 0;
              for (let i = 0; i < d.length; i += 4)
                if ((d[i] ?? 0) + (d[i + 1] ?? 0) + (d[i + 2] ?? 0) > 15) lit++;
              return lit / (d.length / 4);
            }),
          { timeout: 60_000 },
        )
        .toBeGreaterThan(0.05);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'stays out of the way when the URL already says what to play',
    async () => {
      for (const query of ['?scene=tide', '?panel=1', '?debug=1']) {
        const { page } = await openPage(query, { width: 640, height: 400 });
        await page.getByTestId('start-reopen').waitFor();
        expect(await page.getByTestId('start-screen').count(), query).toBe(0);
        await page.context().close();
      }
    },
    SLOW,
  );
});

/** "12.5 s", "3 min 4 s" or "1 h 2 min", as the report writes durations, in seconds. */
function seconds(text: string): number {
  const t = text.trim();
  const m = /^(?:(\d+) h )?(?:(\d+) min)?\s*(?:([\d.]+) s)?$/.exec(t);
  if (!m || t === '') throw new Error(`not a report duration: "${text}"`);
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}

interface FocusStop {
  readonly index: number;
  readonly describe: string;
  readonly name: string;
  readonly focused: string;
}

/** Chromium's own computed accessible name of the focused element. */
async function focusedName(cdp: CDPSession): Promise<string> {
  const { result } = await cdp.send('Runtime.evaluate', { expression: 'document.activeElement' });
  if (!result.objectId) return '';
  const { nodes } = await cdp.send('Accessibility.getPartialAXTree', {
    objectId: result.objectId,
    fetchRelatives: false,
  });
  const node = nodes.find((n) => !n.ignored);
  return String(node?.name?.value ?? '').trim();
}

/**
 * Tabs through the page from its start until the focus comes back round, and records at each stop the
 * accessible name and the focus styles; then the same elements' styles without focus.
 */
async function tabThrough(page: Page): Promise<{ stops: FocusStop[]; unfocused: string[] }> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Accessibility.enable');
  await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    document.querySelectorAll('[data-a11y-stop]').forEach((el) => el.removeAttribute('data-a11y-stop'));
  });
  const stops: FocusStop[] = [];
  for (let step = 0; step < 120; step++) {
    await page.keyboard.press('Tab');
    const here = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      const seen = el.getAttribute('data-a11y-stop');
      if (seen !== null) return { again: true as const };
      const index = document.querySelectorAll('[data-a11y-stop]').length;
      el.setAttribute('data-a11y-stop', String(index));
      const testId = el.getAttribute('data-testid');
      const describe = `${el.tagName.toLowerCase()}${testId ? `[${testId}]` : ''} "${(el.textContent ?? '').trim().slice(0, 40)}"`;
      // The page's CSP forbids eval, so the style reader is written out here and again below.
      const s = getComputedStyle(el);
      const focused = JSON.stringify({
        visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== 'none',
        outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
        shadow: s.boxShadow,
      });
      return { again: false as const, index, describe, focused };
    });
    if (here === null) continue;
    if (here.again) break;
    stops.push({
      index: here.index,
      describe: here.describe,
      focused: here.focused,
      name: await focusedName(cdp),
    });
  }
  const unfocused = await page.evaluate(() => {
    (document.activeElement as HTMLElement | null)?.blur();
    return [...document.querySelectorAll('[data-a11y-stop]')]
      .sort((a, b) => Number(a.getAttribute('data-a11y-stop')) - Number(b.getAttribute('data-a11y-stop')))
      .map((el) => {
        const s = getComputedStyle(el);
        return JSON.stringify({
          visible: (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1) || s.boxShadow !== 'none',
          outline: `${s.outlineStyle} ${s.outlineWidth} ${s.outlineColor}`,
          shadow: s.boxShadow,
        });
      });
  });
  await cdp.detach();
  return { stops, unfocused };
}

function expectNamedAndVisible(result: { stops: FocusStop[]; unfocused: string[] }) {
  const unnamed = result.stops.filter((s) => s.name === '').map((s) => s.describe);
  expect(unnamed, 'focusable elements without an accessible name').toEqual([]);
  const invisible = result.stops
    .filter((s) => {
      const focused = JSON.parse(s.focused) as { visible: boolean };
      return !focused.visible || s.focused === result.unfocused[s.index];
    })
    .map((s) => `${s.describe}: focused ${s.focused}, unfocused ${result.unfocused[s.index]}`);
  expect(invisible, 'focusable elements whose keyboard focus does not show').toEqual([]);
}

describe('keyboard and screen-reader access to the whole app', () => {
  it(
    'every control is reached by Tab, has an accessible name and shows a focus ring',
    async () => {
      const { page, errors } = await openPage('?debug=1&frameloop=manual');
      // Everything at once, each opened by keyboard: a recording (paused, so the playback bar stays put), the
      // live panel, the why overlay, the help overlay and the start card over it all.
      const press = async (target: Locator, key = 'Enter') => {
        await target.focus();
        await page.keyboard.press(key);
      };
      await page.getByTestId('recording-input').setInputFiles(recordingFile('tab-through.csv'));
      await page.getByTestId('playback-bar').waitFor({ timeout: 30_000 });
      await press(page.getByTestId('play-pause'));
      await expect.poll(() => page.getByTestId('play-pause').getAttribute('aria-label')).toBe('Play (Space)');
      await press(page.getByTestId('toggle-panel'));
      await page.getByTestId('live-panel').waitFor();
      await press(page.getByRole('button', { name: 'Why?' }));
      await page.getByTestId('why-overlay').waitFor();
      await page.keyboard.press('?');
      await page.getByTestId('help-overlay').waitFor();
      await press(page.getByTestId('start-reopen'));
      await page.getByTestId('start-screen').waitFor();

      const result = await tabThrough(page);
      expectNamedAndVisible(result);
      const names = result.stops.map((s) => s.name);
      console.log(`tab stops (${names.length}): ${names.join(' | ')}`);
      // The walk covers every part of the app, in the order a visitor meets them.
      for (const expected of [
        'Connect a Muse headband',
        'Open a recording',
        'Watch the demo',
        ...SCENES.map((s) => s.name),
        'Hide why',
        'Connect Muse',
        'Record',
        'Start',
        'Hide signals: the live signal panel (P)',
        'Fullscreen dreamscape (F)',
        'Report',
        'Delete my data: everything NeuroSleep stores in this browser',
        'Play (Space)',
        'Seek in the recording (← →)',
        'Playback speed ([ ])',
        'Loop',
        'Close',
        'Unplug (Esc)',
      ]) {
        expect(names, `a tab stop named "${expected}"`).toContain(expected);
      }
      expect(errors).toEqual([]);
      await page.context().close();
    },
    SLOW,
  );

  it(
    'the report opens by keyboard, its controls are named and focusable, and its plots have text alternatives',
    async () => {
      const { page, errors } = await openPage('?debug=1&frameloop=manual');
      await expect
        .poll(async () => (await snapshot(page)).bandPowers !== null, { timeout: 30_000 })
        .toBe(true);
      await page.waitForTimeout(3000);
      await page.getByTestId('open-report').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('report-view').waitFor();
      expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Close');
      const report = page.getByTestId('report-document');
      await report.locator('svg').first().waitFor();
      const walk = await tabThrough(page);
      expectNamedAndVisible(walk);
      // The report itself is a stop: nothing in it takes focus, and a keyboard must still scroll it.
      expect(walk.stops.map((s) => s.name)).toContain('Session report, scrollable');
      await report.focus();
      await page.keyboard.press('End');
      await expect.poll(() => report.evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
      const svgs = report.locator('svg');
      await expect.poll(() => svgs.count(), { timeout: 10_000 }).toBe(3);
      const alternatives: string[] = [];
      for (let i = 0; i < 3; i++) {
        const svg = svgs.nth(i);
        expect(await svg.getAttribute('role')).toBe('img');
        expect(await svg.getAttribute('aria-hidden')).toBeNull();
        const title = await report.locator(`#${await svg.getAttribute('aria-labelledby')}`).textContent();
        const alt = await report.locator(`#${await svg.getAttribute('aria-describedby')}`).textContent();
        expect(title?.trim().length).toBeGreaterThan(5);
        // The numbers in words, not just a title: a mean and a peak with its time for every series.
        expect(alt).toMatch(/mean \d+\.\d\d, highest \d+\.\d\d at \d+:\d\d/);
        alternatives.push(`${title}: ${alt}`);
      }
      const dream = alternatives[0] ?? '';
      expect(dream).toMatch(/^Dream state.*Calm \d{1,3}% of the session, dread \d{1,3}%, wonder \d{1,3}%\./);
      // The shares in the sentence are the summary table's own figures.
      const cell = async (row: string) =>
        seconds((await report.locator('tr', { hasText: row }).first().locator('td').textContent()) ?? '');
      const total = await cell('Duration');
      for (const state of ['calm', 'dread', 'wonder']) {
        const said = Number(new RegExp(`${state} (\\d+)%`, 'i').exec(dream)?.[1]);
        expect(said, state).toBeCloseTo((100 * (await cell(`Time in ${state}`))) / total, -0.5);
      }
      console.log(alternatives.join('\n'));
      // Esc from inside the report still reaches the app: it closes the report and unplugs.
      await report.focus();
      await page.keyboard.press('Escape');
      await page.getByTestId('report-view').waitFor({ state: 'detached' });
      expect((await snapshot(page)).safety.unplugged).toBe(true);
      expect(errors).toEqual([]);
      await page.context().close();
    },
    SLOW,
  );
});
