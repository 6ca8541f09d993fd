import { describe, expect, it } from 'vitest';
import {
  averagePowerSpectrum,
  peakOf,
  powerShareAbove,
  rmsOf,
  spectralCentroid,
  windowedRms,
} from '../../../src/sound/measure.ts';

const SR = 24000;
const sine = (hz: number, amp: number, seconds = 1) =>
  Float32Array.from({ length: SR * seconds }, (_, i) => amp * Math.sin((2 * Math.PI * hz * i) / SR));

describe('sound measures', () => {
  it('peak and RMS of a sine', () => {
    const s = sine(440, 0.5);
    expect(peakOf([s, new Float32Array(10)])).toBeCloseTo(0.5, 3);
    expect(rmsOf(s)).toBeCloseTo(0.5 / Math.SQRT2, 3);
    expect(rmsOf(s, 10, 10)).toBe(0);
    expect(rmsOf(new Float32Array(0))).toBe(0);
  });

  it('windowed RMS follows a level change', () => {
    const s = sine(300, 1);
    for (let i = 0; i < SR / 2; i++) s[i] = s[i]! * 0.1;
    const w = windowedRms(s, SR, 0.25);
    expect(w).toHaveLength(4);
    expect(w[0]).toBeCloseTo(0.1 / Math.SQRT2, 2);
    expect(w[3]).toBeCloseTo(1 / Math.SQRT2, 2);
  });

  it('the centroid finds a pure tone and sits between two', () => {
    expect(spectralCentroid(averagePowerSpectrum(sine(1000, 0.3), SR))).toBeGreaterThan(980);
    expect(spectralCentroid(averagePowerSpectrum(sine(1000, 0.3), SR))).toBeLessThan(1020);
    const two = sine(500, 0.5).map((v, i) => v + 0.5 * Math.sin((2 * Math.PI * 2000 * i) / SR));
    const c = spectralCentroid(averagePowerSpectrum(two, SR));
    expect(c).toBeGreaterThan(1150);
    expect(c).toBeLessThan(1350);
    expect(spectralCentroid(averagePowerSpectrum(new Float32Array(SR), SR))).toBe(0);
  });

  it('power share above a frequency', () => {
    const two = sine(500, 1).map((v, i) => v + 0.5 * Math.sin((2 * Math.PI * 3000 * i) / SR));
    const s = averagePowerSpectrum(two, SR);
    expect(powerShareAbove(s, 1000)).toBeCloseTo(0.2, 2);
    expect(powerShareAbove(s, 5000)).toBeLessThan(0.001);
    expect(powerShareAbove(averagePowerSpectrum(new Float32Array(100), SR), 1000)).toBe(0);
  });
});
