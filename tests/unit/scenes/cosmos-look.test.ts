import fc from 'fast-check';
import { BufferAttribute } from 'three';
import { describe, expect, it } from 'vitest';
import { createGalaxyGeometry, GALAXY_STARS } from '../../../scenes/cosmos/galaxyGeometry';
import {
  COSMOS_COLOR_KEYS,
  COSMOS_SCALAR_KEYS,
  computeCosmosLook,
  type CosmosLook,
} from '../../../scenes/cosmos/look';
import { NEUTRAL_SCENE_PARAMS } from '../../../scenes/params';
import { redRatio, relativeLuminance } from '../../../scenes/tide/color';
import { createTideInputs, resolveTideInputs, type TideInputs } from '../../../scenes/tide/inputs';

function look(overrides: Partial<TideInputs>): CosmosLook {
  return computeCosmosLook({ ...createTideInputs(), ...overrides });
}

/** Rough screen luminance: nebula over space, plus the galaxy's light. */
function sceneLuminance(l: CosmosLook): number {
  const nebula = 0.3 * l.nebula * (relativeLuminance(l.nebulaA) + relativeLuminance(l.nebulaB));
  const galaxy = 0.05 * l.galaxyBrightness * relativeLuminance(l.armOuter) + 0.02 * l.coreGlow;
  return (relativeLuminance(l.space) + nebula + galaxy) * l.exposure;
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

describe('Cosmos look', () => {
  it('dread opens a void at the heart, dims the core and thickens the smoke; calm has no void', () => {
    const calm = look({ calm: 1 });
    const dread = look({ calm: 0, dread: 1 });
    expect(calm.voidRadius).toBe(0);
    expect(dread.voidRadius).toBeGreaterThan(0.2);
    expect(dread.coreGlow).toBeLessThan(0.2 * calm.coreGlow);
    expect(dread.smoke).toBeGreaterThan(3 * calm.smoke);
    expect(dread.galaxyDistance).toBeLessThan(calm.galaxyDistance);
    expect(sceneLuminance(calm) / sceneLuminance(dread)).toBeGreaterThan(4);
  });

  it('wonder blooms the nebula and brightens the galaxy', () => {
    const calm = look({ calm: 1 });
    const wonder = look({ calm: 0.8, wonder: 1 });
    expect(wonder.nebula).toBeGreaterThan(1.8 * calm.nebula);
    expect(wonder.galaxyBrightness).toBeGreaterThan(calm.galaxyBrightness);
    expect(wonder.voidRadius).toBe(0);
    expect(sceneLuminance(wonder)).toBeGreaterThan(sceneLuminance(calm));
  });

  it('never produces a saturated red, nor a colour out of range', () => {
    fc.assert(
      fc.property(inputsArb, (i) => {
        const l = computeCosmosLook(i);
        return COSMOS_COLOR_KEYS.every((k) => l[k].every((v) => v >= 0 && v <= 1) && redRatio(l[k]) < 0.5);
      }),
      { numRuns: 2000 },
    );
  });

  it('is continuous and finite', () => {
    const keys = ['calm', 'dread', 'wonder', 'glitch', 'brightness', 'motion', 'reduced'] as const;
    fc.assert(
      fc.property(inputsArb, fc.constantFrom(...keys), fc.boolean(), (base, key, up) => {
        const moved = { ...base, [key]: Math.min(1, Math.max(0, base[key] + (up ? 1e-3 : -1e-3))) };
        const a = computeCosmosLook(base);
        const b = computeCosmosLook(moved);
        for (const k of COSMOS_SCALAR_KEYS) {
          if (!Number.isFinite(a[k])) return false;
          const limit = k === 'galaxyDistance' ? 0.06 : 0.01;
          if (Math.abs(a[k] - b[k]) >= limit) return false;
        }
        for (const k of COSMOS_COLOR_KEYS)
          for (let c = 0; c < 3; c++) if (Math.abs(a[k][c]! - b[k][c]!) >= 0.01) return false;
        return true;
      }),
      { numRuns: 1000 },
    );
  });

  it('glitch desaturates but changes nothing else; reduced motion stills the camera', () => {
    const clean = look({ wonder: 0.7 });
    const glitched = look({ wonder: 0.7, glitch: 1 });
    for (const k of COSMOS_SCALAR_KEYS) if (k !== 'glitch') expect(glitched[k]).toBe(clean[k]);
    const spread = (c: readonly number[]) => Math.max(...c) - Math.min(...c);
    expect(spread(glitched.nebulaB)).toBeLessThan(spread(clean.nebulaB));
    const reduced = look({ motion: 1, reduced: 1 });
    expect(reduced.cameraSway).toBe(0);
    expect(reduced.speed).toBeLessThan(0.5 * look({ motion: 1 }).speed);
  });

  it('unplugged shows the calm neutral form', () => {
    const unplugged = computeCosmosLook(
      resolveTideInputs({ ...NEUTRAL_SCENE_PARAMS, dread: 1, calm: 0, glitch: 1, unplugged: true }),
    );
    expect(unplugged).toEqual(computeCosmosLook(resolveTideInputs(NEUTRAL_SCENE_PARAMS)));
    expect(unplugged.voidRadius).toBe(0);
  });
});

describe('Cosmos galaxy', () => {
  it('is a seeded flat disc of stars within the galaxy radius', () => {
    const g = createGalaxyGeometry();
    const p = g.getAttribute('position') as BufferAttribute;
    expect(p.count).toBe(GALAXY_STARS);
    let maxR = 0;
    let maxY = 0;
    for (let i = 0; i < p.count; i++) {
      maxR = Math.max(maxR, Math.hypot(p.getX(i), p.getZ(i)));
      maxY = Math.max(maxY, Math.abs(p.getY(i)));
    }
    expect(maxR).toBeLessThanOrEqual(1.0001);
    expect(maxY).toBeLessThan(0.15);
    const again = createGalaxyGeometry().getAttribute('position') as BufferAttribute;
    expect(again.getX(123)).toBe(p.getX(123));
  });
});
