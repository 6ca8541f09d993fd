/**
 * Issue 6: JavaScript work per frame, per scene: what each scene's `useFrame` runs (the scene's frame step:
 * easing the governed params, the look, the clocks, the uniforms and the camera pose), driven through calm →
 * nightmare → wonder → glitch and back, 60 fps. Budget: 2 ms per frame. Also the heap growth per frame with
 * the collector left alone, as a check that a frame allocates nothing. three.js's own render traversal and
 * the GPU are not in these figures (the e2e budgets count draw calls and triangles).
 * Prints one JSON line per scene. Run: `npx tsx bench/scene-frame.bench.ts`.
 */
import type { SceneParams } from '../scenes/params.ts';
import { createCosmosFrame, stepCosmosFrame } from '../scenes/cosmos/frame.ts';
import { DEFAULT_COSMOS_TUNING } from '../scenes/cosmos/look.ts';
import { createOtherSelfFrame, stepOtherSelfFrame } from '../scenes/other-self/frame.ts';
import { DEFAULT_OTHER_SELF_TUNING } from '../scenes/other-self/look.ts';
import { createTideFrame, stepTideFrame } from '../scenes/tide/frame.ts';
import { DEFAULT_TIDE_TUNING } from '../scenes/tide/look.ts';
import { percentile, report } from './synth-data.ts';

const FRAMES = 60 * 60 * 5;
const BUDGET_MS = 2;

/** Params for frame k: a slow tour of the dream's extremes, so every branch of every look runs. */
function paramsAt(k: number, out: { -readonly [K in keyof SceneParams]: SceneParams[K] }): SceneParams {
  const phase = (k / (60 * 20)) % 4;
  const w = (x: number) => Math.max(0, 1 - Math.abs(phase - x));
  out.calm = w(0) + w(4);
  out.dread = w(1);
  out.wonder = w(2);
  out.glitch = w(3);
  out.brightness = 0.3 + 0.4 * out.calm;
  out.motion = 0.3 + 0.6 * out.dread;
  out.reducedMotion = false;
  out.unplugged = false;
  return out;
}

function run(name: string, step: (params: SceneParams, delta: number) => void): void {
  const params = paramsAt(0, {} as { -readonly [K in keyof SceneParams]: SceneParams[K] });
  for (let k = 0; k < 6000; k++) step(paramsAt(k, params), 1 / 60); // warm-up: let the JIT settle
  const times = new Float64Array(FRAMES);
  const heapBefore = process.memoryUsage().heapUsed;
  for (let k = 0; k < FRAMES; k++) {
    paramsAt(k, params);
    const t0 = performance.now();
    step(params, 1 / 60);
    times[k] = performance.now() - t0;
  }
  const heapAfter = process.memoryUsage().heapUsed;
  const p50 = percentile(times, 50);
  const p99 = percentile(times, 99);
  report({
    name: `scene_frame_js_${name}`,
    frames: FRAMES,
    p50_ms: Number(p50.toFixed(4)),
    p99_ms: Number(p99.toFixed(4)),
    max_ms: Number(Math.max(...times).toFixed(3)),
    budget_ms: BUDGET_MS,
    p99_vs_budget: Number((BUDGET_MS / Math.max(p99, 1e-6)).toFixed(1)),
    // Rough: ≈ 0 when frames allocate nothing; negative means a collection ran in between (so it hid growth).
    heap_growth_bytes_per_frame: Number(((heapAfter - heapBefore) / FRAMES).toFixed(1)),
  });
}

const tide = createTideFrame();
run('tide', (p, dt) => stepTideFrame(tide, p, dt, DEFAULT_TIDE_TUNING));
const cosmos = createCosmosFrame();
run('cosmos', (p, dt) => stepCosmosFrame(cosmos, p, dt, DEFAULT_COSMOS_TUNING));
const otherSelf = createOtherSelfFrame();
run('other-self', (p, dt) => stepOtherSelfFrame(otherSelf, p, dt, DEFAULT_OTHER_SELF_TUNING));
