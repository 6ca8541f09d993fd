import { describe, expect, it } from 'vitest';
import { NEUTRAL_SCENE_PARAMS, SCENES, type SceneParams } from '../../../scenes/index.ts';
import { bloomIntensity } from '../../../scenes/effects/bloom.ts';

const at = (p: Partial<SceneParams>): SceneParams => ({ ...NEUTRAL_SCENE_PARAMS, ...p });

describe.each(SCENES.map((s) => [s.id, s] as const))('bloom of %s', (_, scene) => {
  const design = scene.bloom;

  it('glows most at wonder, least in a nightmare, and rises steadily with wonder', () => {
    const calm = bloomIntensity(design, at({ calm: 1 }));
    const wonder = bloomIntensity(design, at({ calm: 0.3, wonder: 1 }));
    const nightmare = bloomIntensity(design, at({ calm: 0, dread: 1 }));
    expect(wonder).toBeGreaterThan(2 * calm);
    expect(nightmare).toBeLessThan(calm);
    expect(nightmare).toBeGreaterThan(0);
    let last = -Infinity;
    for (let w = 0; w <= 1.0001; w += 0.05) {
      const v = bloomIntensity(design, at({ wonder: w }));
      expect(v).toBeGreaterThan(last);
      last = v;
    }
  });

  it('is its calm glow once unplugged, whatever the dream was', () => {
    expect(bloomIntensity(design, at({ wonder: 1, dread: 1, unplugged: true }))).toBe(design.calm);
  });

  it('never leaves its range, even for parameters out of bounds', () => {
    const hi = bloomIntensity(design, at({ wonder: 7, dread: -3 }));
    const lo = bloomIntensity(design, at({ wonder: -2, dread: 9 }));
    expect(hi).toBe(design.wonder);
    expect(lo).toBeCloseTo(design.calm * (1 - design.dreadDim), 12);
  });

  it('changes the glow no faster than the governed wonder moves it', () => {
    // The governor limits each dimension's rate; the glow's slope in wonder is bounded by the design's span.
    const span = design.wonder - design.calm;
    for (let w = 0; w < 1; w += 0.01) {
      const dv = bloomIntensity(design, at({ wonder: w + 0.01 })) - bloomIntensity(design, at({ wonder: w }));
      expect(Math.abs(dv)).toBeLessThanOrEqual(span * 0.01 + 1e-12);
    }
  });
});
