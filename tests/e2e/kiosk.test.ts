import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launchChromium } from './browser.ts';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('kiosk mode', () => {
  it('runs consent → session → headset removed → reset, unattended', async () => {
    const page = await browser.newPage({ viewport: { width: 900, height: 640 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(inject('baseUrl') + '?kiosk=1&debug=1');
    const consent = page.getByTestId('kiosk-consent');
    await consent.waitFor({ timeout: 20_000 });
    expect(await consent.textContent()).toMatch(/Nothing leaves this device.*Esc/s);
    // The attract loop plays behind the consent screen; the kiosk policy caps nightmares.
    await expect
      .poll(() => page.evaluate(() => window.neurosleep!.snapshot().samplesReceived), { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await page.locator('[data-testid=recording-input]').isVisible()).toBe(false);

    await page.getByTestId('kiosk-begin').click();
    await expect.poll(() => consent.count(), { timeout: 10_000 }).toBe(0);

    // The headset comes off: presence drops, and after a few seconds the kiosk resets to its consent screen.
    await page.evaluate(() =>
      (window.neurosleep as unknown as { forceDreamState(s: object): unknown }).forceDreamState({
        presence: 0,
        glitch: 1,
      }),
    );
    await consent.waitFor({ timeout: 30_000 });
    expect(await consent.textContent()).toMatch(/the headset was taken off/);
    expect(errors).toEqual([]);
    await page.close();
  });
});
