/**
 * Typed access to tests/fixtures/dsp-reference.json, the scipy reference values written once by
 * tools/reference/make_dsp_fixtures.py (regenerate with `/usr/bin/python3 tools/reference/make_dsp_fixtures.py`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface ResponseRef {
  readonly re: number[];
  readonly im: number[];
  readonly mag: number[];
}

export interface WelchCaseRef {
  readonly name: string;
  readonly length: number;
  readonly options: {
    readonly window?: string | number[];
    readonly nperseg?: number;
    readonly noverlap?: number;
    readonly nfft?: number;
    readonly detrend?: false;
  };
  readonly freqs: number[];
  readonly psd: number[];
}

export interface DspReference {
  readonly scipy: string;
  readonly signals: Record<'eeg_like' | 'white250', { readonly fs: number; readonly x: number[] }>;
  readonly filters: {
    readonly fs: number;
    readonly freqs: number[];
    readonly responses: Record<
      'highpass1' | 'lowpass45' | 'notch50' | 'notch60' | 'notch50h' | 'notch60h' | 'chain50' | 'chain60',
      ResponseRef
    >;
  };
  readonly filtering: {
    readonly sosfilt: number[];
    readonly sosfiltSteady: number[];
    readonly sosfiltfilt: number[];
    readonly sosfiltfiltPad0: number[];
    readonly sosfiltfiltPad300: number[];
  };
  readonly welch: WelchCaseRef[];
  readonly periodogram: {
    start: number;
    n: number;
    window: 'hann' | 'hamming';
    freqs: number[];
    psd: number[];
  }[];
  readonly bands: { name: string; lowHz: number; highHz: number }[];
  readonly bandPowers: { source: string; sums: number[]; absolute: number[]; relative: number[] }[];
}

export const ref: DspReference = JSON.parse(
  readFileSync(join(import.meta.dirname, '..', 'fixtures', 'dsp-reference.json'), 'utf8'),
) as DspReference;

/** A stored signal exactly as scipy saw it: the JSON holds float32 values. */
export function signal(name: keyof DspReference['signals']): { fs: number; x: Float32Array } {
  const s = ref.signals[name];
  return { fs: s.fs, x: Float32Array.from(s.x) };
}

/** Largest |a − b| over the arrays, and the largest |b| (for errors relative to the peak). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): { diff: number; peak: number } {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let diff = 0;
  let peak = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs((a[i] as number) - (b[i] as number)));
    peak = Math.max(peak, Math.abs(b[i] as number));
  }
  return { diff, peak };
}

/** Largest per-element relative error |a − b| / |b| (b ≠ 0 everywhere in the fixtures where it is used). */
export function maxRelDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} ≠ ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const expected = b[i] as number;
    worst = Math.max(worst, Math.abs((a[i] as number) - expected) / Math.abs(expected));
  }
  return worst;
}
