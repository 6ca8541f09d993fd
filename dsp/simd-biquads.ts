/**
 * Four channels' biquad stages filtered together in WebAssembly SIMD (`sections4` of dsp/wasm/kernels.wat): the
 * band-power engine's high-pass → notch → low-pass for channels 0–3 of a group, two channels per f64x2 vector, so
 * one pass does the work of four of {@link BiquadCascade.process}. Per channel the arithmetic and the
 * end-of-call flush of tiny states are biquad.ts's, so each channel's output is bit for bit the same as its own
 * cascade's over the same block. State lives here while this runs; {@link SimdBiquads4.loadState} and
 * {@link SimdBiquads4.storeState} move it to and from the channels' {@link BiquadCascade}s, which the caller
 * uses for what this does not do (priming, blocks with missing samples).
 */
import { sectionCount, type BiquadCascade, type Sos } from './biquad.ts';
import { instantiateKernels, kernelsModule } from './wasm/kernels.ts';

interface BiquadExports {
  sections4(x: number, y: number, n: number, coef: number, state: number, count: number): void;
}

/** Channels per group: two f64x2 vectors. */
export const SIMD_LANES = 4;

export class SimdBiquads4 {
  /** Frames per {@link run} at most. */
  readonly block: number;
  /** Input frames, four channels each (`[i · 4 + lane]`); lanes without a channel stay 0. */
  readonly input: Float64Array;
  /**
   * Per stage, its output frames in the same layout. A stage without sections passes its input on: its output is
   * the previous one (or {@link input}).
   */
  readonly outputs: readonly Float64Array[];
  private readonly exports: BiquadExports;
  private readonly sections: readonly number[];
  private readonly offsets: readonly { x: number; y: number; coef: number; state: number }[];
  /** Per stage, `[z1 lanes 0–3, z2 lanes 0–3]` per section. */
  private readonly states: readonly Float64Array[];

  /** `stages` in order, `block` frames at most per run; null where WebAssembly SIMD is unavailable. */
  static create(stages: readonly Sos[], block: number): SimdBiquads4 | null {
    if (!Number.isInteger(block) || block < 1)
      throw new RangeError(`block must be a positive integer, got ${block}`);
    const module = kernelsModule();
    return module === null ? null : new SimdBiquads4(module, stages, block);
  }

  private constructor(module: WebAssembly.Module, stages: readonly Sos[], block: number) {
    this.block = block;
    this.sections = stages.map(sectionCount);
    const frameBytes = 8 * SIMD_LANES * block;
    // Layout: input | each stage's output (stages with sections only) | each stage's coefficients and state.
    let at = frameBytes;
    let x = 0;
    const layout = this.sections.map((count) => {
      const y = count > 0 ? at : x;
      if (count > 0) at += frameBytes;
      const stage = { x, y, coef: 0, state: 0 };
      x = y;
      return stage;
    });
    for (const [k, stage] of layout.entries()) {
      stage.coef = at;
      at += 80 * (this.sections[k] as number);
      stage.state = at;
      at += 64 * (this.sections[k] as number);
    }
    this.offsets = layout;
    const { memory, exports } = instantiateKernels<BiquadExports>(module, at);
    this.exports = exports;
    const frames = SIMD_LANES * block;
    this.input = new Float64Array(memory.buffer, 0, frames);
    this.outputs = layout.map((stage) => new Float64Array(memory.buffer, stage.y, frames));
    this.states = layout.map(
      (stage, k) => new Float64Array(memory.buffer, stage.state, 8 * (this.sections[k] as number)),
    );
    for (const [k, sos] of stages.entries()) {
      const coef = new Float64Array(
        memory.buffer,
        (layout[k] as { coef: number }).coef,
        10 * sectionCount(sos),
      );
      // Each coefficient in both lanes of its vector.
      for (let i = 0; i < sos.length; i++) {
        coef[2 * i] = sos[i] as number;
        coef[2 * i + 1] = sos[i] as number;
      }
    }
  }

  /** Filters the first `n` frames of {@link input} through every stage into {@link outputs}. */
  run(n: number): void {
    if (!(Number.isInteger(n) && n >= 0 && n <= this.block)) {
      throw new RangeError(`run: ${n} frames, block holds ${this.block}`);
    }
    for (let k = 0; k < this.offsets.length; k++) {
      const count = this.sections[k] as number;
      if (count === 0) continue;
      const { x, y, coef, state } = this.offsets[k] as { x: number; y: number; coef: number; state: number };
      this.exports.sections4(x, y, n, coef, state, count);
    }
  }

  /** Stage `stage`'s state for `lane` ← `cascade`'s (same sections). */
  loadState(stage: number, lane: number, cascade: BiquadCascade): void {
    const state = this.states[stage] as Float64Array;
    for (let s = 0; s < cascade.sections; s++) {
      state[8 * s + lane] = cascade.state[2 * s] as number;
      state[8 * s + SIMD_LANES + lane] = cascade.state[2 * s + 1] as number;
    }
  }

  /** `cascade`'s state ← stage `stage`'s for `lane`. */
  storeState(stage: number, lane: number, cascade: BiquadCascade): void {
    const state = this.states[stage] as Float64Array;
    for (let s = 0; s < cascade.sections; s++) {
      cascade.state[2 * s] = state[8 * s + lane] as number;
      cascade.state[2 * s + 1] = state[8 * s + SIMD_LANES + lane] as number;
    }
  }
}
