import { describe, expect, it } from 'vitest';
import { hammingWindow, hannWindow, makeWindow } from '../../../dsp/windows.ts';

describe('windows', () => {
  it('periodic Hann: zero at 0, one at n/2, symmetric about n/2 (scipy get_window("hann", n))', () => {
    const w = hannWindow(8);
    expect(w[0]).toBe(0);
    expect(w[4]).toBeCloseTo(1, 15);
    for (let i = 1; i < 8; i++) expect(w[i]).toBeCloseTo(w[8 - i] as number, 15);
    // scipy.signal.get_window('hann', 8)[1] = 0.5 − 0.5·cos(π/4)
    expect(w[1]).toBeCloseTo(0.5 - 0.5 * Math.cos(Math.PI / 4), 15);
  });

  it('symmetric Hann and Hamming end where scipy says', () => {
    const h = hannWindow(5, false);
    expect([h[0], h[2], h[4]]).toEqual([0, 1, 0]);
    const m = hammingWindow(5, false);
    expect(m[0]).toBeCloseTo(0.08, 15);
    expect(m[4]).toBeCloseTo(0.08, 15);
    expect(m[2]).toBeCloseTo(1, 15);
  });

  it('makeWindow copies explicit windows and checks their length', () => {
    const custom = Float64Array.from([0.1, 0.5, 0.1]);
    const w = makeWindow(custom, 3);
    expect(w).toEqual(custom);
    expect(w).not.toBe(custom);
    expect(() => makeWindow(custom, 4)).toThrow(RangeError);
    expect(makeWindow('hamming', 16)).toEqual(hammingWindow(16));
  });
});
