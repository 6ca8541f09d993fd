/**
 * The flash analyzer: renders every registered scene in headless Chromium at a fixed virtual frame rate, drives
 * adversarial dream states through `forceDreamState` (which bypasses the model, never the governor), reads each
 * frame's relative luminance and red ratio per screen tile, and counts WCAG 2.3.1 general and red flashes over
 * every 1 s window. `npm run safety` prints one JSON line per scene and exits 1 if any scene has violations;
 * tests/e2e/safety-flash.test.ts runs the same analysis as part of `npm test`.
 */
import type { Browser, Page } from 'playwright-core';
import { SCENES } from '../../scenes/index.ts';
import type { DreamState } from '../../src/dream/dream-state.ts';
import type { NeuroSleepDebugApi } from '../../src/app/console-api.ts';
import type { FrameProbe } from '../../src/app/frame-probe.ts';
import { countFlashes, MAX_GENERAL_FLASHES_PER_S } from '../../src/safety/flash-count.ts';
import { mulberry32 } from '../../dsp/seeded-random.ts';

export const VIRTUAL_FPS = 60;
/** Small on purpose: SwiftShader renders a few frames a second at full size, and flashes are area-wide. */
export const CANVAS = { width: 96, height: 60 } as const;
export const SQUARE_WAVE_HZ = [1, 3, 6, 10, 15, 30] as const;
const SQUARE_WAVE_S = 1.5;
const RANDOM_JUMPS_S = 3;
/** Calm frames rendered before measuring, so the scene's own fade-in on mount is not part of the count. */
const SETTLE_S = 1;

type State = Partial<Record<keyof DreamState, number>>;
const CALM: State = { calm: 1, dread: 0, wonder: 0, drowsiness: 0, glitch: 0, presence: 1 };
const NIGHTMARE: State = { calm: 0, dread: 1, wonder: 0, drowsiness: 0, glitch: 1, presence: 1 };

export interface Sequence {
  readonly name: string;
  readonly states: readonly State[];
}

/** Seeded so every run drives the same jumps (mulberry32). */
const random = mulberry32;

/** Square waves from 1 to 30 Hz between calm and full nightmare, then random jumps between random states. */
export function adversarialSequences(seed = 2331): Sequence[] {
  const out: Sequence[] = [];
  for (const hz of SQUARE_WAVE_HZ) {
    const states: State[] = [];
    for (let i = 0; i < SQUARE_WAVE_S * VIRTUAL_FPS; i++)
      states.push(Math.floor(((i / VIRTUAL_FPS) * hz * 2) % 2) === 0 ? NIGHTMARE : CALM);
    out.push({ name: `square ${hz} Hz`, states });
  }
  const rnd = random(seed);
  const states: State[] = [];
  let current: State = CALM;
  let hold = 0;
  for (let i = 0; i < RANDOM_JUMPS_S * VIRTUAL_FPS; i++) {
    if (hold-- <= 0) {
      current =
        rnd() < 0.3
          ? rnd() < 0.5
            ? CALM
            : NIGHTMARE
          : { calm: rnd(), dread: rnd(), wonder: rnd(), drowsiness: rnd(), glitch: rnd(), presence: 1 };
      hold = Math.floor(rnd() * 12);
    }
    states.push(current);
  }
  out.push({ name: 'random jumps', states });
  return out;
}

export interface SceneFlashReport {
  scene: string;
  generalFlashesMaxPerSecond: number;
  redFlashes: number;
  violations: number;
  frames: number;
  virtualFps: number;
  /** The sequence with the most general flashes in a second ('none' when no sequence made any). */
  worstSequence: string;
  /** Lowest and highest tile luminance seen, to show the frames were not blank. */
  luminanceRange: [number, number];
  /** The largest change of one tile's luminance over the run: the probe follows the scene's changes. */
  luminanceSwing: number;
}

/**
 * Waits for the debug stepper, then steps calm frames until the lazily loaded scene draws something; fails
 * with a clear message if it never does (a blank canvas would pass any flash test).
 */
export async function waitForDrawnScene(page: Page, timeoutMs = 30_000): Promise<void> {
  await page.waitForFunction(() => {
    const api = window.neurosleep;
    if (!api || !('advanceFrames' in api)) return false;
    try {
      api.advanceFrames(0, 1 / 60);
      return true;
    } catch {
      // Not mounted yet: the canvas registers its stepper on mount.
      return false;
    }
  });
  await page.evaluate((calm) => (window.neurosleep as NeuroSleepDebugApi).forceDreamState(calm), CALM);
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lit = await page.evaluate(() => {
      const probe = (window.neurosleep as NeuroSleepDebugApi).advanceFrames(1, 1 / 60, true);
      return Math.max(...(probe?.luminance[0] ?? [0]));
    });
    if (lit > 0.001) return;
    if (Date.now() > deadline) throw new Error(`the scene drew nothing within ${timeoutMs / 1000} s`);
    await page.waitForTimeout(100);
  }
}

/** Renders one scene through every sequence and counts its flashes per screen tile. */
export async function analyzeScene(
  browser: Browser,
  baseUrl: string,
  sceneId: string,
  sequences: readonly Sequence[] = adversarialSequences(),
): Promise<SceneFlashReport> {
  const page = await browser.newPage({ viewport: CANVAS, deviceScaleFactor: 1 });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  try {
    await page.goto(`${baseUrl}?debug=1&frameloop=manual&scene=${encodeURIComponent(sceneId)}`);
    await waitForDrawnScene(page);
    await page.evaluate(
      ({ n, dt }) => {
        const api = window.neurosleep as NeuroSleepDebugApi;
        api.advanceFrames(n, dt, false);
      },
      { n: SETTLE_S * VIRTUAL_FPS, dt: 1 / VIRTUAL_FPS },
    );

    const tiles: TileSeries[] = [];
    const bySequence: { name: string; start: number; end: number }[] = [];
    let frames = 0;
    for (const seq of sequences) {
      const probe = await page.evaluate(
        ({ states, dt }) => {
          const api = window.neurosleep as NeuroSleepDebugApi;
          const out: FrameProbe = { luminance: [], redRatio: [], width: 0, height: 0 };
          for (const s of states) {
            api.forceDreamState(s);
            const p = api.advanceFrames(1, dt, true);
            if (!p) throw new Error('advanceFrames returned no probe');
            out.luminance.push(...p.luminance);
            out.redRatio.push(...p.redRatio);
          }
          return out;
        },
        { states: seq.states as State[], dt: 1 / VIRTUAL_FPS },
      );
      bySequence.push({ name: seq.name, start: frames, end: frames + probe.luminance.length });
      probe.luminance.forEach((lum, f) => {
        lum.forEach((v, t) => {
          tiles[t] ??= { luminance: [], red: [] };
          tiles[t].luminance.push(v);
          tiles[t].red.push(probe.redRatio[f]?.[t] ?? 0);
        });
      });
      frames += probe.luminance.length;
    }
    if (errors.length > 0) throw new Error(`scene ${sceneId}: page errors: ${errors.join('; ')}`);

    return summarizeFlashes(sceneId, tiles, bySequence, frames);
  } finally {
    await page.close();
  }
}

export interface TileSeries {
  luminance: number[];
  red: number[];
}

/**
 * Counts flashes per screen tile over the whole run (the sequences follow one another without a break) and
 * reports the worst tile. A violation is a tile that breaks the general-flash limit, or shows any red flash.
 */
export function summarizeFlashes(
  sceneId: string,
  tiles: readonly TileSeries[],
  bySequence: readonly { name: string; start: number; end: number }[],
  frames: number,
): SceneFlashReport {
  let general = 0;
  let red = 0;
  let violations = 0;
  let worst = { name: 'none', flashes: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  let swing = 0;
  for (const tile of tiles) {
    swing = Math.max(swing, Math.max(...tile.luminance) - Math.min(...tile.luminance));
    const c = countFlashes(tile.luminance, tile.red, VIRTUAL_FPS);
    general = Math.max(general, c.maxGeneralFlashesPerSecond);
    red += c.redFlashes;
    if (c.maxGeneralFlashesPerSecond > MAX_GENERAL_FLASHES_PER_S) violations++;
    if (c.redFlashes > 0) violations++;
    for (const v of tile.luminance) {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
    for (const s of bySequence) {
      const part = countFlashes(tile.luminance.slice(s.start, s.end), [], VIRTUAL_FPS);
      if (part.maxGeneralFlashesPerSecond > worst.flashes)
        worst = { name: s.name, flashes: part.maxGeneralFlashesPerSecond };
    }
  }
  const round = (x: number) => Math.round(x * 10000) / 10000;
  return {
    scene: sceneId,
    generalFlashesMaxPerSecond: general,
    redFlashes: red,
    violations,
    frames,
    virtualFps: VIRTUAL_FPS,
    worstSequence: worst.name,
    luminanceRange: [round(lo), round(hi)],
    luminanceSwing: round(swing),
  };
}

export function sceneIds(): string[] {
  return SCENES.map((s) => s.id);
}
