import { describe, expect, it } from 'vitest';
import { NEUTRAL_SCENE_PARAMS, type SceneParams } from '../../../scenes/index.ts';
import { aberrationOffset, MAX_ABERRATION } from '../../../scenes/effects/aberration.ts';

const offsetAt = (p: Partial<SceneParams>) => {
  const out = { x: -1, y: -1 };
  aberrationOffset({ ...NEUTRAL_SCENE_PARAMS, ...p }, out);
  return out;
};

describe('the glitch as colour fringes', () => {
  it('is absent without a glitch, grows with it, and stops at its maximum', () => {
    expect(offsetAt({ glitch: 0 })).toEqual({ x: 0, y: 0 });
    let last = 0;
    for (let g = 0.1; g <= 1.0001; g += 0.1) {
      const { x } = offsetAt({ glitch: g });
      expect(x).toBeGreaterThan(last);
      last = x;
    }
    expect(offsetAt({ glitch: 1 }).x).toBe(MAX_ABERRATION);
    expect(offsetAt({ glitch: 40 }).x).toBe(MAX_ABERRATION);
  });

  it('is gone once unplugged, and a bad value shows nothing rather than something wild', () => {
    expect(offsetAt({ glitch: 1, unplugged: true })).toEqual({ x: 0, y: 0 });
    expect(offsetAt({ glitch: NaN })).toEqual({ x: 0, y: 0 });
    expect(offsetAt({ glitch: -3 })).toEqual({ x: 0, y: 0 });
  });
});
