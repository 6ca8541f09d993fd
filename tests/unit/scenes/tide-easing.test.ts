import { describe, expect, it } from 'vitest';
import { NEUTRAL_SCENE_PARAMS } from '../../../scenes/params';
import {
  createTideInputs,
  easeTideInputs,
  resolveTideInputs,
  TIDE_INPUT_KEYS,
  type TideInputs,
} from '../../../scenes/tide/inputs';
import { computeTideLook } from '../../../scenes/tide/look';

function run(
  target: TideInputs,
  fps: number,
  seconds: number,
  onFrame?: (i: TideInputs) => void,
): TideInputs {
  const eased = createTideInputs();
  for (let f = 0; f < Math.round(fps * seconds); f++) {
    easeTideInputs(eased, target, 1 / fps);
    onFrame?.(eased);
  }
  return eased;
}

describe('Tide easing', () => {
  const nightmare: TideInputs = {
    ...createTideInputs(),
    calm: 0,
    dread: 1,
    glitch: 1,
    brightness: 1,
    reduced: 1,
  };

  it('is frame-rate independent', () => {
    const at30 = run(nightmare, 30, 2);
    const at144 = run(nightmare, 144, 2);
    for (const key of TIDE_INPUT_KEYS) expect(at30[key]).toBeCloseTo(at144[key], 9);
  });

  it('turns a step in the params into a slow glide: no frame changes exposure by more than 2%', () => {
    let last = computeTideLook(createTideInputs()).exposure;
    run(nightmare, 60, 6, (i) => {
      const e = computeTideLook(i).exposure;
      expect(Math.abs(e - last)).toBeLessThan(0.02 * last);
      last = e;
    });
  });

  it('arrives: after 10 s the inputs are within 1% of the target', () => {
    const end = run(nightmare, 60, 10);
    for (const key of TIDE_INPUT_KEYS) expect(Math.abs(end[key] - nightmare[key])).toBeLessThan(0.01);
  });
});

describe('unplugged easing', () => {
  it('takes every scene from full nightmare to within 1% of calm neutral 2 s after unplug, at any frame rate', () => {
    for (const fps of [10, 30, 60, 144]) {
      const eased = createTideInputs();
      Object.assign(eased, { calm: 0, dread: 1, wonder: 0, glitch: 1 });
      const target = resolveTideInputs({
        ...NEUTRAL_SCENE_PARAMS,
        dread: 1,
        glitch: 1,
        calm: 0,
        unplugged: true,
      });
      let prevDread = eased.dread;
      for (let i = 0; i < 2 * fps; i++) {
        easeTideInputs(eased, target, 1 / fps, true);
        expect(eased.dread).toBeLessThanOrEqual(prevDread);
        prevDread = eased.dread;
      }
      expect(eased.dread, `${fps} fps`).toBeLessThan(0.01);
      expect(eased.glitch).toBeLessThan(0.01);
      expect(eased.calm).toBeGreaterThan(0.99);
    }
  });
});
