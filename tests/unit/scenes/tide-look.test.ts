import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSceneParamsStore, NEUTRAL_SCENE_PARAMS, type SceneParams } from '../../../scenes/params';
import { redRatio, relativeLuminance, type Rgb } from '../../../scenes/tide/color';
import { createTideInputs, resolveTideInputs, type TideInputs } from '../../../scenes/tide/inputs';
import {
  computeTideLook,
  TIDE_LOOK_COLOR_KEYS,
  TIDE_LOOK_SCALAR_KEYS,
  tideFadeIn,
  type TideLook,
} from '../../../scenes/tide/look';

function inputs(overrides: Partial<TideInputs>): TideInputs {
  return { ...createTideInputs(), ...overrides };
}

function look(overrides: Partial<TideInputs>): TideLook {
  return computeTideLook(inputs(overrides));
}

/** Rough screen luminance: sky and sea dominate the frame, scaled by exposure. */
function sceneLuminance(l: TideLook): number {
  const area =
    0.35 * relativeLuminance(l.skyHorizon) +
    0.2 * relativeLuminance(l.skyZenith) +
    0.25 * relativeLuminance(l.seaScatter) +
    0.2 * relativeLuminance(l.seaDeep);
  return area * l.exposure;
}

const STEPS = [0, 0.25, 0.5, 0.75, 1];

function* sweep(): Generator<TideInputs> {
  for (const calm of STEPS)
    for (const dread of STEPS)
      for (const wonder of STEPS)
        for (const glitch of STEPS)
          for (const brightness of STEPS)
            for (const motion of [0, 1])
              for (const reduced of [0, 1])
                yield { calm, dread, wonder, glitch, brightness, motion, reduced };
}

const unitArb = fc.double({ min: 0, max: 1, noNaN: true });
const inputsArb = fc.record({
  calm: unitArb,
  dread: unitArb,
  wonder: unitArb,
  glitch: unitArb,
  brightness: unitArb,
  motion: unitArb,
  reduced: unitArb,
});

describe('Tide look', () => {
  it('calm and full dread differ clearly in luminance, dread darker', () => {
    const calm = sceneLuminance(look({ calm: 1, dread: 0 }));
    const nightmare = sceneLuminance(look({ calm: 0, dread: 1 }));
    expect(calm / nightmare).toBeGreaterThan(2);
  });

  it('never produces a saturated red, nor a colour out of range, anywhere in the param space', () => {
    let worst = 0;
    const outOfRange: string[] = [];
    const l = computeTideLook(createTideInputs());
    for (const i of sweep()) {
      computeTideLook(i, l);
      for (const key of TIDE_LOOK_COLOR_KEYS) {
        const c: Rgb = l[key];
        if (c.some((v) => !(v >= 0 && v <= 1))) outOfRange.push(`${key} at ${JSON.stringify(i)}`);
        worst = Math.max(worst, redRatio(c));
      }
    }
    expect(outOfRange).toEqual([]);
    expect(worst).toBeLessThan(0.5);
  });

  it('is continuous: a 0.001 change in any input moves every output by less than 0.01', () => {
    const keys = ['calm', 'dread', 'wonder', 'glitch', 'brightness', 'motion', 'reduced'] as const;
    fc.assert(
      fc.property(inputsArb, fc.constantFrom(...keys), fc.boolean(), (base, key, up) => {
        const moved = { ...base, [key]: Math.min(1, Math.max(0, base[key] + (up ? 1e-3 : -1e-3))) };
        const a = computeTideLook(base);
        const b = computeTideLook(moved);
        let largest = 0;
        for (const k of TIDE_LOOK_SCALAR_KEYS) largest = Math.max(largest, Math.abs(a[k] - b[k]));
        for (const k of TIDE_LOOK_COLOR_KEYS)
          for (let c = 0; c < 3; c++) largest = Math.max(largest, Math.abs(a[k][c]! - b[k][c]!));
        return largest < 0.01;
      }),
      { numRuns: 1000 },
    );
  });

  it('gives finite values everywhere', () => {
    fc.assert(
      fc.property(inputsArb, (i) => {
        const l = computeTideLook(i);
        return TIDE_LOOK_SCALAR_KEYS.every((k) => Number.isFinite(l[k]));
      }),
    );
  });

  it('dread darkens, heaves, clouds and fogs the sea; wonder brings aurora and bioluminescence', () => {
    const calm = look({ calm: 1 });
    const dread = look({ calm: 0, dread: 1 });
    const wonder = look({ wonder: 1 });
    expect(dread.waveAmplitude).toBeGreaterThan(2 * calm.waveAmplitude);
    expect(dread.waveChoppiness).toBeGreaterThan(calm.waveChoppiness);
    expect(dread.waveSpeed).toBeGreaterThan(calm.waveSpeed);
    expect(dread.cloudCover).toBeGreaterThan(0.8);
    expect(dread.moonVisibility).toBeLessThan(0.3);
    expect(dread.fogDensity).toBeGreaterThan(3 * calm.fogDensity);
    expect(dread.cameraHeight).toBeLessThan(calm.cameraHeight);
    expect(calm.auroraIntensity).toBe(0);
    expect(calm.bioIntensity).toBe(0);
    expect(wonder.auroraIntensity).toBeGreaterThan(0.9);
    expect(wonder.bioIntensity).toBeGreaterThan(0.9);
  });

  it('follows brightness monotonically', () => {
    let last = -Infinity;
    for (let b = 0; b <= 1; b += 0.05) {
      const e = look({ brightness: b }).exposure;
      expect(e).toBeGreaterThan(last);
      last = e;
    }
  });

  it('glitch desaturates colours but changes nothing else about the look', () => {
    const clean = look({ wonder: 0.6 });
    const glitched = look({ wonder: 0.6, glitch: 1 });
    const spread = (c: Rgb) => Math.max(...c) - Math.min(...c);
    expect(spread(glitched.auroraLow)).toBeLessThan(spread(clean.auroraLow));
    for (const k of TIDE_LOOK_SCALAR_KEYS) if (k !== 'glitch') expect(glitched[k]).toBe(clean[k]);
  });

  it('reduced motion stops camera sway and riding, and slows the sea', () => {
    const free = look({ dread: 1, motion: 1, reduced: 0 });
    const reduced = look({ dread: 1, motion: 1, reduced: 1 });
    expect(reduced.cameraSway).toBe(0);
    expect(reduced.cameraRide).toBe(0);
    expect(reduced.waveSpeed).toBeLessThan(0.5 * free.waveSpeed);
    expect(reduced.driftSpeed).toBeLessThan(0.5 * free.driftSpeed);
  });

  it('fades in from black over a few seconds after mount', () => {
    expect(tideFadeIn(0)).toBe(0);
    expect(tideFadeIn(10)).toBe(1);
    for (let t = 0; t < 3; t += 1 / 60) expect(tideFadeIn(t + 1 / 60) - tideFadeIn(t)).toBeLessThan(0.02);
  });
});

describe('Tide inputs', () => {
  const stormy: SceneParams = {
    calm: 0.1,
    dread: 0.9,
    wonder: 0.7,
    glitch: 0.8,
    brightness: 0.3,
    motion: 0,
    reducedMotion: false,
    unplugged: true,
  };

  it('unplugged settles to the calm neutral form', () => {
    const unplugged = computeTideLook(resolveTideInputs(stormy));
    const neutral = computeTideLook(
      resolveTideInputs({ ...NEUTRAL_SCENE_PARAMS, brightness: stormy.brightness, motion: stormy.motion }),
    );
    expect(unplugged).toEqual(neutral);
    expect(unplugged.auroraIntensity).toBe(0);
    expect(unplugged.glitch).toBe(0);
  });

  it('keeps NaN and out-of-range params out of the shaders', () => {
    const store = createSceneParamsStore({
      ...stormy,
      unplugged: false,
      dread: Number.NaN,
      calm: 7,
      wonder: -1,
    });
    const i = resolveTideInputs(store.current);
    expect(i.dread).toBe(0);
    expect(i.calm).toBe(1);
    expect(i.wonder).toBe(0);
  });

  it('maps reducedMotion to a number that can be eased', () => {
    expect(resolveTideInputs({ ...NEUTRAL_SCENE_PARAMS, reducedMotion: true }).reduced).toBe(1);
    expect(resolveTideInputs(NEUTRAL_SCENE_PARAMS).reduced).toBe(0);
  });
});
