import { describe, expect, it } from 'vitest';
import {
  PeriodogramPlan,
  periodogramInto,
  periodogramOfWeightedInto,
  rfftFrequencies,
  welch,
} from '../../../dsp/welch.ts';

const fs = 256;

function gaussian(n: number, seed: number, sd: number): Float64Array {
  let s = seed;
  const uniform = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  return Float64Array.from(
    { length: n },
    () => sd * Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()),
  );
}

describe('welch', () => {
  it('integrates to the variance (Parseval, density scaling in µV²/Hz)', () => {
    const x = gaussian(256 * 60, 42, 10);
    const { freqs, psd } = welch(x, fs);
    const df = (freqs[1] as number) - (freqs[0] as number);
    const power = psd.reduce((a, b) => a + b, 0) * df;
    expect(power).toBeGreaterThan(90);
    expect(power).toBeLessThan(110);
  });

  it('puts a sine at its bin with the amplitude²/2 power a density times the bandwidth gives', () => {
    const x = Float64Array.from({ length: 2048 }, (_, i) => 20 * Math.sin((2 * Math.PI * 10 * i) / fs) + 500);
    const { freqs, psd } = welch(x, fs, { window: 'hann' });
    let peak = 0;
    psd.forEach((v, k) => {
      if (v > (psd[peak] as number)) peak = k;
    });
    expect(freqs[peak]).toBe(10);
    // Σ psd·df over the main lobe ≈ A²/2 = 200 µV²; the 500 µV offset is removed by the detrend.
    const lobe = (psd[9] as number) + (psd[10] as number) + (psd[11] as number);
    expect(lobe).toBeCloseTo(200, 0);
    expect(psd[0]).toBeLessThan(1e-6);
  });

  it('skips segments holding NaN/±Infinity and reports it, never returning NaN', () => {
    const x = gaussian(256 * 4, 7, 5);
    x[300] = Number.NaN; // segments 1 and 2 (of 7, 50 % overlap) contain sample 300
    x[800] = Number.POSITIVE_INFINITY; // segments 5 and 6
    const r = welch(x, fs);
    expect(r.segments).toBe(7);
    expect(r.segmentsUsed).toBe(3);
    expect(r.valid).toBe(true);
    expect(r.psd.every(Number.isFinite)).toBe(true);
    const allBad = welch(new Float64Array(512).fill(Number.NaN), fs);
    expect(allBad.valid).toBe(false);
    expect(allBad.psd.every((v) => v === 0)).toBe(true);
  });

  it('reports overflow instead of returning Infinity', () => {
    const r = welch(
      Float64Array.from({ length: 512 }, (_, i) => (i % 2 ? 1e300 : -1e300)),
      fs,
    );
    expect(r.valid).toBe(false);
    expect(r.psd.every((v) => v === 0)).toBe(true);
  });

  it('validates its options like scipy', () => {
    const x = new Float64Array(512);
    expect(() => welch(x, fs, { nperseg: 128, noverlap: 128 })).toThrow(RangeError);
    expect(() => welch(x, fs, { nperseg: 128, nfft: 64 })).toThrow(RangeError);
    expect(() => welch(x, fs, { window: new Float64Array(1024) })).toThrow(RangeError);
    expect(() => welch(x, fs, { window: new Float64Array(128), nperseg: 64 })).toThrow(RangeError);
    expect(welch(new Float64Array(0), fs).valid).toBe(false);
  });
});

describe('periodogramInto', () => {
  it('writes into the caller’s buffer and reuses the plan across calls and offsets', () => {
    const plan = new PeriodogramPlan(256, fs, { window: 'hamming' });
    const x = gaussian(1024, 3, 10);
    const a = new Float64Array(plan.bins);
    const b = new Float64Array(plan.bins);
    expect(periodogramInto(plan, x, 100, a)).toBe(true);
    periodogramInto(plan, x, 500, b);
    const again = new Float64Array(plan.bins);
    periodogramInto(plan, x, 100, again);
    expect(again).toEqual(a);
    expect(b).not.toEqual(a);
  });

  it('returns false and zeros for a segment with a non-finite sample', () => {
    const plan = new PeriodogramPlan(64, fs);
    const x = gaussian(64, 9, 1);
    x[10] = Number.NEGATIVE_INFINITY;
    const psd = new Float64Array(plan.bins).fill(7);
    expect(periodogramInto(plan, x, 0, psd)).toBe(false);
    expect(psd.every((v) => v === 0)).toBe(true);
  });

  it('rejects a segment past the end of the input', () => {
    const plan = new PeriodogramPlan(64, fs);
    expect(() => periodogramInto(plan, new Float64Array(100), 40, new Float64Array(33))).toThrow(RangeError);
  });
});

describe('periodogramInto with binCount', () => {
  it.each([256, 250])(
    'length %i: the first bins equal the full periodogram, the rest stay untouched',
    (n) => {
      const plan = new PeriodogramPlan(n, 256, { window: 'hamming' });
      const x = Float64Array.from(
        { length: n },
        (_, i) => 30 * Math.sin(i * 0.31) + 5 * Math.cos(i * 2.2) + 3,
      );
      const full = new Float64Array(plan.bins);
      expect(periodogramInto(plan, x, 0, full)).toBe(true);
      const part = new Float64Array(plan.bins).fill(-1);
      expect(periodogramInto(plan, x, 0, part, undefined, 45)).toBe(true);
      const peak = Math.max(...full);
      for (let k = 0; k < 45; k++)
        expect(Math.abs((part[k] as number) - (full[k] as number)) / peak).toBeLessThan(1e-12);
      for (let k = 45; k < plan.bins; k++) expect(part[k]).toBe(-1);
      expect(() => periodogramInto(plan, x, 0, part, undefined, plan.bins + 1)).toThrow(RangeError);
      expect(() => periodogramInto(plan, x, 0, part, undefined, 0)).toThrow(RangeError);
    },
  );
});

describe('periodogramOfWeightedInto', () => {
  it.each([
    [256, 256, 'hamming'],
    [250, 250, 'hann'],
    [192, 256, 'hann'],
  ] as const)(
    'n %i, nfft %i, %s: removing the mean afterwards equals detrending first',
    (n, nfft, window) => {
      const plan = new PeriodogramPlan(n, 256, { window, nfft });
      // A large offset: the frequency-domain mean removal must not lose the small bins to cancellation.
      const x = Float64Array.from(
        { length: n },
        (_, i) => 800 + 12 * Math.sin(i * 0.4) + 3 * Math.cos(i * 1.3),
      );
      const ref = new Float64Array(plan.bins);
      periodogramInto(plan, x, 0, ref);
      let mean = 0;
      for (const v of x) mean += v / n;
      for (let i = 0; i < n; i++) plan.segment[i] = (x[i] as number) * (plan.weights[i] as number);
      const got = new Float64Array(plan.bins);
      periodogramOfWeightedInto(plan, got, mean);
      const peak = Math.max(...ref);
      for (let k = 0; k < plan.bins; k++)
        expect(Math.abs((got[k] as number) - (ref[k] as number)) / peak).toBeLessThan(1e-9);
    },
  );
});

describe('rfftFrequencies', () => {
  it('matches numpy.fft.rfftfreq(n, 1/fs)', () => {
    expect(Array.from(rfftFrequencies(8, 256))).toEqual([0, 32, 64, 96, 128]);
    expect(Array.from(rfftFrequencies(5, 10))).toEqual([0, 2, 4]);
  });
});
