import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BiquadCascade,
  concatSos,
  sectionCount,
  sosDcGain,
  sosFrequencyResponse,
} from '../../../dsp/biquad.ts';
import { designButterworth, designEegFilters } from '../../../dsp/filter-design.ts';

const fs = 256;
const chain = designEegFilters({ sampleRate: fs, mainsHz: 50, bandpass: [1, 45] }).chain;

function noise(n: number, seed: number): Float64Array {
  let s = seed;
  return Float64Array.from({ length: n }, () => {
    s = (s * 16807) % 2147483647;
    return 800 + 100 * (s / 2147483647 - 0.5);
  });
}

describe('BiquadCascade', () => {
  it('gives the same output however the input is split into blocks', () => {
    const x = noise(2000, 7);
    const whole = new Float64Array(x.length);
    new BiquadCascade(chain).process(x, whole);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 300 }), { minLength: 1, maxLength: 40 }), (steps) => {
        const cascade = new BiquadCascade(chain);
        const y = new Float64Array(x.length);
        let at = 0;
        for (let i = 0; at < x.length; i++) {
          const n = Math.min(steps[i % steps.length] as number, x.length - at);
          cascade.process(x, y, n, at, at);
          at += n;
        }
        expect(y).toEqual(whole);
      }),
      { numRuns: 50 },
    );
  });

  it('is bit-identical to running one section at a time (scipy sosfilt), for 1 to 5 sections', () => {
    // The cascade runs sections two at a time into float64 output; the reference below runs each section over
    // the whole block in turn, as scipy.signal.sosfilt does, with the state left between blocks.
    const sos = concatSos(chain, designButterworth('lowpass', 30, fs, 4));
    const x = noise(700, 3);
    for (let sections = 1; sections <= 5; sections++) {
      const part = sos.subarray(0, 5 * sections);
      const state = new Float64Array(2 * sections);
      const expected = new Float64Array(x.length);
      for (const [from, to] of [
        [0, 37],
        [37, 400],
        [400, 700],
      ] as const) {
        for (let i = from; i < to; i++) expected[i] = x[i] as number;
        for (let s = 0; s < sections; s++) {
          const [b0, b1, b2, a1, a2] = Array.from(part.subarray(5 * s, 5 * s + 5));
          let z1 = state[2 * s] as number;
          let z2 = state[2 * s + 1] as number;
          for (let i = from; i < to; i++) {
            const v = expected[i] as number;
            const y = (b0 as number) * v + z1;
            z1 = (b1 as number) * v - (a1 as number) * y + z2;
            z2 = (b2 as number) * v - (a2 as number) * y;
            expected[i] = y;
          }
          state[2 * s] = z1;
          state[2 * s + 1] = z2;
        }
      }
      const cascade = new BiquadCascade(part);
      const out = new Float64Array(x.length);
      cascade.process(x, out, 37);
      cascade.process(x, out, 363, 37, 37);
      cascade.process(x, out, 300, 400, 400);
      expect(out, `${sections} sections`).toEqual(expected);
      expect(cascade.state, `${sections} sections`).toEqual(state);
    }
  });

  it('filters in place', () => {
    const x = noise(500, 3);
    const expected = new Float64Array(x.length);
    new BiquadCascade(chain).process(x, expected);
    new BiquadCascade(chain).process(x, x);
    expect(x).toEqual(expected);
  });

  it('reset() forgets the past', () => {
    const x = noise(300, 11);
    const fresh = new Float64Array(x.length);
    new BiquadCascade(chain).process(x, fresh);
    const used = new BiquadCascade(chain);
    used.process(noise(300, 5), new Float64Array(300));
    used.reset();
    const again = new Float64Array(x.length);
    used.process(x, again);
    expect(again).toEqual(fresh);
  });

  it('primed at a constant input, outputs the steady state at once (no start-up transient)', () => {
    const lowpass = designButterworth('lowpass', 10, fs, 4);
    const cascade = new BiquadCascade(lowpass);
    expect(cascade.primeSteadyState(812.5)).toBeCloseTo(812.5 * sosDcGain(lowpass), 9);
    const x = new Float64Array(256).fill(812.5);
    const y = new Float64Array(256);
    cascade.process(x, y);
    for (const v of y) expect(v).toBeCloseTo(812.5, 8);
    // Unprimed, the same input rings up from zero.
    const cold = new Float64Array(256);
    new BiquadCascade(lowpass).process(x, cold);
    expect(cold[0]).toBeLessThan(1);
  });

  it('a high-pass primed at a DC offset outputs zeros', () => {
    const cascade = new BiquadCascade(designButterworth('highpass', 1, fs, 4));
    expect(Math.abs(cascade.primeSteadyState(-640))).toBe(0);
    const y = new Float64Array(100);
    cascade.process(new Float64Array(100).fill(-640), y);
    for (const v of y) expect(Math.abs(v)).toBeLessThan(1e-9);
  });

  it('with no sections copies, and reads Float32 input into Float64 output', () => {
    const x = Float32Array.from([1.5, -2.25, 3]);
    const y = new Float64Array(3);
    new BiquadCascade(new Float64Array(0)).process(x, y);
    expect(Array.from(y)).toEqual([1.5, -2.25, 3]);
  });

  it('rejects ranges outside its buffers and malformed coefficient arrays', () => {
    const cascade = new BiquadCascade(chain);
    expect(() => cascade.process(new Float64Array(4), new Float64Array(4), 5)).toThrow(RangeError);
    expect(() => new BiquadCascade(new Float64Array(7))).toThrow(RangeError);
  });
});

describe('sos helpers', () => {
  it('concatSos multiplies transfer functions', () => {
    const hp = designButterworth('highpass', 1, fs, 2);
    const lp = designButterworth('lowpass', 40, fs, 2);
    const both = concatSos(hp, lp);
    expect(sectionCount(both)).toBe(2);
    const f = [0.3, 5, 39, 90];
    const a = sosFrequencyResponse(hp, f, fs).magnitude;
    const b = sosFrequencyResponse(lp, f, fs).magnitude;
    const ab = sosFrequencyResponse(both, f, fs).magnitude;
    f.forEach((_, i) => expect(ab[i]).toBeCloseTo((a[i] as number) * (b[i] as number), 12));
  });

  it('an empty cascade has unit response', () => {
    const r = sosFrequencyResponse(new Float64Array(0), [0, 10, 128], fs);
    expect(Array.from(r.magnitude)).toEqual([1, 1, 1]);
    expect(sosDcGain(new Float64Array(0))).toBe(1);
  });
});
