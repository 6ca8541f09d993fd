import { describe, expect, it } from 'vitest';
import { detCos, detExp, detLog, detSin } from '../../../hardware-mocks/synth/det-math.ts';
import { assertSeed, hash32, Xoshiro128 } from '../../../hardware-mocks/synth/prng.ts';

describe('Xoshiro128', () => {
  it('matches the xoshiro128** reference outputs for state (1, 2, 3, 4)', () => {
    // Worked by hand from the reference C code (prng.di.unimi.it/xoshiro128starstar.c).
    const g = Xoshiro128.fromState(1, 2, 3, 4);
    expect([g.nextU32(), g.nextU32(), g.nextU32()]).toEqual([11520, 0, 5927040]);
  });

  it('repeats a sequence for the same seed and stream, and differs across seeds and streams', () => {
    const draw = (seed: number, stream: number): number[] => {
      const g = new Xoshiro128(seed, stream);
      return Array.from({ length: 8 }, () => g.nextU32());
    };
    expect(draw(42, 0)).toEqual(draw(42, 0));
    expect(draw(42, 0)).not.toEqual(draw(43, 0));
    expect(draw(42, 0)).not.toEqual(draw(42, 1));
    // Seeds beyond 32 bits must not alias their low word.
    expect(draw(2 ** 32 + 5, 0)).not.toEqual(draw(5, 0));
    expect(draw(-1, 0)).not.toEqual(draw(1, 0));
  });

  it('gives uniform floats in [0, 1)', () => {
    const g = new Xoshiro128(9);
    let min = 1;
    let max = 0;
    let sum = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = g.nextFloat();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
  });

  it('draws standard normals: mean 0, variance 1, kurtosis 3, Gaussian tails', () => {
    const g = new Xoshiro128(7);
    const n = 1_000_000;
    let m1 = 0;
    let m2 = 0;
    let m4 = 0;
    let beyond3 = 0;
    let beyond4 = 0;
    for (let i = 0; i < n; i++) {
      const x = g.nextGaussian();
      m1 += x;
      m2 += x * x;
      m4 += x * x * x * x;
      if (Math.abs(x) > 3) beyond3++;
      if (Math.abs(x) > 4) beyond4++;
    }
    expect(Math.abs(m1 / n)).toBeLessThan(0.005);
    expect(m2 / n).toBeCloseTo(1, 1);
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.01);
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.05);
    // P(|x| > 3) = 0.0027, P(|x| > 4) = 6.3e-5: the ziggurat's tail path must be right too.
    expect(beyond3 / n).toBeGreaterThan(0.0024);
    expect(beyond3 / n).toBeLessThan(0.003);
    expect(beyond4).toBeGreaterThan(35);
    expect(beyond4).toBeLessThan(100);
  });

  it('fillGaussian gives exactly the numbers nextGaussian would', () => {
    const a = new Xoshiro128(11, 3);
    const b = new Xoshiro128(11, 3);
    const buf = new Float64Array(5000);
    a.fillGaussian(buf, 5000);
    const one = Array.from({ length: 5000 }, () => b.nextGaussian());
    expect(Array.from(buf)).toEqual(one);
    expect(a.nextU32()).toBe(b.nextU32());
  });

  it('draws exponential intervals with the asked rate', () => {
    const g = new Xoshiro128(5);
    let sum = 0;
    let min = Infinity;
    const n = 100_000;
    for (let i = 0; i < n; i++) {
      const x = g.nextExponential(4);
      min = Math.min(min, x);
      sum += x;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(sum / n).toBeCloseTo(0.25, 2);
  });

  it('rejects seeds that are not safe integers', () => {
    expect(() => assertSeed(1.5)).toThrow(/seed must be a safe integer \(got 1\.5\)/);
    expect(() => assertSeed(Number.NaN)).toThrow(/seed must be a safe integer/);
    expect(() => assertSeed('3')).toThrow(/seed must be a safe integer/);
    expect(() => assertSeed(2 ** 60)).toThrow(/seed must be a safe integer/);
  });

  it('hashes integers so that neighbours differ', () => {
    expect(hash32(1, 2, 3)).toBe(hash32(1, 2, 3));
    expect(hash32(1, 2, 3)).not.toBe(hash32(1, 2, 4));
    expect(hash32(1, 2, 3)).not.toBe(hash32(2, 2, 3));
  });
});

describe('det-math', () => {
  it('agrees with Math.sin/cos to rounding over several periods', () => {
    let worst = 0;
    for (let x = -40; x <= 40; x += 0.0137) {
      // Reducing by a rounded 2π costs about 2.4e-16 per period of |x|.
      const tol = 1e-15 * (2 + Math.abs(x));
      worst = Math.max(
        worst,
        Math.abs(detSin(x) - Math.sin(x)) / tol,
        Math.abs(detCos(x) - Math.cos(x)) / tol,
      );
    }
    expect(worst).toBeLessThan(1);
  });

  it('agrees with Math.exp and Math.log to 1e-14 relative', () => {
    let worstExp = 0;
    for (let x = -50; x <= 50; x += 0.173)
      worstExp = Math.max(worstExp, Math.abs(detExp(x) / Math.exp(x) - 1));
    expect(worstExp).toBeLessThan(1e-14);
    let worstLog = 0;
    for (let x = 1e-12; x < 1e12; x *= 1.37) {
      worstLog = Math.max(worstLog, Math.abs(detLog(x) - Math.log(x)) / Math.max(1, Math.abs(Math.log(x))));
    }
    expect(worstLog).toBeLessThan(1e-14);
  });

  it('rejects arguments outside their domain', () => {
    expect(() => detLog(0)).toThrow(/detLog: argument must be a finite number > 0 \(got 0\)/);
    expect(() => detLog(-1)).toThrow(/detLog/);
    expect(() => detExp(800)).toThrow(/detExp: argument must be within ±700/);
  });
});
