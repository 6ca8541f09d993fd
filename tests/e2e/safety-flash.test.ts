/**
 * `npm run safety` as part of `npm test`: the flash analyzer over every registered scene, on the app built by
 * globalSetup. Every scene must come through the adversarial sequences with no WCAG 2.3.1 violation.
 */
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { analyzeScene, sceneIds, VIRTUAL_FPS } from '../../tools/safety/flash-analyzer.ts';
import { launchChromium } from './browser.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('flash analyzer', () => {
  it.each(sceneIds())(
    'scene %s: square waves 1–30 Hz and random jumps make no general flash over 3/s and no red flash',
    async (id) => {
      const report = await analyzeScene(browser, inject('baseUrl'), id);
      console.log(JSON.stringify(report));
      expect(report.frames).toBeGreaterThan(5 * VIRTUAL_FPS);
      // The probe saw a rendered scene that changed under the adversarial input, not a blank canvas.
      expect(report.luminanceRange[1]).toBeGreaterThan(0.01);
      expect(report.luminanceSwing).toBeGreaterThan(0.005);
      expect(report.generalFlashesMaxPerSecond).toBeLessThanOrEqual(3);
      expect(report.redFlashes).toBe(0);
      expect(report.violations).toBe(0);
    },
    400_000,
  );
});
