import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, it } from 'vitest';
import { describeShared, sharedFile } from '../helpers/shared-data.ts';
import { launchChromium } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describeShared('the live signal panel', () => {
  it('plots raw traces, spectrum and band history of a recording, with electrode contact and gaps', async () => {
    const page = await browser.newPage({ viewport: { width: 1200, height: 760 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(inject('baseUrl'));
    await page.getByTestId('toggle-panel').click();
    await page
      .getByTestId('recording-input')
      .setInputFiles(sharedFile('mad-lab-fau_BioPsyKit', 'eeg_muse_example.csv'));
    const panel = page.getByTestId('live-panel');
    await expect.poll(() => panel.locator('.uplot').count(), { timeout: 15_000 }).toBe(3);
    await expect.poll(() => panel.locator('.electrode').count(), { timeout: 15_000 }).toBe(4);
    await expect
      .poll(() => page.getByTestId('gap-indicator').textContent(), { timeout: 15_000 })
      .toMatch(/^Gaps: 0 \(0 samples lost, 0\.00%\)/);
    // The raw plot has data: uPlot draws its series paths onto the canvas.
    await expect
      .poll(
        () =>
          panel.evaluate((el) => {
            const c = el.querySelector('.uplot canvas') as HTMLCanvasElement | null;
            const ctx = c?.getContext('2d');
            if (!c || !ctx) return 0;
            const d = ctx.getImageData(0, 0, c.width, c.height).data;
            let lit = 0;
            for (let i = 3; i < d.length; i += 4) if ((d[i] ?? 0) > 0) lit++;
            return lit;
          }),
        { timeout: 15_000 },
      )
      .toBeGreaterThan(500);
    await page.keyboard.press('p');
    await expect.poll(() => page.getByTestId('live-panel').count()).toBe(0);
    expect(errors).toEqual([]);
    await page.close();
  });
});
