import { describe, expect, it } from 'vitest';
import {
  BUILTIN_SPECS,
  builtinSpec,
  formatSpecErrors,
  hexToRgb,
  parseSpec,
  rgbToHex,
  specToTuning,
  tuningFromQuery,
  validateSpec,
  type DreamscapeSpec,
  type SpecError,
} from '../../../src/architect/index.ts';
import { getScene, SCENES } from '../../../scenes/index.ts';
import { computeOtherSelfLook, DEFAULT_OTHER_SELF_TUNING } from '../../../scenes/other-self/look.ts';
import { createTideInputs } from '../../../scenes/tide/inputs.ts';
import { mergeTuning } from '../../../scenes/tuning.ts';

function otherSelf(): DreamscapeSpec {
  return structuredClone(builtinSpec('other-self')!);
}

function errorsOf(input: unknown): SpecError[] {
  const r = validateSpec(input);
  if (r.ok) throw new Error('expected the spec to be rejected');
  return r.errors;
}

describe('built-in dreamscape specs', () => {
  it('ship one valid spec for every scene, as plain JSON data', () => {
    expect(BUILTIN_SPECS.map((s) => s.scene).sort()).toEqual(SCENES.map((s) => s.id).sort());
    for (const spec of BUILTIN_SPECS) {
      const roundTrip = JSON.parse(JSON.stringify(spec)) as unknown;
      expect(roundTrip).toEqual(spec);
      const r = validateSpec(roundTrip);
      expect(r.ok ? [] : formatSpecErrors(r.errors)).toEqual([]);
    }
  });

  it("resolve to the scene's own design (colours within one 8-bit step, curves exactly)", () => {
    for (const spec of BUILTIN_SPECS) {
      const scene = getScene(spec.scene)!;
      const tuning = specToTuning(spec);
      for (const level of ['calm', 'dread', 'wonder'] as const) {
        const base = scene.defaultTuning.palette[level] as Record<string, number[]>;
        const given = tuning.palette?.[level] ?? {};
        expect(Object.keys(given).sort()).toEqual(Object.keys(base).sort());
        for (const key of Object.keys(base))
          for (let c = 0; c < 3; c++)
            expect(Math.abs(given[key]![c]! - base[key]![c]!)).toBeLessThanOrEqual(0.5 / 255);
      }
      expect(tuning.curves).toEqual(scene.defaultTuning.curves);
    }
  });

  it('a spec changes what the scene computes', () => {
    const spec = otherSelf();
    spec.curves!.figureDistance = {
      input: 'dread',
      points: [
        [0, 40],
        [1, 12],
      ],
    };
    spec.palette!.dread!.skyHorizon = '#203040';
    const tuning = mergeTuning(DEFAULT_OTHER_SELF_TUNING, specToTuning(spec));
    const nightmare = { ...createTideInputs(), calm: 0, dread: 1 };
    const look = computeOtherSelfLook(nightmare, tuning);
    expect(look.figureDistance).toBe(12);
    expect(rgbToHex(look.skyHorizon)).toBe('#203040');
    expect(computeOtherSelfLook(nightmare).figureDistance).toBeLessThan(4);
  });
});

describe('spec validation', () => {
  it('names the field and the allowed range for an out-of-range curve point', () => {
    const spec = otherSelf();
    spec.curves!.figureDistance = {
      input: 'dread',
      points: [
        [0, 30],
        [1, 0.5],
      ],
    };
    expect(errorsOf(spec)).toEqual([
      {
        path: 'curves.figureDistance.points[1][1]',
        message: "must be a number between 1.5 and 60 (the figure's distance in metres), found 0.5",
      },
    ]);
  });

  it('rejects x values that do not rise, or leave 0..1', () => {
    const spec = otherSelf();
    spec.curves!.fog = {
      input: 'dread',
      points: [
        [0, 0.01],
        [0.6, 0.02],
        [0.4, 0.03],
        [1.5, 0.03],
      ],
    };
    const errors = errorsOf(spec);
    expect(errors.map((e) => e.path)).toEqual(['curves.fog.points[2][0]', 'curves.fog.points[3][0]']);
    expect(errors[0]!.message).toMatch(/greater than the previous point's x \(0\.6\), found 0\.4/);
    expect(errors[1]!.message).toMatch(/between 0 and 1 .*found 1\.5/);
  });

  it('rejects curves and colours the scene does not have, listing the allowed ones', () => {
    const spec = builtinSpec('tide')!;
    const bad = {
      ...spec,
      curves: {
        ...spec.curves,
        figureSize: {
          input: 'dread',
          points: [
            [0, 1],
            [1, 2],
          ],
        },
      },
      palette: { ...spec.palette, calm: { ...spec.palette!.calm, skyColour: '#101020' } },
    };
    const errors = errorsOf(bad);
    expect(errors.find((e) => e.path === 'curves.figureSize')?.message).toMatch(
      /is not a curve of scene 'tide' \(allowed: 'fog', 'motion', 'sky'\)/,
    );
    expect(errors.find((e) => e.path === 'palette.calm.skyColour')?.message).toMatch(/allowed: 'skyZenith'/);
  });

  it('rejects saturated red and malformed colours', () => {
    const spec = otherSelf();
    spec.palette!.dread!.glow = '#e01010';
    spec.palette!.calm!.rim = 'blue';
    const errors = errorsOf(spec);
    expect(errors.find((e) => e.path === 'palette.dread.glow')?.message).toMatch(/too red/);
    expect(errors.find((e) => e.path === 'palette.calm.rim')?.message).toBe(
      'must be a colour "#rrggbb", found "blue"',
    );
  });

  it('checks the scene, the header, sound settings and unknown fields', () => {
    const errors = errorsOf({
      format: 'something-else',
      version: 2,
      name: '',
      scene: 'mars',
      sound: { enabled: 'yes', volume: 3, bed: 'techno', dreadTension: 0.5, bass: 1 },
      script: 'alert(1)',
    });
    const byPath = Object.fromEntries(errors.map((e) => [e.path, e.message]));
    expect(byPath['script']).toMatch(/is not a spec field/);
    expect(byPath['format']).toMatch(/must be 'neurosleep-dreamscape'/);
    expect(byPath['version']).toBe('must be 1, found 2');
    expect(byPath['name']).toMatch(/1 to 80 characters/);
    expect(byPath['scene']).toMatch(/must be one of 'tide', 'other-self', 'cosmos'.*found "mars"/);
    expect(byPath['sound.enabled']).toBe('must be true or false, found "yes"');
    expect(byPath['sound.volume']).toBe('must be a number between 0 and 1, found 3');
    expect(byPath['sound.bed']).toMatch(/must be one of 'sea', 'wind', 'drone', 'space'/);
    expect(byPath['sound.bass']).toMatch(/is not a sound field/);
  });

  it('reports bad JSON and non-objects without throwing', () => {
    const r = parseSpec('{"format": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors[0]!.path).toBe('(file)');
    expect(errorsOf([1, 2])[0]).toEqual({ path: '(root)', message: 'must be a JSON object, found an array' });
    expect(errorsOf(null)[0]!.message).toBe('must be a JSON object, found null');
  });

  it('rejects NaN-like and non-numeric curve values', () => {
    const spec = otherSelf() as unknown as { curves: Record<string, unknown> };
    spec.curves.sky = {
      input: 'fear',
      points: [
        [0, 'high'],
        [1, 1],
      ],
    };
    const errors = errorsOf(spec);
    expect(errors.map((e) => e.path).sort()).toEqual(['curves.sky.input', 'curves.sky.points[0][1]']);
  });
});

describe('spec colours', () => {
  it('round-trip through hex', () => {
    expect(rgbToHex(hexToRgb('#1a2b3c'))).toBe('#1a2b3c');
    expect(() => hexToRgb('#12')).toThrow(/expected a colour "#rrggbb", found "#12"/);
  });
});

describe('?spec= preview', () => {
  const spec = builtinSpec('other-self')!;

  it('applies a valid spec for the chosen scene', () => {
    const q = `?scene=other-self&spec=${encodeURIComponent(JSON.stringify(spec))}`;
    const r = tuningFromQuery(q, 'other-self');
    expect(r.error).toBeUndefined();
    expect(r.tuning?.curves?.figureDistance).toEqual(DEFAULT_OTHER_SELF_TUNING.curves.figureDistance);
  });

  it('does not apply an invalid spec, or one for another scene, and says why', () => {
    const bad = { ...spec, sound: { ...spec.sound, volume: 9 } };
    const invalid = tuningFromQuery(`?spec=${encodeURIComponent(JSON.stringify(bad))}`, 'other-self');
    expect(invalid.tuning).toBeUndefined();
    expect(invalid.error).toMatch(/sound\.volume: must be a number between 0 and 1, found 9/);
    const other = tuningFromQuery(`?spec=${encodeURIComponent(JSON.stringify(spec))}`, 'tide');
    expect(other.tuning).toBeUndefined();
    expect(other.error).toMatch(/for scene 'other-self', not 'tide'/);
    expect(tuningFromQuery('?scene=tide', 'tide')).toEqual({});
  });
});
