/**
 * welch / periodogramInto against scipy.signal.welch / periodogram (scipy 1.10) on the stored signals.
 * Tolerance: 1e-9 relative per bin (the fixture keeps 12 significant digits; observed ~5e-12).
 */
import { describe, expect, it } from 'vitest';
import { PeriodogramPlan, periodogramInto, welch, type WelchOptions } from '../../dsp/welch.ts';
import { maxAbsDiff, maxRelDiff, ref, signal } from './dsp-reference.ts';

function optionsOf(c: (typeof ref.welch)[number]): WelchOptions {
  const { window, ...rest } = c.options;
  return {
    ...rest,
    window: Array.isArray(window) ? Float64Array.from(window) : (window as 'hann' | 'hamming'),
  };
}

describe('welch matches scipy.signal.welch', () => {
  it.each(ref.welch.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    const { fs, x } = signal(c.name.startsWith('eeg') ? 'eeg_like' : 'white250');
    const result = welch(x.subarray(0, c.length), fs, optionsOf(c));
    expect(result.valid).toBe(true);
    expect(result.segmentsUsed).toBe(result.segments);
    expect(result.psd.length).toBe(c.psd.length);
    expect(maxAbsDiff(result.freqs, c.freqs).diff).toBeLessThan(1e-9);
    expect(maxRelDiff(result.psd, c.psd)).toBeLessThan(1e-9);
  });

  it('covers the paths that differ: power-of-two, Bluestein, odd length, zero padding, explicit window', () => {
    const lengths = ref.welch.map((c) => c.options.nfft ?? c.options.nperseg ?? Math.min(256, c.length));
    expect(lengths).toEqual(expect.arrayContaining([256, 128, 250, 99, 200]));
  });
});

describe('periodogramInto matches scipy.signal.periodogram on one segment', () => {
  const { fs, x } = signal('eeg_like');

  it.each(ref.periodogram.map((p) => [`${p.window} at ${p.start}`, p] as const))('%s', (_name, p) => {
    const plan = new PeriodogramPlan(p.n, fs, { window: p.window });
    const psd = new Float64Array(plan.bins);
    // Read straight out of the longer signal at an offset, as the engine reads its ring buffer.
    expect(periodogramInto(plan, Float64Array.from(x), p.start, psd)).toBe(true);
    expect(maxRelDiff(psd, p.psd)).toBeLessThan(1e-9);
    expect(maxAbsDiff(plan.freqs, p.freqs).diff).toBe(0);
  });

  it('gives the same result when the caller supplies the segment mean', () => {
    const p = ref.periodogram[1] as (typeof ref.periodogram)[number];
    const seg = Float64Array.from(x).subarray(p.start, p.start + p.n);
    const mean = seg.reduce((a, b) => a + b, 0) / p.n;
    const plan = new PeriodogramPlan(p.n, fs, { window: p.window });
    const psd = new Float64Array(plan.bins);
    expect(periodogramInto(plan, seg, 0, psd, mean)).toBe(true);
    expect(maxRelDiff(psd, p.psd)).toBeLessThan(1e-9);
  });
});
