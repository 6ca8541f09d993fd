import { describe, expect, it } from 'vitest';
import { sectionCount, sosFrequencyResponse } from '../../../dsp/biquad.ts';
import {
  DEFAULT_NOTCH_Q,
  designButterworth,
  designEegFilters,
  designNotch,
} from '../../../dsp/filter-design.ts';

const fs = 256;
const mag = (sos: Float64Array, hz: number) => sosFrequencyResponse(sos, [hz], fs).magnitude[0] as number;

describe('designButterworth', () => {
  it.each([2, 4, 6, 8])('order %i: −3 dB at the cutoff and order/2 sections', (order) => {
    const lp = designButterworth('lowpass', 45, fs, order);
    const hp = designButterworth('highpass', 1, fs, order);
    expect(sectionCount(lp)).toBe(order / 2);
    expect(mag(lp, 45)).toBeCloseTo(Math.SQRT1_2, 10);
    expect(mag(hp, 1)).toBeCloseTo(Math.SQRT1_2, 10);
    expect(mag(lp, 0)).toBeCloseTo(1, 12);
    expect(mag(hp, 128)).toBeCloseTo(1, 12);
  });

  it('rolls off at 6·order dB per octave far from the cutoff', () => {
    const hp = designButterworth('highpass', 1, fs, 4);
    // Analog 4th-order: |H(0.25 Hz)| ≈ (0.25)^4; the bilinear warp is negligible this far below Nyquist.
    expect(mag(hp, 0.25) / 0.25 ** 4).toBeCloseTo(1, 2);
  });

  it('rejects odd orders and cutoffs outside (0, Nyquist)', () => {
    expect(() => designButterworth('lowpass', 45, fs, 3)).toThrow(RangeError);
    expect(() => designButterworth('lowpass', 128, fs, 4)).toThrow(RangeError);
    expect(() => designButterworth('highpass', 0, fs, 4)).toThrow(RangeError);
    expect(() => designButterworth('highpass', 1, Number.NaN, 4)).toThrow(RangeError);
  });
});

describe('designNotch', () => {
  it.each([50, 60])('%i Hz: zero at f0, −3 dB a half-bandwidth f0/(2Q) either side, unity far away', (f0) => {
    const notch = designNotch(f0, fs);
    expect(mag(notch, f0)).toBeLessThan(1e-12);
    // iirnotch's −3 dB edges are exact in the pre-warped domain; in Hz they sit within 1 % of f0 ± f0/(2Q).
    const half = f0 / DEFAULT_NOTCH_Q / 2;
    expect(mag(notch, f0 - half)).toBeCloseTo(Math.SQRT1_2, 1);
    expect(mag(notch, f0 + half)).toBeCloseTo(Math.SQRT1_2, 1);
    expect(mag(notch, 10)).toBeGreaterThan(0.999);
  });

  it('rejects a mains frequency at or above Nyquist', () => {
    expect(() => designNotch(60, 100)).toThrow(RangeError);
    expect(() => designNotch(50, fs, 0)).toThrow(RangeError);
  });
});

describe('designEegFilters', () => {
  it('orders the stages high-pass, notch, low-pass', () => {
    const d = designEegFilters({ sampleRate: fs, mainsHz: 60, bandpass: [1, 45] });
    expect(sectionCount(d.highpass)).toBe(2);
    expect(sectionCount(d.notch)).toBe(1);
    expect(sectionCount(d.lowpass)).toBe(2);
    expect(Array.from(d.chain)).toEqual([...d.highpass, ...d.notch, ...d.lowpass]);
    expect(mag(d.chain, 60)).toBeLessThan(1e-9);
  });

  it('leaves out what is switched off', () => {
    const none = designEegFilters({ sampleRate: fs, mainsHz: null, bandpass: null });
    expect(none.chain.length).toBe(0);
    const notchOnly = designEegFilters({ sampleRate: fs, mainsHz: 50, bandpass: null });
    expect(sectionCount(notchOnly.chain)).toBe(1);
  });

  it('rejects an inverted pass band', () => {
    expect(() => designEegFilters({ sampleRate: fs, mainsHz: null, bandpass: [45, 1] })).toThrow(RangeError);
  });
});
