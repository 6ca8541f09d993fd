/**
 * Per-channel signal quality in the Muse "horseshoe" convention: 1 good, 2 ok, 4 bad (Muse developer docs,
 * /muse/elements/horseshoe). Muse computes its own from undisclosed internals; this is an explicit heuristic on
 * metrics of one analysis window, with thresholds as named constants to be tuned against recordings.
 * The live engine measures the metrics incrementally (band-power-engine.ts); {@link measureSignalQuality}
 * computes the same metrics offline for one window.
 */
import { designEegFilters } from './filter-design.ts';
import { defaultPadlen, sosfiltfilt } from './filtfilt.ts';

export const QUALITY_GOOD = 1;
export const QUALITY_OK = 2;
export const QUALITY_BAD = 4;
export type SignalQuality = typeof QUALITY_GOOD | typeof QUALITY_OK | typeof QUALITY_BAD;

/**
 * Samples beyond ±1 V (10⁶ µV) cannot come from a scalp electrode; they are treated as missing, which also
 * keeps every square and sum far from float64 overflow.
 */
export const MAX_ABS_SAMPLE_UV = 1e6;

/** True for a sample (µV) that can be used: finite and within ±{@link MAX_ABS_SAMPLE_UV} (NaN is false). */
export function isUsableSample(v: number): boolean {
  return v >= -MAX_ABS_SAMPLE_UV && v <= MAX_ABS_SAMPLE_UV;
}

/** What a window is judged on. */
export interface QualityMetrics {
  /** Share of the window's samples that were missing (NaN, ±Infinity, out of range, or in a gap), 0…1. */
  readonly missingFraction: number;
  /** Share of the window's samples at or beyond the rails (±railUv, raw signal), 0…1. */
  readonly railFraction: number;
  /** True when every sample of the window had exactly the same raw value (a dead or saturated input). */
  readonly constant: boolean;
  /** Standard deviation of the band-passed, notched signal, µV. */
  readonly stdUv: number;
  /** Peak-to-peak range of the band-passed, notched signal, µV. */
  readonly ptpUv: number;
  /**
   * Mains power over mains plus in-band power, 0…1: Σm² / (Σm² + Σ(f − f̄)²) with m the component the notch
   * removed (high-passed input minus notch output) and f the band-passed, notched signal. 0 without a notch.
   */
  readonly lineNoiseRatio: number;
}

export interface QualityThresholds {
  /** |raw| at or beyond this counts as railed, µV. */
  readonly railUv: number;
  /** Missing share at or above which the window is bad; any missing sample makes it at best ok. */
  readonly badMissingFraction: number;
  /** Railed share at or above which the window is bad; any railed sample makes it at best ok. */
  readonly badRailFraction: number;
  /** Filtered std below this is a flat line (bad), µV. */
  readonly flatStdUv: number;
  /** Filtered std up to this is good, up to okMaxStdUv ok, beyond bad, µV. */
  readonly goodMaxStdUv: number;
  readonly okMaxStdUv: number;
  /** Filtered peak-to-peak up to this is good, up to okMaxPtpUv ok, beyond bad, µV. */
  readonly goodMaxPtpUv: number;
  readonly okMaxPtpUv: number;
  /** Line-noise ratio below this is good, below okMaxLineNoiseRatio ok, else bad. */
  readonly goodMaxLineNoiseRatio: number;
  readonly okMaxLineNoiseRatio: number;
}

/**
 * Defaults for Muse-class forehead EEG. Rails: muse-js scales the 12-bit samples as 0.48828125 µV · (n − 2048),
 * so the ADC spans −1000…+999.5 µV; 990 µV catches samples within ~20 LSB of either end. Amplitudes: resting
 * EEG is ~10–50 µV with blinks up to ~100–200 µV peak-to-peak at AF7/AF8; movement and loose electrodes are
 * larger. Flat: 0.25 µV is half of one Muse LSB.
 */
export const DEFAULT_QUALITY_THRESHOLDS: QualityThresholds = Object.freeze({
  railUv: 990,
  badMissingFraction: 0.1,
  badRailFraction: 0.05,
  flatStdUv: 0.25,
  goodMaxStdUv: 40,
  okMaxStdUv: 100,
  goodMaxPtpUv: 200,
  okMaxPtpUv: 500,
  goodMaxLineNoiseRatio: 0.2,
  okMaxLineNoiseRatio: 0.5,
});

function grade(value: number, goodMax: number, okMax: number): SignalQuality {
  if (value <= goodMax) return QUALITY_GOOD;
  return value <= okMax ? QUALITY_OK : QUALITY_BAD;
}

/**
 * Horseshoe grade of one window: the worst of the individual criteria (missing samples, railing, flat line,
 * amplitude std and range, line noise). Non-finite metrics grade as bad. Reference: Muse horseshoe values
 * (Muse developer docs, /muse/elements/horseshoe); thresholds in {@link DEFAULT_QUALITY_THRESHOLDS}.
 */
export function classifySignalQuality(
  m: QualityMetrics,
  t: QualityThresholds = DEFAULT_QUALITY_THRESHOLDS,
): SignalQuality {
  const finite =
    Number.isFinite(m.missingFraction) &&
    Number.isFinite(m.railFraction) &&
    Number.isFinite(m.stdUv) &&
    Number.isFinite(m.ptpUv) &&
    Number.isFinite(m.lineNoiseRatio);
  if (!finite || m.constant || m.stdUv < t.flatStdUv) return QUALITY_BAD;
  if (m.missingFraction >= t.badMissingFraction || m.railFraction >= t.badRailFraction) return QUALITY_BAD;
  let q: SignalQuality = m.missingFraction > 0 || m.railFraction > 0 ? QUALITY_OK : QUALITY_GOOD;
  q = Math.max(q, grade(m.stdUv, t.goodMaxStdUv, t.okMaxStdUv)) as SignalQuality;
  q = Math.max(q, grade(m.ptpUv, t.goodMaxPtpUv, t.okMaxPtpUv)) as SignalQuality;
  if (m.lineNoiseRatio >= t.okMaxLineNoiseRatio) return QUALITY_BAD;
  if (m.lineNoiseRatio >= t.goodMaxLineNoiseRatio) q = Math.max(q, QUALITY_OK) as SignalQuality;
  return q;
}

export interface MeasureQualityOptions {
  /** Mains frequency, Hz, or null for none; default 50. */
  readonly mainsHz?: number | null;
  /** Pass band, Hz, or null; default [1, 45]. */
  readonly bandpass?: readonly [number, number] | null;
  readonly thresholds?: QualityThresholds;
}

/**
 * Quality of one window of raw samples `raw` (µV, NaN = missing) at `sampleRate` (Hz), offline: the engine's
 * metrics computed with zero-phase filtering (sosfiltfilt, high-pass → notch → low-pass) over the window alone,
 * missing samples replaced by the mean of the others first. Meant for windows of a second or more.
 */
export function measureSignalQuality(
  raw: ArrayLike<number>,
  sampleRate: number,
  options: MeasureQualityOptions = {},
): { quality: SignalQuality; metrics: QualityMetrics } {
  const t = options.thresholds ?? DEFAULT_QUALITY_THRESHOLDS;
  const n = raw.length;
  let usable = 0;
  let railed = 0;
  let sum = 0;
  let firstValue = NaN;
  let constant = true;
  for (let i = 0; i < n; i++) {
    const v = raw[i] as number;
    if (!isUsableSample(v)) continue;
    if (usable === 0) firstValue = v;
    else if (v !== firstValue) constant = false;
    usable++;
    sum += v;
    if (Math.abs(v) >= t.railUv) railed++;
  }
  const missingFraction = n === 0 ? 1 : (n - usable) / n;
  if (usable < 2) {
    const metrics = {
      missingFraction,
      railFraction: 0,
      constant: true,
      stdUv: 0,
      ptpUv: 0,
      lineNoiseRatio: 0,
    };
    return { quality: QUALITY_BAD, metrics };
  }
  const mean = sum / usable;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const v = raw[i] as number;
    x[i] = isUsableSample(v) ? v : mean;
  }
  const design = designEegFilters({
    sampleRate,
    mainsHz: options.mainsHz === undefined ? 50 : options.mainsHz,
    bandpass: options.bandpass === undefined ? [1, 45] : options.bandpass,
  });
  const zeroPhase = (sos: Float64Array, input: Float64Array) =>
    sos.length === 0 ? input : sosfiltfilt(sos, input, { padlen: Math.min(defaultPadlen(sos), n - 1) });
  const h = zeroPhase(design.highpass, x);
  const notched = zeroPhase(design.notch, h);
  const f = zeroPhase(design.lowpass, notched);
  let fSum = 0;
  let min = Infinity;
  let max = -Infinity;
  let mains = 0;
  for (let i = 0; i < n; i++) {
    const v = f[i] as number;
    fSum += v;
    if (v < min) min = v;
    if (v > max) max = v;
    const m = (h[i] as number) - (notched[i] as number);
    mains += m * m;
  }
  const fMean = fSum / n;
  let inBand = 0;
  for (let i = 0; i < n; i++) inBand += ((f[i] as number) - fMean) ** 2;
  const metrics: QualityMetrics = {
    missingFraction,
    railFraction: railed / n,
    constant,
    stdUv: Math.sqrt(inBand / n),
    ptpUv: max - min,
    lineNoiseRatio: design.notch.length === 0 || mains + inBand === 0 ? 0 : mains / (mains + inBand),
  };
  return { quality: classifySignalQuality(metrics, t), metrics };
}
