import { describe, expect, it } from 'vitest';
import {
  BAND_POWER_FLOOR,
  MIND_MONITOR_BANDS,
  absoluteBandPower,
  bandBinRanges,
  bandPowers,
  relativeBandPowersInto,
  validateBands,
} from '../../../dsp/bands.ts';
import { rfftFrequencies } from '../../../dsp/welch.ts';

describe('band bins', () => {
  it('takes lowHz ≤ f < highHz, so 1 Hz bins split the Mind Monitor bands without sharing', () => {
    const bins = bandBinRanges(rfftFrequencies(256, 256), MIND_MONITOR_BANDS);
    // delta 1–3, theta 4–7, alpha 8–12, beta 13–29, gamma 30–43 Hz
    expect(Array.from(bins.start)).toEqual([1, 4, 8, 13, 30]);
    expect(Array.from(bins.end)).toEqual([4, 8, 13, 30, 44]);
  });

  it('with 0.5 Hz bins the 7.5 Hz bin belongs to theta and alpha, whose definitions overlap', () => {
    const freqs = rfftFrequencies(512, 256);
    const bins = bandBinRanges(freqs, MIND_MONITOR_BANDS);
    expect(freqs[bins.start[2] as number]).toBe(7.5);
    expect(freqs[(bins.end[1] as number) - 1]).toBe(7.5);
  });

  it('validates bands', () => {
    expect(() => validateBands([])).toThrow(RangeError);
    expect(() => validateBands([{ name: 'x', lowHz: 8, highHz: 4 }])).toThrow(RangeError);
    expect(() => validateBands([{ name: 'x', lowHz: Number.NaN, highHz: 4 }])).toThrow(RangeError);
  });
});

describe('band powers', () => {
  it('absolute is log10 of the band sum, floored and always finite', () => {
    expect(absoluteBandPower(100)).toBe(2);
    expect(absoluteBandPower(0)).toBe(Math.log10(BAND_POWER_FLOOR));
    expect(absoluteBandPower(Number.NaN)).toBe(Math.log10(BAND_POWER_FLOOR));
    expect(absoluteBandPower(Number.POSITIVE_INFINITY)).toBe(Math.log10(BAND_POWER_FLOOR));
  });

  it('relative shares sum to 1, or are all 0 when there is no power', () => {
    const out = new Float64Array(3);
    relativeBandPowersInto(Float64Array.from([1, 3, 4]), out);
    expect(Array.from(out)).toEqual([0.125, 0.375, 0.5]);
    relativeBandPowersInto(new Float64Array(3), out);
    expect(Array.from(out)).toEqual([0, 0, 0]);
  });

  it('sums the PSD bins of each band (Muse: log10 of the summed PSD)', () => {
    const freqs = rfftFrequencies(256, 256);
    const psd = new Float64Array(freqs.length);
    psd[2] = 10; // delta
    psd[10] = 60; // alpha
    psd[12] = 40; // alpha
    psd[50] = 1e6; // outside every band
    const p = bandPowers({ freqs, psd });
    expect(Array.from(p.sums)).toEqual([10, 0, 100, 0, 0]);
    expect(p.absolute[2]).toBe(2);
    expect(p.relative[2]).toBeCloseTo(100 / 110, 15);
  });
});
