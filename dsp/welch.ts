/**
 * Power spectral density estimates matching scipy.signal.welch / periodogram (scipy 1.10): one-sided,
 * 'density' scaling (µV²/Hz for µV input), periodic windows, constant (mean) detrend per segment.
 * Where scipy would return NaN (non-finite input) these report validity instead and never output NaN.
 */
import type { FloatArray } from './biquad.ts';
import { RealFft } from './real-fft.ts';
import { makeWindow, type WindowName } from './windows.ts';

/** A named periodic window, or explicit weights whose length sets the segment length. */
export type WindowSpec = WindowName | Float64Array;
/** 'constant' subtracts each segment's mean before windowing (scipy's default); false leaves it. */
export type Detrend = 'constant' | false;

export interface PeriodogramOptions {
  /** Default 'hann' (scipy's default). */
  readonly window?: WindowSpec;
  /** Default 'constant'. */
  readonly detrend?: Detrend;
  /** DFT length ≥ segment length (zero-padded); default the segment length. */
  readonly nfft?: number;
  /** Use the WebAssembly SIMD transform where the runtime has it (real-fft.ts); default true. */
  readonly simd?: boolean;
  /** Values of the SIMD transform's heap, for a caller that keeps its signal there (band-power-engine.ts). */
  readonly simdHeap?: number;
}

/**
 * Bin frequencies k / (nfft / fs), k = 0…⌊nfft/2⌋, in Hz, computed exactly as numpy.fft.rfftfreq(nfft, 1/fs)
 * does so band edges that fall on a bin decide the same way as in scipy-based references.
 */
export function rfftFrequencies(nfft: number, sampleRate: number): Float64Array {
  const val = 1 / (nfft * (1 / sampleRate));
  const freqs = new Float64Array(Math.floor(nfft / 2) + 1);
  for (let k = 0; k < freqs.length; k++) freqs[k] = k * val;
  return freqs;
}

/**
 * Everything a single-segment periodogram of fixed length needs, allocated once: window, DFT plan, scratch,
 * scale factor. Use with {@link periodogramInto}; one plan serves any number of channels sequentially.
 */
export class PeriodogramPlan {
  /** Segment length, samples. */
  readonly n: number;
  readonly nfft: number;
  /** Hz. */
  readonly sampleRate: number;
  /** One-sided bins, ⌊nfft/2⌋ + 1. */
  readonly bins: number;
  /** Bin frequencies, Hz. */
  readonly freqs: Float64Array;
  readonly window: Float64Array;
  readonly detrend: Detrend;
  /** 1 / (fs · Σ w²), 1/Hz: scipy's 'density' scaling. */
  readonly scale: number;
  /** @internal */
  readonly fft: RealFft;
  /** @internal windowed, zero-padded segment */
  readonly segment: Float64Array;
  /**
   * @internal window · √(2·scale): windowing with these weights yields |DFT|² already in one-sided density
   * units, so only DC (and Nyquist) need a correction afterwards instead of a scaling pass over every bin.
   */
  readonly weights: Float64Array;
  /** @internal DFT of `weights` zero-padded to nfft, interleaved re/im, for {@link periodogramOfWeightedInto}. */
  readonly weightsSpectrum: Float64Array;

  constructor(n: number, sampleRate: number, options: PeriodogramOptions = {}) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`segment length must be a positive integer, got ${n}`);
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`sample rate must be a positive number of Hz, got ${sampleRate}`);
    }
    const nfft = options.nfft ?? n;
    if (!Number.isInteger(nfft) || nfft < n) throw new RangeError(`nfft ${nfft} must be an integer ≥ ${n}`);
    this.n = n;
    this.nfft = nfft;
    this.sampleRate = sampleRate;
    this.bins = Math.floor(nfft / 2) + 1;
    this.freqs = rfftFrequencies(nfft, sampleRate);
    this.window = makeWindow(options.window ?? 'hann', n);
    this.detrend = options.detrend ?? 'constant';
    let sumSquares = 0;
    for (const w of this.window) sumSquares += w * w;
    if (!(sumSquares > 0)) throw new RangeError('window must not be all zeros');
    this.scale = 1 / (sampleRate * sumSquares);
    this.fft = new RealFft(nfft, { window: n, simd: options.simd ?? true, heap: options.simdHeap ?? 0 });
    this.segment = this.fft.inputBuffer;
    const root = Math.sqrt(2 * this.scale);
    this.weights = this.window.map((w) => w * root);
    this.fft.simd?.weights.set(this.weights);
    const padded = new Float64Array(nfft);
    padded.set(this.weights);
    const spectrum = new Float64Array(2 * this.bins);
    this.fft.transformInto(padded, spectrum);
    // Kept in the SIMD transform's memory where there is one, so the periodogram need not copy it there.
    const simdMinus = this.fft.simd?.minus;
    simdMinus?.set(spectrum);
    this.weightsSpectrum = simdMinus ?? spectrum;
  }
}

/**
 * One-sided periodogram of `x[offset … offset + plan.n)` written into `psd[0 … plan.bins)`, in µV²/Hz for µV
 * input: detrend, window, |DFT|² · scale, every bin but DC (and Nyquist for even nfft) doubled.
 * Reference: scipy.signal.periodogram(x, fs, window, nfft, detrend, scaling='density'), and one segment of
 * scipy.signal.welch. Allocates nothing. Returns false, with `psd` zeroed, when the segment holds NaN or
 * ±Infinity or its power overflows float64. A caller that has already summed the segment
 * passes its `knownMean` (µV) to skip that pass and the validity checks: it then vouches that the samples are
 * finite and far below 1e150 in magnitude (the engine's are within ±10⁶ µV). `binCount` (default all bins)
 * limits the output to bins 0…binCount−1, leaving `psd` above them untouched: band powers up to 44 Hz need a third
 * of a 256 Hz spectrum, and {@link RealFft.powerSpectrumPrefixInto} computes that in about half the time.
 */
export function periodogramInto(
  plan: PeriodogramPlan,
  x: FloatArray,
  offset: number,
  psd: Float64Array,
  knownMean?: number,
  binCount: number = plan.bins,
): boolean {
  const n = plan.n;
  const bins = binCount;
  if (!Number.isInteger(bins) || bins < 1 || bins > plan.bins) {
    throw new RangeError(`binCount must be an integer in [1, ${plan.bins}], got ${binCount}`);
  }
  if (offset < 0 || offset + n > x.length) throw new RangeError('periodogramInto: segment exceeds input');
  if (psd.length < bins) throw new RangeError(`psd buffer has ${psd.length} bins, need ${bins}`);
  let sum = 0;
  if (knownMean === undefined) {
    for (let i = 0; i < n; i++) sum += x[offset + i] as number;
  } else {
    sum = knownMean * n;
  }
  // NaN and ±Infinity anywhere make the sum non-finite, so this one check covers them.
  if (!Number.isFinite(sum)) {
    psd.fill(0, 0, bins);
    return false;
  }
  const mean = plan.detrend !== 'constant' ? 0 : knownMean === undefined ? sum / n : knownMean;
  const segment = plan.segment;
  const weights = plan.weights;
  for (let i = 0; i < n; i++) segment[i] = ((x[offset + i] as number) - mean) * (weights[i] as number);
  if (bins === plan.bins) plan.fft.powerSpectrumInto(segment, psd);
  else plan.fft.powerSpectrumPrefixInto(segment, psd, bins);
  // The weights doubled every bin; DC, and Nyquist for even nfft, are counted once.
  psd[0] = (psd[0] as number) * 0.5;
  if (plan.nfft % 2 === 0 && bins === plan.bins) psd[bins - 1] = (psd[bins - 1] as number) * 0.5;
  if (knownMean === undefined) {
    let finite = true;
    // A predictable branch rather than a running sum: no dependency chain through the loop.
    for (let k = 0; k < bins; k++) if (!((psd[k] as number) < Infinity)) finite = false;
    if (!finite) {
      psd.fill(0, 0, bins);
      return false;
    }
  }
  return true;
}

/**
 * The periodogram of a segment the caller has already multiplied by `plan.weights` into `plan.segment[0…n)`
 * (the rest of it zero), with its mean (µV) removed afterwards by linearity: DFT(w·(x − m)) = DFT(w·x) − m·DFT(w).
 * Same result as {@link periodogramInto} with that mean (constant detrend), for callers that window while
 * they scan the segment for other statistics; bins 0…binCount−1 into `psd`, µV²/Hz. The caller vouches the
 * samples are finite and far below 1e150 in magnitude. Allocates nothing.
 */
export function periodogramOfWeightedInto(
  plan: PeriodogramPlan,
  psd: Float64Array,
  mean: number,
  binCount: number = plan.bins,
): void {
  const bins = binCount;
  if (!Number.isInteger(bins) || bins < 1 || bins > plan.bins) {
    throw new RangeError(`binCount must be an integer in [1, ${plan.bins}], got ${binCount}`);
  }
  if (psd.length < bins) throw new RangeError(`psd buffer has ${psd.length} bins, need ${bins}`);
  const m = plan.detrend === 'constant' ? mean : 0;
  plan.fft.powerSpectrumPrefixInto(plan.segment, psd, bins, plan.weightsSpectrum, m);
  psd[0] = (psd[0] as number) * 0.5;
  if (plan.nfft % 2 === 0 && bins === plan.bins) psd[bins - 1] = (psd[bins - 1] as number) * 0.5;
}

export interface WelchOptions extends PeriodogramOptions {
  /** Segment length, samples; default 256 (or the explicit window's length), capped at the input length. */
  readonly nperseg?: number;
  /** Overlap between segments, samples; default ⌊nperseg/2⌋. */
  readonly noverlap?: number;
}

export interface WelchResult {
  /** Hz. */
  readonly freqs: Float64Array;
  /** µV²/Hz (for µV input), one-sided, averaged over the usable segments; zeros when `valid` is false. */
  readonly psd: Float64Array;
  /** Segments the input was split into. */
  readonly segments: number;
  /** Segments averaged: those free of NaN/±Infinity (scipy would return NaN for any). */
  readonly segmentsUsed: number;
  readonly valid: boolean;
}

/**
 * Welch's averaged periodogram of `x` (µV) sampled at `sampleRate` (Hz): PSD in µV²/Hz. Defaults and segment
 * arithmetic are scipy.signal.welch's (scipy 1.10): Hann window, nperseg 256, noverlap nperseg/2,
 * nfft = nperseg, constant detrend, one-sided density, mean of ⌊(len − noverlap) / (nperseg − noverlap)⌋
 * segments, and like scipy a named window's nperseg falls back to the input length when the input is shorter.
 * Reference: P. D. Welch, IEEE Trans. Audio Electroacoust. 15(2), 1967; scipy.signal.welch.
 */
export function welch(x: ArrayLike<number>, sampleRate: number, options: WelchOptions = {}): WelchResult {
  const length = x.length;
  const window = options.window ?? 'hann';
  let nperseg: number;
  if (typeof window === 'string') {
    nperseg = options.nperseg ?? 256;
    if (nperseg > length) nperseg = length;
  } else {
    if (options.nperseg !== undefined && options.nperseg !== window.length) {
      throw new RangeError(`nperseg ${options.nperseg} differs from the window length ${window.length}`);
    }
    nperseg = window.length;
    if (nperseg > length) throw new RangeError('window is longer than the input signal');
  }
  if (length === 0) {
    return {
      freqs: new Float64Array(0),
      psd: new Float64Array(0),
      segments: 0,
      segmentsUsed: 0,
      valid: false,
    };
  }
  const noverlap = options.noverlap ?? Math.floor(nperseg / 2);
  if (!Number.isInteger(noverlap) || noverlap < 0 || noverlap >= nperseg) {
    throw new RangeError(`noverlap ${noverlap} must be an integer in [0, nperseg = ${nperseg})`);
  }
  // Whole spectra go through fft.js's realTransform: a SIMD transform (and its memory) would sit unused.
  const plan = new PeriodogramPlan(nperseg, sampleRate, { ...options, window, simd: false });
  const psd = new Float64Array(plan.bins);
  const { segments, used } = welchInto(plan, Float64Array.from(x), noverlap, psd);
  return { freqs: plan.freqs, psd, segments, segmentsUsed: used, valid: used > 0 };
}

/**
 * Welch's average of the periodograms of `x`'s segments of `plan.n` samples, `noverlap` apart (scipy's segment
 * arithmetic, as {@link welch}), bins 0…binCount−1 into `psd` (µV²/Hz). One plan serves any number of signals
 * in turn, and a prefix of the bins runs in the SIMD transform where the plan has it (mains-detect.ts wants the
 * bins up to 66 Hz of four channels). `used` is 0, and `psd` zero, when no segment is finite or their average
 * overflows. Allocates one scratch spectrum.
 */
export function welchInto(
  plan: PeriodogramPlan,
  x: FloatArray,
  noverlap: number,
  psd: Float64Array,
  binCount: number = plan.bins,
): { readonly segments: number; readonly used: number } {
  const nperseg = plan.n;
  const step = nperseg - noverlap;
  const segments = Math.floor((x.length - noverlap) / step);
  const scratch = new Float64Array(plan.bins);
  psd.fill(0, 0, binCount);
  let used = 0;
  for (let s = 0; s < segments; s++) {
    if (!periodogramInto(plan, x, s * step, scratch, undefined, binCount)) continue;
    used++;
    for (let k = 0; k < binCount; k++) psd[k] = (psd[k] as number) + (scratch[k] as number);
  }
  let finite = used > 0;
  for (let k = 0; k < binCount && finite; k++) {
    psd[k] = (psd[k] as number) / used;
    if (!Number.isFinite(psd[k])) finite = false;
  }
  if (finite) return { segments, used };
  psd.fill(0, 0, binCount);
  return { segments, used: 0 };
}
