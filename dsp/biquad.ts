/**
 * Running IIR filters given as second-order sections (biquads), in Direct Form II Transposed, with the same
 * state convention as scipy.signal.sosfilt / lfilter, so states and steady-state initial conditions carry over.
 */

/** The sample buffers dsp/ filters read and write. */
export type FloatArray = Float32Array | Float64Array;

/**
 * Second-order sections, 5 coefficients per section: `[b0, b1, b2, a1, a2]` with a0 normalised to 1, i.e.
 * scipy's `sos` rows `[b0, b1, b2, 1, a1, a2]` without the constant column.
 */
export type Sos = Float64Array;

/** Coefficients per section in a {@link Sos}. */
export const SOS_STRIDE = 5;

// States this small only arise while a filter decays towards zero; flushing them keeps V8 off the slow
// subnormal arithmetic path at no visible cost (the µV signals we filter are > 1e-6).
const SUBNORMAL_GUARD = 1e-200;

/** Number of sections in `sos` (scipy's `sos.shape[0]`); throws RangeError if its length is not a multiple of 5. */
export function sectionCount(sos: Sos): number {
  if (sos.length % SOS_STRIDE !== 0) throw new RangeError(`sos length ${sos.length} is not a multiple of 5`);
  return sos.length / SOS_STRIDE;
}

/**
 * Concatenates sections: the result filters by each part in turn (its transfer function, dimensionless, is the
 * product). Reference: numpy.vstack of scipy sos arrays.
 */
export function concatSos(...parts: readonly Sos[]): Sos {
  let length = 0;
  for (const p of parts) length += SOS_STRIDE * sectionCount(p);
  const out = new Float64Array(length);
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/**
 * Gain of the cascade at 0 Hz, H(z = 1) = Π (b0 + b1 + b2) / (1 + a1 + a2) (dimensionless).
 * Reference: the `scale` accumulated by scipy.signal.sosfilt_zi.
 */
export function sosDcGain(sos: Sos): number {
  let gain = 1;
  for (let s = 0; s < sectionCount(sos); s++) {
    const o = s * SOS_STRIDE;
    gain *= (at(sos, o) + at(sos, o + 1) + at(sos, o + 2)) / (1 + at(sos, o + 3) + at(sos, o + 4));
  }
  return gain;
}

/** Complex frequency response of a cascade, as real and imaginary parts and magnitude (dimensionless). */
export interface FrequencyResponse {
  readonly re: Float64Array;
  readonly im: Float64Array;
  readonly magnitude: Float64Array;
}

/**
 * Evaluates H(e^{jω}) = Π (b0 + b1 e^{-jω} + b2 e^{-2jω}) / (1 + a1 e^{-jω} + a2 e^{-2jω}) with ω = 2π f / fs,
 * at each frequency `freqsHz` (Hz) for sample rate `sampleRate` (Hz). Reference: scipy.signal.sosfreqz with
 * `worN` an array of frequencies and `fs` given.
 */
export function sosFrequencyResponse(
  sos: Sos,
  freqsHz: ArrayLike<number>,
  sampleRate: number,
): FrequencyResponse {
  const n = freqsHz.length;
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const magnitude = new Float64Array(n);
  const sections = sectionCount(sos);
  for (let i = 0; i < n; i++) {
    const w = (2 * Math.PI * (freqsHz[i] ?? 0)) / sampleRate;
    const c1 = Math.cos(w);
    const s1 = -Math.sin(w);
    const c2 = Math.cos(2 * w);
    const s2 = -Math.sin(2 * w);
    let hr = 1;
    let hi = 0;
    for (let s = 0; s < sections; s++) {
      const o = s * SOS_STRIDE;
      const b0 = at(sos, o);
      const b1 = at(sos, o + 1);
      const b2 = at(sos, o + 2);
      const a1 = at(sos, o + 3);
      const a2 = at(sos, o + 4);
      const nr = b0 + b1 * c1 + b2 * c2;
      const ni = b1 * s1 + b2 * s2;
      const dr = 1 + a1 * c1 + a2 * c2;
      const di = a1 * s1 + a2 * s2;
      const dd = dr * dr + di * di;
      const qr = (nr * dr + ni * di) / dd;
      const qi = (ni * dr - nr * di) / dd;
      const pr = hr * qr - hi * qi;
      hi = hr * qi + hi * qr;
      hr = pr;
    }
    re[i] = hr;
    im[i] = hi;
    magnitude[i] = Math.hypot(hr, hi);
  }
  return { re, im, magnitude };
}

/**
 * One channel's cascade of biquads with persistent state, run in Direct Form II Transposed:
 * `y = b0·x + z1; z1 = b1·x − a1·y + z2; z2 = b2·x − a2·y` per section (scipy.signal.sosfilt's recursion and
 * state layout). State is kept in float64 whatever the sample type, so low corner frequencies (1 Hz at 256 Hz)
 * stay accurate. Keep one instance per channel.
 */
export class BiquadCascade {
  /** Coefficients, see {@link Sos}; copied at construction. */
  readonly sos: Sos;
  readonly sections: number;
  /** `[z1, z2]` per section, scipy's `zi` layout flattened. */
  readonly state: Float64Array;

  constructor(sos: Sos) {
    this.sections = sectionCount(sos);
    this.sos = Float64Array.from(sos);
    this.state = new Float64Array(2 * this.sections);
  }

  /** Zero state: the filter behaves as if it had only ever seen zeros. */
  reset(): void {
    this.state.fill(0);
  }

  /**
   * Sets the state to the steady state for a constant input `x0` (µV), so a filter started on a signal with a
   * large DC offset does not ring (scipy.signal.sosfilt_zi(sos) · x0). Returns the output that state produces
   * for that input, x0 · H(1), which is the input to prime a following cascade with.
   */
  primeSteadyState(x0: number): number {
    const sos = this.sos;
    let u = x0;
    for (let s = 0; s < this.sections; s++) {
      const o = s * SOS_STRIDE;
      const b0 = at(sos, o);
      const b1 = at(sos, o + 1);
      const b2 = at(sos, o + 2);
      const a1 = at(sos, o + 3);
      const a2 = at(sos, o + 4);
      const y = (u * (b0 + b1 + b2)) / (1 + a1 + a2);
      this.state[2 * s] = y - b0 * u;
      this.state[2 * s + 1] = b2 * u - a2 * y;
      u = y;
    }
    return u;
  }

  /**
   * Filters `n` samples from `input[inputOffset…]` into `output[outputOffset…]` (same units as the input),
   * continuing from and updating the state. In-place use (same array and offset) is allowed. With no sections
   * it copies. A Float32Array output also holds the intermediate results between sections, rounded to float32;
   * use a Float64Array output where that matters.
   */
  process(
    input: FloatArray,
    output: FloatArray,
    n: number = input.length,
    inputOffset = 0,
    outputOffset = 0,
  ): void {
    if (n <= 0) return;
    if (inputOffset + n > input.length || outputOffset + n > output.length) {
      throw new RangeError('BiquadCascade.process: range exceeds buffer');
    }
    if (this.sections === 0) {
      if (input !== output || inputOffset !== outputOffset) {
        for (let i = 0; i < n; i++) output[outputOffset + i] = input[inputOffset + i] as number;
      }
      return;
    }
    // Sections go two at a time in one pass: the two recursions are independent chains the CPU overlaps, where
    // one loop per section waits on each sample's multiply-add latency (a 4th-order Butterworth stage is two
    // sections). Same arithmetic in the same order, so the output is bit-identical; only a float64 output
    // qualifies, since a float32 one also rounds the intermediate between sections.
    if (output instanceof Float64Array) {
      let s = 0;
      for (; s + 1 < this.sections; s += 2) {
        if (s === 0) this.processPair(0, input, inputOffset, output, outputOffset, n);
        else this.processPair(s, output, outputOffset, output, outputOffset, n);
      }
      if (s < this.sections)
        this.processOne(
          s,
          s === 0 ? input : output,
          s === 0 ? inputOffset : outputOffset,
          output,
          outputOffset,
          n,
        );
      return;
    }
    const sos = this.sos;
    const state = this.state;
    for (let s = 0; s < this.sections; s++) {
      const o = s * SOS_STRIDE;
      const b0 = at(sos, o);
      const b1 = at(sos, o + 1);
      const b2 = at(sos, o + 2);
      const a1 = at(sos, o + 3);
      const a2 = at(sos, o + 4);
      let z1 = at(state, 2 * s);
      let z2 = at(state, 2 * s + 1);
      // The first section reads the input; later ones work in place on the output.
      const src = s === 0 ? input : output;
      const srcOffset = s === 0 ? inputOffset : outputOffset;
      for (let i = 0; i < n; i++) {
        const x = src[srcOffset + i] as number;
        const y = b0 * x + z1;
        z1 = b1 * x - a1 * y + z2;
        z2 = b2 * x - a2 * y;
        output[outputOffset + i] = y;
      }
      if (z1 > -SUBNORMAL_GUARD && z1 < SUBNORMAL_GUARD) z1 = 0;
      if (z2 > -SUBNORMAL_GUARD && z2 < SUBNORMAL_GUARD) z2 = 0;
      state[2 * s] = z1;
      state[2 * s + 1] = z2;
    }
  }

  /** Runs section s alone over n samples, as the general loop of {@link process} does. */
  private processOne(
    s: number,
    input: FloatArray,
    inputOffset: number,
    output: Float64Array,
    outputOffset: number,
    n: number,
  ): void {
    const sos = this.sos;
    const state = this.state;
    const o = s * SOS_STRIDE;
    const b0 = at(sos, o);
    const b1 = at(sos, o + 1);
    const b2 = at(sos, o + 2);
    const a1 = at(sos, o + 3);
    const a2 = at(sos, o + 4);
    let z1 = at(state, 2 * s);
    let z2 = at(state, 2 * s + 1);
    for (let i = 0; i < n; i++) {
      const x = input[inputOffset + i] as number;
      const y = b0 * x + z1;
      z1 = b1 * x - a1 * y + z2;
      z2 = b2 * x - a2 * y;
      output[outputOffset + i] = y;
    }
    if (z1 > -SUBNORMAL_GUARD && z1 < SUBNORMAL_GUARD) z1 = 0;
    if (z2 > -SUBNORMAL_GUARD && z2 < SUBNORMAL_GUARD) z2 = 0;
    state[2 * s] = z1;
    state[2 * s + 1] = z2;
  }

  /** Runs sections s and s + 1 over n samples in one pass, each sample through both. */
  private processPair(
    s: number,
    input: FloatArray,
    inputOffset: number,
    output: Float64Array,
    outputOffset: number,
    n: number,
  ): void {
    const sos = this.sos;
    const state = this.state;
    const o = s * SOS_STRIDE;
    const b00 = at(sos, o);
    const b01 = at(sos, o + 1);
    const b02 = at(sos, o + 2);
    const a01 = at(sos, o + 3);
    const a02 = at(sos, o + 4);
    const b10 = at(sos, o + 5);
    const b11 = at(sos, o + 6);
    const b12 = at(sos, o + 7);
    const a11 = at(sos, o + 8);
    const a12 = at(sos, o + 9);
    let z01 = at(state, 2 * s);
    let z02 = at(state, 2 * s + 1);
    let z11 = at(state, 2 * s + 2);
    let z12 = at(state, 2 * s + 3);
    for (let i = 0; i < n; i++) {
      const x = input[inputOffset + i] as number;
      const u = b00 * x + z01;
      z01 = b01 * x - a01 * u + z02;
      z02 = b02 * x - a02 * u;
      const y = b10 * u + z11;
      z11 = b11 * u - a11 * y + z12;
      z12 = b12 * u - a12 * y;
      output[outputOffset + i] = y;
    }
    if (z01 > -SUBNORMAL_GUARD && z01 < SUBNORMAL_GUARD) z01 = 0;
    if (z02 > -SUBNORMAL_GUARD && z02 < SUBNORMAL_GUARD) z02 = 0;
    if (z11 > -SUBNORMAL_GUARD && z11 < SUBNORMAL_GUARD) z11 = 0;
    if (z12 > -SUBNORMAL_GUARD && z12 < SUBNORMAL_GUARD) z12 = 0;
    state[2 * s] = z01;
    state[2 * s + 1] = z02;
    state[2 * s + 2] = z11;
    state[2 * s + 3] = z12;
  }
}

function at(a: Float64Array, i: number): number {
  return a[i] as number;
}
