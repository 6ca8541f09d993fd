import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { curve, evalCurve, evalCurveAt } from '../../../scenes/curves';
import { createTideInputs } from '../../../scenes/tide/inputs';

describe('mapping curves', () => {
  const c = curve('dread', [0, 10], [0.5, 4], [1, 2]);

  it('passes through its points and interpolates linearly between them', () => {
    expect(evalCurveAt(c, 0)).toBe(10);
    expect(evalCurveAt(c, 0.25)).toBeCloseTo(7, 12);
    expect(evalCurveAt(c, 0.5)).toBe(4);
    expect(evalCurveAt(c, 0.75)).toBeCloseTo(3, 12);
    expect(evalCurveAt(c, 1)).toBe(2);
  });

  it('holds its end values outside the points', () => {
    const inner = curve('calm', [0.2, 1], [0.8, 3]);
    expect(evalCurveAt(inner, 0)).toBe(1);
    expect(evalCurveAt(inner, 1)).toBe(3);
  });

  it('reads the dimension it names', () => {
    const inputs = { ...createTideInputs(), dread: 0.5, calm: 0 };
    expect(evalCurve(c, inputs)).toBe(4);
    expect(evalCurve(curve('calm', [0, 1], [1, 5]), inputs)).toBe(1);
  });

  it('is continuous and stays within its point values', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 1, noNaN: true }), (x) => {
        const y = evalCurveAt(c, x);
        return y >= 2 && y <= 10 && Math.abs(evalCurveAt(c, Math.min(1, x + 1e-6)) - y) < 1e-4;
      }),
    );
  });
});
