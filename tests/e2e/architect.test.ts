/**
 * The dream architect in real headless Chromium: the editor opens from its button (by keyboard), a paler
 * nightmare palette typed into the form shows in the rendered frame at once, an invalid value is named at its
 * field and leaves the frame as it was, a saved spec survives a reload, an exported file is valid JSON that
 * imports back, and loading another scene's built-in spec switches the scene in place.
 */
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NeuroSleepDebugApi } from '../../src/app/console-api.ts';
import { builtinSpec, validateSpec, type DreamscapeSpec } from '../../src/architect/index.ts';
import { launchChromium } from './browser.ts';
import { frameStats } from './canvas-stats.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const NIGHTMARE = { calm: 0, dread: 1, wonder: 0, drowsiness: 0, glitch: 0, presence: 1 };

/** Mean relative luminance (linear light) of the WebGL canvas. */
const meanLuminance = async (page: Page): Promise<number> => (await frameStats(page)).mean;

/** Waits for the debug API and the lazily loaded scene to draw. */
async function ready(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    try {
      (window.neurosleep as NeuroSleepDebugApi | undefined)?.advanceFrames(0, 0.1);
      return window.neurosleep !== undefined;
    } catch {
      return false;
    }
  });
  await expect
    .poll(
      async () => {
        await page.evaluate(() => (window.neurosleep as NeuroSleepDebugApi).advanceFrames(5, 0.1));
        return meanLuminance(page);
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0.001);
}

/**
 * Forces the nightmare and lets governor and scene settle (12.5 s of virtual time), then measures. The
 * nightmare moves (waves, the figure's sway), so the mean is taken over four frames 0.75 s apart.
 */
async function nightmareLuminance(page: Page): Promise<number> {
  await page.evaluate((s) => {
    const api = window.neurosleep as NeuroSleepDebugApi;
    api.forceDreamState(s);
    api.advanceFrames(50, 0.25);
  }, NIGHTMARE);
  let sum = 0;
  for (let i = 0; i < 4; i++) {
    await page.evaluate(() => (window.neurosleep as NeuroSleepDebugApi).advanceFrames(3, 0.25));
    sum += await meanLuminance(page);
  }
  return sum / 4;
}

const specInEditor = async (page: Page): Promise<unknown> =>
  JSON.parse(await page.getByTestId('spec-json').inputValue()) as unknown;

describe('the dream architect', () => {
  it('edits the spec live, names bad fields, saves, exports and imports', async () => {
    const page = await browser.newPage({ viewport: { width: 360, height: 240 }, deviceScaleFactor: 1 });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    try {
      await page.goto(`${inject('baseUrl')}?debug=1&frameloop=manual&scene=other-self`);
      await ready(page);
      const builtIn = await nightmareLuminance(page);

      // Opened from the keyboard; focus moves into the editor.
      await page.getByTestId('architect-open').focus();
      await page.keyboard.press('Enter');
      await page.getByTestId('architect-panel').waitFor();
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('architect-title');
      expect(await page.getByTestId('architect-open').getAttribute('aria-expanded')).toBe('true');
      // Every stop on the way through the editor is inside it, named, and shows where the focus is.
      const stops: { where: string; inPanel: boolean; name: string; ring: boolean }[] = [];
      for (let k = 0; k < 16; k++) {
        await page.keyboard.press('Tab');
        stops.push(
          await page.evaluate(() => {
            const el = document.activeElement as HTMLInputElement;
            const s = getComputedStyle(el);
            const name = el.getAttribute('aria-label') ?? el.labels?.[0]?.textContent ?? el.textContent ?? '';
            return {
              where: `${el.tagName.toLowerCase()}#${el.id} ${el.getAttribute('data-testid') ?? ''}`,
              inPanel: el.closest('[data-testid="architect-panel"]') !== null,
              name: name.trim(),
              ring: s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1,
            };
          }),
        );
      }
      expect(stops.filter((s) => !s.inPanel || s.name === '' || !s.ring)).toEqual([]);
      expect(stops.map((s) => s.name)).toEqual(
        expect.arrayContaining([
          'Save',
          'Export',
          'Import a spec file (.json)',
          'Load built-in',
          'Spec name',
        ]),
      );

      // A paler nightmare sky and sea, typed into the form, shows in the frame without a reload.
      await page.getByTestId('field-palette.dread.skyZenith').fill('#304058');
      await page.getByTestId('field-palette.dread.skyHorizon').fill('#8090a8');
      await page.getByTestId('field-palette.dread.water').fill('#304058');
      await expect.poll(() => page.getByTestId('spec-errors').textContent()).toMatch(/^Valid/);
      // The scene eases into a new palette over a few seconds of its own (capped) time: settle twice.
      await nightmareLuminance(page);
      const edited = await nightmareLuminance(page);
      expect(edited / builtIn, `mean luminance ${edited} vs ${builtIn}`).toBeGreaterThan(2);

      // An invalid value is named at its field and in the list, and the frame stays as it was.
      await page.getByTestId('field-palette.dread.skyHorizon').fill('bright');
      const fieldError = page.getByTestId('field-error-palette.dread.skyHorizon');
      await fieldError.waitFor();
      expect(await fieldError.textContent()).toBe('must be a colour "#rrggbb", found "bright"');
      expect(await page.getByTestId('field-palette.dread.skyHorizon').getAttribute('aria-invalid')).toBe(
        'true',
      );
      expect(await page.getByTestId('spec-errors').textContent()).toContain(
        'palette.dread.skyHorizon: must be a colour "#rrggbb", found "bright"',
      );
      expect(await page.getByTestId('spec-save').isDisabled()).toBe(true);
      expect(await page.getByTestId('spec-export').isDisabled()).toBe(true);
      const unchanged = await nightmareLuminance(page);
      expect(Math.abs(unchanged / edited - 1), `${unchanged} vs ${edited}`).toBeLessThan(0.05);
      expect(unchanged / builtIn, `${unchanged} vs ${builtIn}`).toBeGreaterThan(2);

      // The raw JSON box reports where its text stops being JSON; the form waits for it.
      const json = page.getByTestId('spec-json');
      const goodText = await json.inputValue();
      await json.fill(goodText.replace('"scene": "other-self"', '"scene": other-self'));
      await expect
        .poll(() => page.getByTestId('spec-errors').textContent())
        .toMatch(/\(json\): is not valid JSON at line 5, column 12: found "other-self/);
      expect(await page.getByTestId('field-palette.dread.glow').isDisabled()).toBe(true);
      await json.fill(goodText);

      // Fixed, named and saved.
      await page.getByTestId('field-palette.dread.skyHorizon').fill('#8090a8');
      await page.getByTestId('field-name').fill('Pale dread');
      await expect.poll(() => page.getByTestId('spec-errors').textContent()).toMatch(/^Valid/);
      await page.getByTestId('spec-save').click();
      expect(await page.getByTestId('architect-status').textContent()).toBe(
        "Saved 'Pale dread' in this browser.",
      );

      // Export downloads valid JSON of exactly the spec in the editor.
      const inEditor = await specInEditor(page);
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.getByTestId('spec-export').click(),
      ]);
      expect(download.suggestedFilename()).toBe('pale-dread.dreamscape.json');
      const exportedPath = await download.path();
      const exported = JSON.parse(readFileSync(exportedPath, 'utf8')) as DreamscapeSpec;
      expect(validateSpec(exported).ok).toBe(true);
      expect(exported).toEqual(inEditor);
      expect(exported.palette?.dread?.skyHorizon).toBe('#8090a8');

      // After a reload the saved spec is listed; the editor starts from the built-in spec again.
      await page.reload();
      await ready(page);
      await page.getByTestId('architect-open').click();
      expect(await page.getByTestId('saved-specs').textContent()).toContain('Pale dread (other-self)');
      expect(await specInEditor(page)).toEqual(builtinSpec('other-self'));

      // The exported file imports back: the same spec, live in the frame again.
      await page.getByTestId('spec-import').setInputFiles(exportedPath);
      await expect
        .poll(() => page.getByTestId('architect-status').textContent())
        .toMatch(/^Imported 'Pale dread' from /);
      expect(await specInEditor(page)).toEqual(exported);
      await nightmareLuminance(page);
      const imported = await nightmareLuminance(page);
      expect(imported / builtIn, `${imported} vs ${builtIn}`).toBeGreaterThan(2);

      // A bad file is refused with its name and the field; the editor keeps what it had.
      const red = {
        ...exported,
        palette: { ...exported.palette, dread: { ...exported.palette!.dread, glow: '#e01010' } },
      };
      await page.getByTestId('spec-import').setInputFiles({
        name: 'red.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(red)),
      });
      await expect
        .poll(() => page.getByTestId('architect-status').textContent())
        .toMatch(/^red\.json: palette\.dread\.glow: is too red/);
      expect(await page.getByTestId('architect-status').getAttribute('role')).toBe('alert');
      expect(await specInEditor(page)).toEqual(exported);

      // A scripted session drives the preview.
      await page.getByTestId('preview-session').selectOption('calm-anxious-recovery');
      await expect
        .poll(() => page.evaluate(() => window.neurosleep!.snapshot().source.label))
        .toBe('Scripted session: calm-anxious-recovery');

      // Another scene's built-in spec switches the scene in place, and the address follows.
      await page.getByTestId('builtin-scene').selectOption('tide');
      await page.getByTestId('spec-load-builtin').click();
      await expect
        .poll(() => page.locator('.dreamscape').getAttribute('aria-label'))
        .toBe('Dreamscape: Tide');
      expect(new URL(page.url()).searchParams.get('scene')).toBe('tide');
      expect(
        await page.getByTestId('scene-picker').locator('[aria-current="page"]').getAttribute('href'),
      ).toMatch(/scene=tide/);
      await ready(page);
      expect(await page.getByTestId('field-palette.dread.seaDeep').inputValue()).toBe(
        builtinSpec('tide')!.palette!.dread!.seaDeep,
      );

      // The draft that loading replaced is one click away, and brings its scene back with it.
      await page.getByTestId('spec-restore').click();
      expect(await specInEditor(page)).toEqual(exported);
      await expect
        .poll(() => page.locator('.dreamscape').getAttribute('aria-label'))
        .toBe('Dreamscape: The Other Self');

      // Closing hands focus back to the button that opened the editor.
      await page.getByRole('button', { name: 'Close the dream architect' }).click();
      await expect
        .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
        .toBe('architect-open');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
    }
  }, 400_000);
});
