/**
 * `?source=mock` in real Chromium: the emulated headset behind a fake navigator.bluetooth, read by the real
 * muse-js path into MuseSource and the dream. Injected faults show as gaps, "reconnecting" and glitch.
 */
import { readFileSync } from 'node:fs';
import { readRecording, scanRecording } from '../../src/readers/index.ts';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
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

async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 960, height: 600 } });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  return { page, errors };
}

const snapshot = (page: Page) => page.evaluate(() => window.neurosleep!.snapshot()) as Promise<Snapshot>;

async function waitFor(page: Page, test: (s: Snapshot) => boolean, timeoutMs = 20_000): Promise<Snapshot> {
  const until = Date.now() + timeoutMs;
  let last = await snapshot(page);
  while (!test(last)) {
    if (Date.now() > until)
      throw new Error(`timed out; last snapshot: ${JSON.stringify({ ...last, why: null })}`);
    await page.waitForTimeout(200);
    last = await snapshot(page);
  }
  return last;
}

describe('?source=mock', () => {
  it('streams the synthesized headset through muse-js', async () => {
    const { page, errors } = await openPage();
    await page.goto(inject('baseUrl') + '?source=mock');
    await page.waitForFunction(() => window.neurosleep !== undefined);
    const first = await waitFor(page, (s) => s.source.kind === 'mock' && s.samplesReceived > 256);
    expect(first.status.state).toBe('streaming');
    expect(first.sampleRate).toBe(256);
    expect(first.source.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    const later = await waitFor(page, (s) => s.samplesReceived > first.samplesReceived + 256);
    expect(later.gaps.count).toBe(0);
    // Device info (`v1`) and battery (telemetry) from the emulated Muse 2016, shown in the HUD.
    expect(later.device?.firmware).toBe('1.2.13');
    expect(later.device?.batteryPct).toBeCloseTo(82, 0);
    expect(await page.getByTestId('device').textContent()).toMatch(/battery 82 % · firmware 1\.2\.13/);
    expect(await page.getByTestId('connect-muse').isVisible()).toBe(true);
    expect(errors).toEqual([]);
    await page.close();
  });

  it('shows a dropped link as "reconnecting", then resumes with the gap counted', async () => {
    const { page, errors } = await openPage();
    await page.goto(inject('baseUrl') + '?source=mock&disconnectAt=2&reconnectAt=4');
    await page.waitForFunction(() => window.neurosleep !== undefined);
    await page.waitForFunction(
      () =>
        /reconnecting \(attempt \d+\)/.test(
          document.querySelector('[data-testid="status"]')?.textContent ?? '',
        ),
      undefined,
      { timeout: 20_000, polling: 50 },
    );
    const resumed = await waitFor(page, (s) => s.status.state === 'streaming' && s.gaps.count === 1);
    expect(resumed.gaps.missingSamples % 12).toBe(0);
    expect(resumed.gaps.missingSamples).toBeGreaterThanOrEqual(256);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describeShared('?source=mock&recording=…', () => {
  it('plays a shared recording through the emulated headset; injected loss is visible as gaps and glitch', async () => {
    const { page, errors } = await openPage();
    const file = sharedFile('mad-lab-fau_BioPsyKit', 'eeg_muse_example.csv');
    await page.route('**/recordings/example.csv', (route) =>
      route.fulfill({ body: readFileSync(file), contentType: 'text/csv' }),
    );
    await page.goto(
      inject('baseUrl') + '?source=mock&recording=recordings/example.csv&loss=0.2&burstAt=2&burstPackets=150',
    );
    await page.waitForFunction(() => window.neurosleep !== undefined);
    const s = await waitFor(
      page,
      (x) => x.source.kind === 'mock' && x.gaps.count > 5 && x.dreamState.glitch > 0.1,
    );
    expect(s.gaps.missingSamples % 12).toBe(0);
    expect(s.samplesReceived % 12).toBe(0);
    await page.waitForFunction(
      () =>
        / gaps \(\d+ samples lost\)/.test(
          document.querySelector('[data-testid="status"]')?.textContent ?? '',
        ),
      undefined,
      { timeout: 5000 },
    );
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('recording that survives a crash', () => {
  it('closes the page mid-recording; after reopening, the recording is offered and reads back', async () => {
    const context = await browser.newContext({ acceptDownloads: true });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(inject('baseUrl') + '?source=mock');
    await waitFor(page, (s) => s.source.kind === 'mock' && s.samplesReceived > 0);
    await page.getByTestId('record-start').dispatchEvent('click');
    await page.getByTestId('record-stop').waitFor();
    // Waits on what storage holds (the HUD's "saved" count), not wall time: a loaded machine streams the mock
    // and writes IndexedDB more slowly.
    const saved = page.getByTestId('recording-saved');
    await expect
      .poll(async () => Number(await saved.getAttribute('data-samples')), { timeout: 30_000 })
      .toBeGreaterThan(3 * 256);
    const savedBeforeClose = Number(await saved.getAttribute('data-samples'));
    const receivedBeforeClose = (await snapshot(page)).samplesReceived;
    // No stop, no unload handler: the tab is gone as in a crash.
    await page.close({ runBeforeUnload: false });

    const again = await context.newPage();
    again.on('pageerror', (e) => errors.push(e.message));
    await again.goto(inject('baseUrl'));
    const item = again.getByTestId('unfinished-recordings').locator('li').first();
    await item.waitFor({ timeout: 10_000 });
    expect(await item.textContent()).toMatch(/not stopped/);
    const [download] = await Promise.all([
      again.waitForEvent('download'),
      item.getByRole('button', { name: 'Download', exact: true }).dispatchEvent('click'),
    ]);
    const path = await download.path();
    const bytes = readFileSync(path);
    const open = () =>
      (async function* () {
        yield new Uint8Array(bytes);
      })();
    const scan = await scanRecording('recovered.csv', open);
    expect(scan.format).toBe('mind-monitor');
    let samples = 0;
    await readRecording(scan, open, (e) => {
      if (e.kind === 'samples') samples += e.length;
    });
    // Everything the page said was saved comes back; nothing it never received.
    expect(samples).toBeGreaterThanOrEqual(savedBeforeClose);
    expect(samples).toBeLessThanOrEqual(receivedBeforeClose);
    expect(errors).toEqual([]);
    await context.close();
  });
});
