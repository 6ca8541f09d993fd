/**
 * Every registered dreamscape, opened with `?scene=<id>` in real headless Chromium and driven through the
 * governor by `forceDreamState` on virtual frames: calm, nightmare and wonder each render a non-blank frame,
 * and calm and nightmare differ by a large margin in mean luminance and in colour histogram; the bloom makes
 * wonder glow and leaves a nightmare dark. Screenshots of each state go to test-results/scenes/.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { NeuroSleepDebugApi } from '../../src/app/console-api.ts';
import { SCENES } from '../../scenes/index.ts';
import { builtinSpec } from '../../src/architect/index.ts';
import { launchChromium } from './browser.ts';
import { frameStats, type FrameStats } from './canvas-stats.ts';
import { waitForDrawnScene } from '../../tools/safety/flash-analyzer.ts';

let browser: Browser;

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const STATES = {
  calm: { calm: 1, dread: 0, wonder: 0, drowsiness: 0, glitch: 0, presence: 1 },
  nightmare: { calm: 0, dread: 1, wonder: 0, drowsiness: 0, glitch: 0, presence: 1 },
  wonder: { calm: 0.8, dread: 0, wonder: 1, drowsiness: 0, glitch: 0, presence: 1 },
} as const;

interface DrawCount {
  calls: number;
  triangles: number;
  points: number;
}

/**
 * Runs in the page before any script: counts what each WebGL draw call submits, the same figures as three's
 * `renderer.info` (calls, triangles, points) but measured at the GL API itself.
 */
function countDraws(): void {
  const count: DrawCount = { calls: 0, triangles: 0, points: 0 };
  (window as unknown as { __draws: DrawCount }).__draws = count;
  const add = (mode: number, n: number, instances = 1) => {
    count.calls++;
    if (mode === WebGL2RenderingContext.TRIANGLES) count.triangles += (n / 3) * instances;
    else if (mode === WebGL2RenderingContext.TRIANGLE_STRIP || mode === WebGL2RenderingContext.TRIANGLE_FAN)
      count.triangles += Math.max(0, n - 2) * instances;
    else if (mode === WebGL2RenderingContext.POINTS) count.points += n * instances;
  };
  for (const proto of [WebGL2RenderingContext.prototype, WebGLRenderingContext.prototype]) {
    const p = proto as unknown as Record<string, (...args: number[]) => void>;
    const drawArrays = p.drawArrays!;
    const drawElements = p.drawElements!;
    p.drawArrays = function (this: unknown, mode: number, first: number, n: number) {
      add(mode, n);
      drawArrays.call(this, mode, first, n);
    };
    p.drawElements = function (this: unknown, mode: number, n: number, type: number, offset: number) {
      add(mode, n);
      drawElements.call(this, mode, n, type, offset);
    };
  }
}

/** Where the scene screenshots go (git-ignored), for a person to look at what the figures describe. */
const SCREENSHOTS = 'test-results/scenes';

/** Writes the dreamscape canvas as it is now (the frame the figures were taken from) to SCREENSHOTS. */
async function saveScreenshot(page: Page, id: string, state: string): Promise<void> {
  const url = await page.evaluate(() =>
    (document.querySelector('[data-testid=dreamscape-canvas] canvas') as HTMLCanvasElement).toDataURL(
      'image/png',
    ),
  );
  mkdirSync(SCREENSHOTS, { recursive: true });
  writeFileSync(`${SCREENSHOTS}/${id}-${state}.png`, Buffer.from(url.slice(url.indexOf(',') + 1), 'base64'));
}

/** What one frame draws. */
function drawsPerFrame(page: Page): Promise<DrawCount> {
  return page.evaluate(() => {
    const d = (window as unknown as { __draws: DrawCount }).__draws;
    Object.assign(d, { calls: 0, triangles: 0, points: 0 });
    (window.neurosleep as NeuroSleepDebugApi).advanceFrames(1, 0.05);
    return { ...d };
  });
}

/** Total variation distance between two normalised histograms, 0 (same) .. 1 (disjoint). */
function histogramDistance(a: readonly number[], b: readonly number[]): number {
  let d = 0;
  for (let i = 0; i < a.length; i++) d += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return d / 2;
}

/**
 * Forces a dream state and lets governor and scene settle: 12.5 s of governor time in 0.25 s frames (the
 * scene caps its own step at 0.1 s, so it eases over 5 s of its time; both are well past their ramps).
 */
async function settle(page: Page, state: (typeof STATES)[keyof typeof STATES]): Promise<FrameStats> {
  await page.evaluate((s) => {
    const api = window.neurosleep as NeuroSleepDebugApi;
    api.forceDreamState(s);
    api.advanceFrames(50, 0.25);
  }, state);
  return frameStats(page);
}

describe.each(SCENES.map((s) => ({ id: s.id, name: s.name })))('dreamscape $name (?scene=$id)', ({ id }) => {
  it('renders calm, nightmare, wonder and glitch within budget; calm and nightmare differ widely', async () => {
    // Small frames: SwiftShader renders on the CPU, and each state takes 50 frames.
    const page = await browser.newPage({ viewport: { width: 240, height: 150 }, deviceScaleFactor: 1 });
    try {
      await checkScene(page, id);
    } finally {
      await page.close();
    }
  }, 300_000);
});

async function checkScene(page: Page, id: string): Promise<void> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  await page.addInitScript(countDraws);
  await page.goto(`${inject('baseUrl')}?debug=1&frameloop=manual&scene=${id}`);
  await page.waitForFunction(() => {
    try {
      (window.neurosleep as NeuroSleepDebugApi | undefined)?.advanceFrames(0, 0.1);
      return window.neurosleep !== undefined;
    } catch {
      return false;
    }
  });
  // The scene's code loads lazily: step frames until it has drawn something.
  await expect
    .poll(
      async () => {
        await page.evaluate(() => (window.neurosleep as NeuroSleepDebugApi).advanceFrames(5, 0.1));
        return (await frameStats(page)).litShare;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThan(0.2);

  // The start screen's picker marks this dreamscape and links to every other one by ?scene=<id>.
  const picker = page.getByTestId('scene-picker');
  await expect
    .poll(() => picker.locator('[aria-current="page"]').getAttribute('href'))
    .toMatch(`scene=${id}`);
  const hrefs = await picker.locator('a').evaluateAll((links) => links.map((a) => a.getAttribute('href')));
  expect(hrefs).toEqual(SCENES.map((s) => expect.stringMatching(`debug=1.*scene=${s.id}`)));

  const draws: Record<string, DrawCount> = {};
  const calm = await settle(page, STATES.calm);
  await saveScreenshot(page, id, 'calm');
  draws.calm = await drawsPerFrame(page);
  const nightmare = await settle(page, STATES.nightmare);
  await saveScreenshot(page, id, 'nightmare');
  draws.nightmare = await drawsPerFrame(page);
  const wonder = await settle(page, STATES.wonder);
  await saveScreenshot(page, id, 'wonder');
  draws.wonder = await drawsPerFrame(page);
  await page.evaluate(() =>
    (window.neurosleep as NeuroSleepDebugApi).forceDreamState({ glitch: 1, dread: 0.5 }),
  );
  await page.evaluate(() => (window.neurosleep as NeuroSleepDebugApi).advanceFrames(30, 0.25));
  await saveScreenshot(page, id, 'glitch');
  draws.glitch = await drawsPerFrame(page);
  for (const [state, d] of Object.entries(draws)) {
    const seen = `${state}: ${JSON.stringify(d)}`;
    expect(d.calls, seen).toBeGreaterThan(0);
    expect(d.calls, `draw calls per frame, ${seen}`).toBeLessThanOrEqual(100);
    expect(d.triangles, `triangles per frame, ${seen}`).toBeLessThanOrEqual(500_000);
  }
  const shown = (s: FrameStats) => ({
    mean: +s.mean.toFixed(4),
    std: +s.std.toFixed(4),
    lit: +s.litShare.toFixed(2),
  });
  const summary = JSON.stringify({ calm: shown(calm), nightmare: shown(nightmare), wonder: shown(wonder) });

  for (const [name, s] of Object.entries({ calm, nightmare, wonder })) {
    expect(s.litShare, `${name}: share of pixels that are not black (${summary})`).toBeGreaterThan(0.3);
    expect(s.std, `${name}: the frame shows structure, not one flat colour (${summary})`).toBeGreaterThan(
      0.003,
    );
  }
  expect(calm.mean / nightmare.mean, `calm is much brighter than nightmare (${summary})`).toBeGreaterThan(2);
  expect(
    histogramDistance(calm.histogram, nightmare.histogram),
    `colour histograms (${summary})`,
  ).toBeGreaterThan(0.4);
  expect(wonder.mean, `wonder is at least as bright as calm (${summary})`).toBeGreaterThan(0.8 * calm.mean);
  expect(errors).toEqual([]);
}

/** Opens `?scene=<id>` plus `query` on a small page and settles each state in turn; their frame figures. */
async function settledStates(
  id: string,
  query: string,
  states: readonly (typeof STATES)[keyof typeof STATES][],
): Promise<FrameStats[]> {
  const page = await browser.newPage({ viewport: { width: 240, height: 150 }, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${inject('baseUrl')}?debug=1&frameloop=manual&scene=${id}${query}`);
    await waitForDrawnScene(page);
    const out: FrameStats[] = [];
    for (const state of states) out.push(await settle(page, state));
    expect(await page.getByTestId('load-error').count()).toBe(0);
    expect(errors).toEqual([]);
    return out;
  } finally {
    await page.close();
  }
}

describe('a dreamscape spec', () => {
  it('changes the rendered frame: a paler nightmare palette in ?spec= lightens the nightmare', async () => {
    const spec = structuredClone(builtinSpec('other-self')!);
    Object.assign(spec.palette!.dread!, { skyZenith: '#304058', skyHorizon: '#8090a8', water: '#304058' });
    const [builtIn] = await settledStates('other-self', '', [STATES.nightmare]);
    const [edited] = await settledStates('other-self', `&spec=${encodeURIComponent(JSON.stringify(spec))}`, [
      STATES.nightmare,
    ]);
    expect(
      edited!.mean / builtIn!.mean,
      `mean luminance ${edited!.mean} vs ${builtIn!.mean}`,
    ).toBeGreaterThan(3);
  }, 300_000);
});

describe.each(SCENES.map((s) => ({ id: s.id, name: s.name })))('the bloom of $name', ({ id }) => {
  it('makes wonder glow far more than a nightmare; ?effects=0 turns it off', async () => {
    const [wonder, nightmare] = await settledStates(id, '', [STATES.wonder, STATES.nightmare]);
    const [flatWonder, flatNightmare] = await settledStates(id, '&effects=0', [
      STATES.wonder,
      STATES.nightmare,
    ]);
    const gain = (a: FrameStats, b: FrameStats) => a.mean / b.mean - 1;
    const seen = `wonder ${flatWonder!.mean.toFixed(4)} → ${wonder!.mean.toFixed(4)}, nightmare ${flatNightmare!.mean.toFixed(4)} → ${nightmare!.mean.toFixed(4)}`;
    console.log(`${id} bloom: ${seen}`);
    expect(gain(wonder!, flatWonder!), seen).toBeGreaterThan(0.05);
    expect(gain(nightmare!, flatNightmare!), seen).toBeLessThan(gain(wonder!, flatWonder!) / 2);
  }, 300_000);
});
