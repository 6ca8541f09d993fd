import { describe, expect, it } from 'vitest';
import { MIN_RENDER_SCALE, renderScaleFor } from '../../../src/app/render-scale.ts';

describe('adaptive render scale', () => {
  it("starts at the display's own ratio, capped at 2, and falls to the floor as quality drops", () => {
    expect(renderScaleFor(1, 1)).toBe(1);
    expect(renderScaleFor(1, 2)).toBe(2);
    expect(renderScaleFor(1, 3)).toBe(2);
    expect(renderScaleFor(0, 2)).toBe(MIN_RENDER_SCALE);
    expect(renderScaleFor(0.5, 2)).toBe(1.5);
    expect(renderScaleFor(0, 1), 'a standard-density display is left as it is').toBe(1);
  });

  it('never rises as the factor falls', () => {
    let last = Infinity;
    for (let f = 1; f >= -0.001; f -= 0.1) {
      const s = renderScaleFor(f, 2);
      expect(s).toBeLessThanOrEqual(last);
      last = s;
    }
  });

  it('stays inside its range for any input', () => {
    for (const [f, d] of [
      [NaN, 2],
      [-1, 2],
      [5, 2],
      [0.5, 0],
      [0.5, NaN],
      [1, 0.5],
    ] as const) {
      const s = renderScaleFor(f, d);
      expect(s).toBeGreaterThanOrEqual(MIN_RENDER_SCALE);
      expect(s).toBeLessThanOrEqual(2);
    }
  });
});
