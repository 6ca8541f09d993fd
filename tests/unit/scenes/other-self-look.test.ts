import fc from 'fast-check';
import { BufferAttribute } from 'three';
import { describe, expect, it } from 'vitest';
import { curve } from '../../../scenes/curves';
import { createMoteGeometry, createFigureGeometry } from '../../../scenes/other-self/figureGeometry';
import {
  computeOtherSelfLook,
  DEFAULT_OTHER_SELF_TUNING,
  OTHER_SELF_COLOR_KEYS,
  OTHER_SELF_SCALAR_KEYS,
  otherSelfFadeIn,
  type OtherSelfLook,
} from '../../../scenes/other-self/look';
import { NEUTRAL_SCENE_PARAMS, type SceneParams } from '../../../scenes/params';
import { redRatio, relativeLuminance } from '../../../scenes/tide/color';
import { createTideInputs, resolveTideInputs, type TideInputs } from '../../../scenes/tide/inputs';

function look(overrides: Partial<TideInputs>): OtherSelfLook {
  return computeOtherSelfLook({ ...createTideInputs(), ...overrides });
}

/** Rough screen luminance: sky, horizon and water fill most of the frame. */
function sceneLuminance(l: OtherSelfLook): number {
  return (
    (0.35 * relativeLuminance(l.skyHorizon) +
      0.25 * relativeLuminance(l.skyZenith) +
      0.1 * relativeLuminance(l.glow) * l.glowIntensity +
      0.3 * relativeLuminance(l.water)) *
    l.exposure
  );
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

describe('The Other Self look', () => {
  it('dread brings the figure near, large, whole and dark; calm dissolves it far away', () => {
    const calm = look({ calm: 1, dread: 0 });
    const dread = look({ calm: 0, dread: 1 });
    expect(calm.figureDistance).toBeGreaterThan(20);
    expect(dread.figureDistance).toBeLessThan(4);
    expect(dread.figureScale).toBeGreaterThan(calm.figureScale);
    expect(calm.presence).toBeLessThan(0.1);
    expect(dread.presence).toBe(1);
    expect(dread.darkness).toBeGreaterThan(0.95);
    expect(calm.moteSpread).toBeGreaterThan(0.9);
    expect(dread.moteSpread).toBeLessThan(0.15);
    expect(dread.headTilt).toBeGreaterThan(0.3);
    expect(calm.headTilt).toBe(0);
    expect(calm.eyes).toBe(0);
    // Looking up at what looms.
    expect(dread.cameraPitch).toBeGreaterThan(calm.cameraPitch);
  });

  it('approaches steadily as dread rises', () => {
    let last = Infinity;
    for (let d = 0; d <= 1.0001; d += 0.05) {
      const l = look({ calm: 1 - d, dread: d });
      expect(l.figureDistance).toBeLessThan(last);
      last = l.figureDistance;
    }
  });

  it('calm and nightmare differ clearly in luminance, nightmare darker', () => {
    const calm = sceneLuminance(look({ calm: 1 }));
    const nightmare = sceneLuminance(look({ calm: 0, dread: 1 }));
    expect(calm / nightmare).toBeGreaterThan(4);
  });

  it('wonder turns the figure to light and rings it with a halo', () => {
    const wonder = look({ calm: 0.8, wonder: 1 });
    expect(wonder.halo).toBeGreaterThan(0.9);
    expect(wonder.luminosity).toBeGreaterThan(0.9);
    expect(wonder.darkness).toBe(0);
    expect(wonder.presence).toBeGreaterThan(0.6);
    expect(look({ calm: 1 }).halo).toBe(0);
  });

  it('never produces a saturated red, nor a colour out of range, anywhere in the param space', () => {
    fc.assert(
      fc.property(inputsArb, (i) => {
        const l = computeOtherSelfLook(i);
        return OTHER_SELF_COLOR_KEYS.every(
          (k) => l[k].every((v) => v >= 0 && v <= 1) && redRatio(l[k]) < 0.5,
        );
      }),
      { numRuns: 2000 },
    );
  });

  it('is continuous: a 0.001 change in any input moves every output only a little', () => {
    const keys = ['calm', 'dread', 'wonder', 'glitch', 'brightness', 'motion', 'reduced'] as const;
    fc.assert(
      fc.property(inputsArb, fc.constantFrom(...keys), fc.boolean(), (base, key, up) => {
        const moved = { ...base, [key]: Math.min(1, Math.max(0, base[key] + (up ? 1e-3 : -1e-3))) };
        const a = computeOtherSelfLook(base);
        const b = computeOtherSelfLook(moved);
        for (const k of OTHER_SELF_SCALAR_KEYS) {
          // Distance is in metres over a 26 m range; everything else is of order 1.
          const limit = k === 'figureDistance' ? 0.06 : 0.01;
          if (Math.abs(a[k] - b[k]) >= limit) return false;
        }
        for (const k of OTHER_SELF_COLOR_KEYS)
          for (let c = 0; c < 3; c++) if (Math.abs(a[k][c]! - b[k][c]!) >= 0.01) return false;
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('gives finite values everywhere', () => {
    fc.assert(
      fc.property(inputsArb, (i) => {
        const l = computeOtherSelfLook(i);
        return OTHER_SELF_SCALAR_KEYS.every((k) => Number.isFinite(l[k]));
      }),
    );
  });

  it('glitch desaturates colours but changes nothing else about the look', () => {
    const clean = look({ wonder: 0.6, dread: 0.3 });
    const glitched = look({ wonder: 0.6, dread: 0.3, glitch: 1 });
    const spread = (c: readonly number[]) => Math.max(...c) - Math.min(...c);
    expect(spread(glitched.rim)).toBeLessThan(spread(clean.rim));
    for (const k of OTHER_SELF_SCALAR_KEYS) if (k !== 'glitch') expect(glitched[k]).toBe(clean[k]);
    expect(glitched.glitch).toBe(1);
  });

  it('reduced motion stops the camera drift and slows the scene clock', () => {
    const free = look({ dread: 1, motion: 1, reduced: 0 });
    const reduced = look({ dread: 1, motion: 1, reduced: 1 });
    expect(reduced.cameraSway).toBe(0);
    expect(reduced.speed).toBeLessThan(0.5 * free.speed);
  });

  it('unplugged shows the calm neutral form', () => {
    const stormy: SceneParams = {
      calm: 0,
      dread: 1,
      wonder: 0.5,
      glitch: 1,
      brightness: 0.4,
      motion: 0.2,
      reducedMotion: false,
      unplugged: true,
    };
    const unplugged = computeOtherSelfLook(resolveTideInputs(stormy));
    const neutral = computeOtherSelfLook(
      resolveTideInputs({ ...NEUTRAL_SCENE_PARAMS, brightness: 0.4, motion: 0.2 }),
    );
    expect(unplugged).toEqual(neutral);
    expect(unplugged.presence).toBeLessThan(0.1);
  });

  it('follows a tuning: curves and palettes come from the spec', () => {
    const tuning = {
      ...DEFAULT_OTHER_SELF_TUNING,
      curves: { ...DEFAULT_OTHER_SELF_TUNING.curves, figureDistance: curve('dread', [0, 40], [1, 8]) },
    };
    const i = { ...createTideInputs(), calm: 0, dread: 1 };
    expect(computeOtherSelfLook(i, tuning).figureDistance).toBe(8);
    expect(computeOtherSelfLook({ ...i, dread: 0 }, tuning).figureDistance).toBe(40);
  });

  it('fades in from black over a few seconds after mount', () => {
    expect(otherSelfFadeIn(0)).toBe(0);
    expect(otherSelfFadeIn(10)).toBe(1);
  });
});

describe('The Other Self geometry', () => {
  it('is a closed figure of the right height within the triangle budget', () => {
    const g = createFigureGeometry();
    g.computeBoundingBox();
    const box = g.boundingBox!;
    expect(box.max.y).toBeCloseTo(1.9, 1);
    expect(box.min.y).toBeLessThan(0.01);
    // Broader than deep, like a person facing us.
    expect(box.max.x - box.min.x).toBeGreaterThan(1.2 * (box.max.z - box.min.z));
    expect(g.getIndex()!.count / 3).toBeLessThan(12_000);
  });

  it('scatters motes on the figure, the same ones every time', () => {
    const a = createMoteGeometry(500);
    const b = createMoteGeometry(500);
    const pa = a.getAttribute('position') as BufferAttribute;
    expect(pa.count).toBe(500);
    expect(Array.from(pa.array)).toEqual(Array.from((b.getAttribute('position') as BufferAttribute).array));
    for (let i = 0; i < pa.count; i++) {
      expect(pa.getY(i)).toBeGreaterThan(-0.05);
      expect(pa.getY(i)).toBeLessThan(1.95);
    }
  });
});
