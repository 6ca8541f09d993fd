import { describe, expect, it } from 'vitest';
import { rmsOf } from '../../../src/sound/measure.ts';
import { fillCrackle, fillDropouts, fillPinkNoise, seededRandom } from '../../../src/sound/noise.ts';

const SR = 24000;

describe('sound tables', () => {
  it('seeded random is repeatable, in [0, 1) and differs by seed', () => {
    const a = seededRandom(5);
    const b = seededRandom(5);
    const c = seededRandom(6);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(c()).not.toBe(xs[0]);
  });

  it('pink noise has the asked RMS, no DC, stays within ±1, and its loop seam does not click', () => {
    const n = fillPinkNoise(new Float32Array(SR * 2), 3, 0.25);
    expect(rmsOf(n)).toBeCloseTo(0.25, 2);
    expect(Math.abs(n.reduce((s, v) => s + v, 0) / n.length)).toBeLessThan(0.01);
    expect(n.every((v) => Math.abs(v) <= 1)).toBe(true);
    // Looping jumps from the last sample to the first: no bigger than a typical step inside the table.
    let steps = 0;
    for (let i = 1; i < n.length; i++) steps += Math.abs(n[i]! - n[i - 1]!);
    expect(Math.abs(n[0]! - n[n.length - 1]!)).toBeLessThan(4 * (steps / (n.length - 1)));
    // Pink: more power in slow changes than white noise has (white's lag-1 correlation is 0).
    let lag = 0;
    for (let i = 1; i < n.length; i++) lag += n[i]! * n[i - 1]!;
    expect(lag / (n.length - 1) / 0.25 ** 2).toBeGreaterThan(0.3);
    expect(fillPinkNoise(new Float32Array(1000), 3)).toEqual(fillPinkNoise(new Float32Array(1000), 3));
  });

  it('crackle is sparse, bounded by its peak, and each grain eases in', () => {
    const c = fillCrackle(new Float32Array(SR * 3), SR, 9, 6, 0.5);
    expect(c.every((v) => Math.abs(v) <= 0.5)).toBe(true);
    const nonZero = c.filter((v) => v !== 0).length / c.length;
    expect(nonZero).toBeGreaterThan(0.01);
    expect(nonZero).toBeLessThan(0.15);
    // Within the first 0.25 ms of any grain (after silence) the level stays under a quarter of its peak.
    const quarterMs = Math.round(0.00025 * SR);
    for (let i = 1; i + quarterMs < c.length; i++)
      if (c[i - 1] === 0 && c[i] !== 0 && (i < 2 || c[i - 2] === 0))
        for (let j = 0; j < quarterMs; j++) expect(Math.abs(c[i + j]!)).toBeLessThanOrEqual(0.5 * 0.26);
  });

  it('dropouts are a few smooth dips from 0 to 1 and back', () => {
    const d = fillDropouts(new Float32Array(SR * 5), SR, 4, 3, 0.03);
    expect(d.every((v) => v >= 0 && v <= 1)).toBe(true);
    let dips = 0;
    for (let i = 1; i < d.length; i++) if (d[i - 1] === 0 && d[i]! > 0) dips++;
    expect(dips).toBe(3);
    expect(Math.max(...d)).toBe(1);
    // Raised-cosine edges of 30 ms: no step bigger than π/2 per edge length.
    let maxStep = 0;
    for (let i = 1; i < d.length; i++) maxStep = Math.max(maxStep, Math.abs(d[i]! - d[i - 1]!));
    expect(maxStep).toBeLessThanOrEqual(Math.PI / 2 / (0.03 * SR) + 1e-9);
    const share = d.filter((v) => v > 0).length / d.length;
    expect(share).toBeLessThan(0.25);
  });
});
