/**
 * Which mains frequency, 50 or 60 Hz, contaminates a recording, judged from its spectrum: line noise is a narrow
 * peak at the mains frequency (and its harmonics) standing above the neighbouring bins, while EEG there is a
 * smooth 1/f floor. Reference: the line-noise detection of the PREP pipeline, Bigdely-Shamlo et al., Front.
 * Neuroinform. 9:16, 2015 (peak over local background), simplified to a choice between the two mains.
 */
import { PeriodogramPlan, welchInto } from './welch.ts';

/** The highest frequency the scores read: 60 Hz plus the 6 Hz of its background. */
const HIGHEST_BIN_HZ = 66;

export interface MainsDetection {
  /** 50 or 60 Hz, or null when neither stands out. */
  readonly mainsHz: 50 | 60 | null;
  /** Peak-to-background ratio (dimensionless, PSD at the mains bin over the median of bins 3–6 Hz away). */
  readonly ratio50: number;
  readonly ratio60: number;
}

/** Ratio a mains peak must reach, and by how much it must beat the other candidate, to be reported. */
export const MAINS_MIN_RATIO = 4;

/**
 * Detects 50 vs 60 Hz line noise in `channels` (µV) sampled at `sampleRate` Hz (Welch, 1 Hz bins, Hann):
 * per candidate, the PSD (µV²/Hz) at f₀ ± 1 Hz (max) over the median PSD at f₀ ± 3…6 Hz, its largest over
 * channels. A candidate above the Nyquist frequency scores 0. Needs ≥ 1 s of signal; always finite.
 */
export function detectMains(channels: readonly ArrayLike<number>[], sampleRate: number): MainsDetection {
  const nperseg = Math.round(sampleRate);
  // One plan for every channel, and only the bins up to the highest one read (60 + 6 Hz): they run in the SIMD
  // transform, which at the start of `neurosleep analyze` (nothing compiled yet) took ≈ 9 ms for four channels'
  // half minute where whole spectra took ≈ 24.
  const plan = channels.some((x) => x.length >= nperseg) ? new PeriodogramPlan(nperseg, sampleRate) : null;
  const binCount = plan
    ? Math.min(plan.bins, Math.ceil(((HIGHEST_BIN_HZ + 1) * nperseg) / sampleRate) + 1)
    : 0;
  const spectra = channels.flatMap((x) => {
    if (plan === null || x.length < nperseg) return [];
    const psd = new Float64Array(binCount);
    const input = x instanceof Float32Array || x instanceof Float64Array ? x : Float64Array.from(x);
    const { used } = welchInto(plan, input, Math.floor(nperseg / 2), psd, binCount);
    return used > 0 ? [{ freqs: plan.freqs.subarray(0, binCount), psd }] : [];
  });
  const score = (f0: number): number => {
    if (f0 + 6 >= sampleRate / 2) return 0;
    let best = 0;
    for (const { freqs, psd } of spectra) {
      const at = (f: number) => {
        let k = 0;
        while (k < freqs.length - 1 && (freqs[k] as number) < f - 1e-9) k++;
        return psd[k] as number;
      };
      const peak = Math.max(at(f0 - 1), at(f0), at(f0 + 1));
      const side: number[] = [];
      for (const d of [3, 4, 5, 6]) side.push(at(f0 - d), at(f0 + d));
      side.sort((a, b) => a - b);
      const background = ((side[3] as number) + (side[4] as number)) / 2;
      const r = background > 0 ? peak / background : peak > 0 ? 1e6 : 0;
      if (Number.isFinite(r) && r > best) best = r;
    }
    return Math.min(best, 1e6);
  };
  const ratio50 = score(50);
  const ratio60 = score(60);
  let mainsHz: 50 | 60 | null = null;
  if (ratio50 >= MAINS_MIN_RATIO && ratio50 > 2 * ratio60) mainsHz = 50;
  else if (ratio60 >= MAINS_MIN_RATIO && ratio60 > 2 * ratio50) mainsHz = 60;
  return { mainsHz, ratio50, ratio60 };
}
