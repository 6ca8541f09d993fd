import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Snapshot } from '../../src/app/session-controller.ts';
import { launchChromium } from './browser.ts';

let browser: Browser;
let context: BrowserContext;

beforeAll(async () => {
  browser = await launchChromium();
  // One context for the whole file: its localStorage carries the profile across reloads.
  context = await browser.newContext({ viewport: { width: 1000, height: 720 } });
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Every step 3 s of clean signal, against the demo synthesizer. Frames are manual (none drawn unless asked):
 * the test is about the signal path, and SwiftShader rendering on a loaded machine would starve the page.
 */
const QUERY = '?debug=1&frameloop=manual&calibrationS=3';

const snapshot = (page: Page) => page.evaluate(() => window.neurosleep!.snapshot()) as Promise<Snapshot>;

async function openApp(page: Page, errors: string[]): Promise<void> {
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.goto(inject('baseUrl') + QUERY);
  await page.waitForFunction(() => window.neurosleep !== undefined);
}

/**
 * Calibration values of every dream update from the first on, sampled in the page every 20 ms (updates come
 * at 10 Hz), until `n` updates with a why have been seen.
 */
function firstUpdates(page: Page, n: number) {
  return page.evaluate(
    (count) =>
      new Promise<{ t: number; calibration: number | undefined; saved: number | undefined }[]>((resolve) => {
        const seen: { t: number; calibration: number | undefined; saved: number | undefined }[] = [];
        const timer = setInterval(() => {
          const s = window.neurosleep!.snapshot();
          const t = s.bandPowers?.t;
          if (!s.why || t === undefined || seen.some((x) => x.t === t)) return;
          seen.push({ t, calibration: s.why.calm.calibration, saved: s.why.calm.savedBaseline });
          if (seen.length >= count) {
            clearInterval(timer);
            resolve(seen);
          }
        }, 20);
      }),
    n,
  );
}

describe('calibration wizard and profiles', () => {
  it('calibrates the demo into a new profile, and a reloaded session starts from that baseline', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    await openApp(page, errors);
    await expect.poll(async () => (await snapshot(page)).bandPowers !== null, { timeout: 20_000 }).toBe(true);
    expect((await snapshot(page)).calibration).toMatchObject({ origin: 'calibrating', profile: null });

    // Open by keyboard: focus lands on the step's heading.
    await page.getByTestId('calibrate-open').focus();
    await page.keyboard.press('Enter');
    const wizard = page.getByTestId('calibration-wizard');
    await wizard.waitFor();
    expect(await wizard.getAttribute('role')).toBe('dialog');
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('calibration-step-title');
    expect(await page.getByTestId('calibration-next').isDisabled(), 'no profile chosen yet').toBe(true);

    await page.getByTestId('profile-new-name').fill('Night owl');
    await page.getByTestId('profile-new-name').press('Enter');
    expect(await page.getByTestId('profile-choice-Night owl').isChecked()).toBe(true);
    expect(await page.getByTestId('calibration-eyes').isChecked()).toBe(true);
    await page.getByTestId('calibration-next').click();

    await expect.poll(() => page.getByTestId('contact-list').textContent()).toMatch(/TP9: (good|ok)/);
    const next = page.getByTestId('contact-next');
    if (await next.isDisabled()) await page.getByTestId('contact-anyway').click();
    else await next.click();

    const titles: string[] = [];
    const progress: number[] = [];
    await expect
      .poll(
        async () => {
          const title = await page.getByTestId('calibration-step-title').textContent();
          if (title && titles.at(-1) !== title) titles.push(title);
          const bar = page.getByTestId('calibration-step-progress');
          if (await bar.count()) progress.push(Number(await bar.getAttribute('aria-valuenow')));
          return page.getByTestId('calibration-summary').count();
        },
        { timeout: 40_000, interval: 200 },
      )
      .toBe(1);
    // The summary can land between a poll's title read and its summary check: read the title once more.
    const last = await page.getByTestId('calibration-step-title').textContent();
    if (last && titles.at(-1) !== last) titles.push(last);
    expect(titles).toEqual(['Eyes open', 'Eyes closed', 'Rest baseline', 'Summary']);
    expect(
      progress.some((p) => p > 0 && p < 100),
      'a step showed progress between 0 and 100',
    ).toBe(true);
    expect(await page.getByTestId('alpha-reactivity').textContent()).toMatch(/Alpha reactivity .*\d\.\d\d×/);
    expect(await page.getByTestId('calibration-summary').textContent()).toMatch(
      /Relaxation \(relative alpha\)/,
    );

    await page.getByTestId('calibration-save').click();
    await page.getByTestId('calibration-saved').waitFor();
    const saved = await snapshot(page);
    expect(saved.calibration.origin).toBe('saved');
    expect(saved.calibration.profile?.name).toBe('Night owl');
    expect(saved.calibration.saved).toMatchObject({
      profile: 'Night owl',
      steps: ['eyes-open', 'eyes-closed', 'rest'],
    });
    expect(saved.calibration.saved!.durationS).toBeGreaterThanOrEqual(3);
    expect(saved.calibration.saved!.alphaReactivity).toBeGreaterThan(0);
    await page.getByTestId('calibration-close').click();
    expect(await wizard.count()).toBe(0);
    await expect
      .poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-testid')))
      .toBe('calibrate-open');
    await expect.poll(async () => (await snapshot(page)).why?.calm.savedBaseline).toBe(1);
    const keys = await page.evaluate(() => Object.keys(localStorage));
    expect(keys.length).toBeGreaterThan(0);
    expect(keys.every((k) => k.startsWith('neurosleep.profiles'))).toBe(true);

    // Without an active profile the reloaded session calibrates itself…
    await page.getByTestId('profile-select').selectOption({ label: 'None (calibrate each session)' });
    await expect.poll(async () => (await snapshot(page)).calibration.origin).toBe('calibrating');
    await page.reload();
    await page.waitForFunction(() => window.neurosleep !== undefined);
    const calibrating = await firstUpdates(page, 5);
    expect(calibrating.every((u) => (u.calibration ?? 1) < 1 && u.saved === undefined)).toBe(true);

    // …and selecting the profile puts its saved baseline in charge at once: no calibration phase.
    await page.getByTestId('profile-select').selectOption({ label: 'Night owl' });
    await expect.poll(async () => (await snapshot(page)).calibration.origin).toBe('saved');
    await expect.poll(async () => (await snapshot(page)).why?.calm.calibration).toBe(1);
    await page.getByRole('button', { name: 'Why?' }).click();
    // The HUD redraws from the snapshot a few times a second: poll, the switch may land a redraw later.
    await expect
      .poll(() => page.getByTestId('why-baseline').textContent())
      .toMatch(/z-scores against Night owl's saved baseline .*3 s rest, alpha reactivity \d\.\d\d×/);

    // A fresh session with the profile active starts from the saved baseline from its very first update.
    await page.reload();
    await page.waitForFunction(() => window.neurosleep !== undefined);
    const first = await firstUpdates(page, 10);
    expect(first.map((u) => u.calibration)).toEqual(Array(10).fill(1));
    expect(first.map((u) => u.saved)).toEqual(Array(10).fill(1));
    const reloaded = await snapshot(page);
    expect(reloaded.calibration).toMatchObject({ origin: 'saved', profile: { name: 'Night owl' } });
    expect(await page.getByTestId('baseline-status').textContent()).toMatch(/Night owl's saved baseline/);
    expect(errors).toEqual([]);
    await page.close();
  }, 240_000);

  it('"Delete my data" removes the profiles, and the session goes back to calibrating itself', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    await openApp(page, errors);
    await expect.poll(async () => (await snapshot(page)).calibration.origin).toBe('saved');
    page.once('dialog', (d) => void d.accept());
    await page.getByTestId('delete-all-data').click();
    await page.getByTestId('delete-status').waitFor();
    await expect.poll(async () => (await snapshot(page)).calibration.origin).toBe('calibrating');
    expect((await snapshot(page)).calibration.profile).toBeNull();
    expect(await page.getByTestId('profile-select').locator('option').allTextContents()).toEqual([
      'None (calibrate each session)',
    ]);
    expect(await page.evaluate(() => localStorage.length)).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('the wizard keeps the keyboard inside, and Cancel at any step saves nothing', async () => {
    const page = await context.newPage();
    const errors: string[] = [];
    await openApp(page, errors);
    await page.getByTestId('calibrate-open').click();
    // Keyboard: Tab and Shift+Tab stay inside the dialog; every stop is named and shows its focus ring.
    const stops: { inside: boolean; name: string; outline: string }[] = [];
    for (const key of [...Array<string>(12).fill('Tab'), ...Array<string>(12).fill('Shift+Tab')]) {
      await page.keyboard.press(key);
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement | null;
          const labelled =
            el?.getAttribute('aria-label') ?? (el as HTMLInputElement | null)?.labels?.[0]?.textContent;
          return {
            inside: !!el?.closest('[data-testid=calibration-wizard]'),
            name: (labelled ?? el?.textContent ?? '').trim(),
            outline: el ? getComputedStyle(el).outlineStyle : 'none',
          };
        }),
      );
    }
    expect(stops.filter((s) => !s.inside)).toEqual([]);
    expect(stops.filter((s) => s.name === '')).toEqual([]);
    expect(stops.filter((s) => s.outline === 'none')).toEqual([]);
    expect(new Set(stops.map((s) => s.name))).toEqual(
      new Set([
        'New profile name',
        'Create profile',
        'Include the eyes-open / eyes-closed check (3 s each): it shows how well alpha is picked up',
        'Cancel',
      ]),
    );
    await page.getByTestId('profile-new-name').fill('Brief');
    await page.getByTestId('profile-create').click();
    await page.getByTestId('calibration-next').click();
    await page.getByTestId('contact-list').waitFor();
    await page.getByTestId('calibration-cancel').click();
    expect(await page.getByTestId('calibration-wizard').count()).toBe(0);
    const s = await snapshot(page);
    expect(s.calibration.origin).not.toBe('saved');
    expect(
      s.calibration.profile,
      'creating a profile does not select it until a baseline is saved',
    ).toBeNull();

    // Cancelled mid-measurement: nothing is saved.
    await page.getByTestId('calibrate-open').click();
    await page.getByTestId('profile-choice-Brief').check();
    await page.getByTestId('calibration-next').click();
    await page.getByTestId('contact-list').waitFor();
    const start = page.getByTestId('contact-next');
    await ((await start.isDisabled()) ? page.getByTestId('contact-anyway') : start).click();
    await expect
      .poll(async () =>
        Number(await page.getByTestId('calibration-step-progress').getAttribute('aria-valuenow')),
      )
      .toBeGreaterThan(0);
    await page.getByTestId('calibration-cancel').click();
    expect(await page.getByTestId('calibration-wizard').count()).toBe(0);
    // Rename and delete work from the profile step; the HUD's picker follows.
    await page.getByTestId('calibrate-open').click();
    await page.getByRole('button', { name: 'Rename profile Brief' }).click();
    await page.getByRole('textbox', { name: 'New name for Brief' }).fill('Brief too');
    await page.getByRole('button', { name: 'Save name' }).click();
    await page.getByTestId('profile-new-name').fill('Spare');
    await page.getByTestId('profile-create').click();
    page.once('dialog', (d) => void d.accept());
    await page.getByRole('button', { name: 'Delete profile Spare' }).click();
    await page.getByTestId('calibration-cancel').click();
    expect(await page.getByTestId('profile-select').locator('option').allTextContents()).toEqual([
      'None (calibrate each session)',
      'Brief too',
    ]);
    const stored = await page.evaluate(() =>
      Object.keys(localStorage).map((k) => JSON.parse(localStorage.getItem(k) ?? 'null') as unknown),
    );
    expect(stored).toEqual([expect.objectContaining({ name: 'Brief too', baselines: {} })]);
    expect((await snapshot(page)).calibration.origin).not.toBe('saved');
    expect(errors).toEqual([]);
    await page.close();
  });
});
