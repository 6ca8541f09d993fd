import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import type { Snapshot } from '../../src/app/session-controller.ts';
import { describeShared, sharedFile } from '../helpers/shared-data.ts';
import { launchChromium } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const snapshot = (page: Page) => page.evaluate(() => window.neurosleep!.snapshot()) as Promise<Snapshot>;

/** Signal time and the page's own clock read together, so a slow test machine does not skew rates. */
const timing = (page: Page) =>
  page.evaluate(() => ({
    signalS: window.neurosleep!.snapshot().signalTimeS,
    pageS: performance.now() / 1000,
  }));

describeShared('recording playback', () => {
  it('plays, pauses, changes speed and seeks on the timeline; shortcuts are listed in a help overlay', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(inject('baseUrl'));
    await page
      .getByTestId('recording-input')
      .setInputFiles(sharedFile('jordan-bird_eeg-feature-generation', 'subjecta-neutral-1.csv'));
    await page.getByTestId('playback-bar').waitFor({ timeout: 15_000 });
    await expect
      .poll(() => page.getByTestId('playback-position').textContent(), { timeout: 10_000 })
      .toMatch(/\/ 0:59$/);

    // Signal time moves in whole chunks (up to 1 s of signal at once): rates are taken over 4 s of page time, so
    // one chunk more or less within the window is at most a quarter of a second per second.
    const a = await timing(page);
    await page.waitForTimeout(4000);
    const b = await timing(page);
    const normal = (b.signalS - a.signalS) / (b.pageS - a.pageS);
    expect(normal, 'signal seconds per second at 1×').toBeGreaterThan(0.5);
    expect(normal).toBeLessThan(1.6);

    await page.getByTestId('speed').selectOption('4');
    const c = await timing(page);
    await page.waitForTimeout(4000);
    const d = await timing(page);
    const fast = (d.signalS - c.signalS) / (d.pageS - c.pageS);
    expect(fast, 'signal seconds per second at 4×').toBeGreaterThan(2.5);
    expect(fast).toBeLessThan(5);

    await page.getByTestId('play-pause').click();
    await page.waitForTimeout(400);
    const paused = (await snapshot(page)).samplesReceived;
    await page.waitForTimeout(1200);
    expect((await snapshot(page)).samplesReceived).toBe(paused);

    await page.getByTestId('speed').selectOption('1');
    // Set the slider as a user's drag does (the native setter, then an input event React listens to).
    await page.getByTestId('seek').evaluate((el: HTMLInputElement) => {
      Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set?.call(el, '40');
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await page.getByTestId('play-pause').click();
    await expect
      .poll(async () => (await snapshot(page)).signalTimeS, { timeout: 10_000 })
      .toBeGreaterThan(40);
    await expect
      .poll(() => page.getByTestId('playback-position').textContent())
      .toMatch(/^0:[45]\d \/ 0:59$/);

    await page.keyboard.press('?');
    await expect.poll(() => page.getByTestId('help-overlay').textContent()).toMatch(/Space.*play \/ pause/);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows the session report with the right duration when a recording ends', async () => {
    const page = await browser.newPage({ viewport: { width: 800, height: 500 } });
    await page.goto(inject('baseUrl'));
    await page
      .getByTestId('recording-input')
      .setInputFiles(sharedFile('jordan-bird_eeg-feature-generation', 'subjecta-relaxed-1.csv'));
    await page.getByTestId('playback-bar').waitFor({ timeout: 15_000 });
    await page.getByTestId('speed').selectOption('16');
    const report = page.getByTestId('report-document');
    await expect
      .poll(() => report.locator('table').first().textContent(), { timeout: 60_000 })
      .toMatch(/Duration\s*59\.\d s.*Time in calm/s);
    expect(await report.locator('svg').count()).toBe(3);
    await page.close();
  });
});
