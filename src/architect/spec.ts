import type { CurveName, TuningLevel } from '../../scenes/index.ts';

/**
 * A dreamscape spec: data only (JSON), never code. It names the scene, its palettes at the calm, dread and
 * wonder extremes, mapping curves from dream dimensions to scene parameters, and sound settings.
 */
export const SPEC_FORMAT = 'neurosleep-dreamscape';
export const SPEC_VERSION = 1;

export interface CurveSpec {
  input: 'calm' | 'dread' | 'wonder' | 'glitch';
  /** [x, y] pairs; x rises strictly from 0..1, y within the curve's allowed range. */
  points: [number, number][];
}

export const SOUND_BEDS = ['sea', 'wind', 'drone', 'space'] as const;
export type SoundBed = (typeof SOUND_BEDS)[number];

export interface SoundSpec {
  enabled: boolean;
  /** 0..1, before the limiter. */
  volume: number;
  bed: SoundBed;
  /** 0..1: how far dread darkens and roughens the sound. */
  dreadTension: number;
}

export interface DreamscapeSpec {
  format: typeof SPEC_FORMAT;
  version: typeof SPEC_VERSION;
  name: string;
  scene: string;
  /** Colours as "#rrggbb" (sRGB), by level and the scene's colour names; any may be left out. */
  palette?: Partial<Record<TuningLevel, Record<string, string>>>;
  curves?: Partial<Record<CurveName, CurveSpec>>;
  sound: SoundSpec;
}

export interface CurveRange {
  min: number;
  max: number;
  /** What y means, for error messages and the editor. */
  meaning: string;
}

/** Allowed y ranges of every curve a scene understands. A curve not listed for a scene is an error. */
export const CURVE_RANGES: Readonly<Record<string, Partial<Record<CurveName, CurveRange>>>> = {
  tide: {
    fog: { min: 0, max: 0.03, meaning: 'fog density per metre' },
    motion: { min: 0, max: 2, meaning: 'wave speed, × real time' },
    sky: { min: 0, max: 2, meaning: 'gain on the stars' },
  },
  'other-self': {
    fog: { min: 0, max: 0.08, meaning: 'fog density per metre' },
    motion: { min: 0, max: 3, meaning: 'scene clock rate, × real time' },
    sky: { min: 0, max: 2, meaning: 'gain on the sky and backlight' },
    figureSize: { min: 0.3, max: 3, meaning: "the figure's scale" },
    figureDistance: { min: 1.5, max: 60, meaning: "the figure's distance in metres" },
  },
  cosmos: {
    fog: { min: 0, max: 0.95, meaning: 'share of far light lost to haze' },
    motion: { min: 0, max: 3, meaning: 'galaxy spin and dust drift rate, × real time' },
    sky: { min: 0, max: 2, meaning: 'gain on the nebula and stars' },
    figureSize: { min: 0, max: 0.6, meaning: "the void's radius, share of the galaxy radius" },
    figureDistance: { min: 20, max: 400, meaning: "the galaxy's distance in world units" },
  },
};

export const MAX_CURVE_POINTS = 16;
export const MAX_NAME_LENGTH = 80;

/** A named problem with a spec: `path` is the field, e.g. `curves.fog.points[2][1]`. */
export interface SpecError {
  path: string;
  message: string;
}

export type SpecValidation = { ok: true; spec: DreamscapeSpec } | { ok: false; errors: SpecError[] };
