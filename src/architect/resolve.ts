import {
  CURVE_NAMES,
  getScene,
  paletteOf,
  TUNING_LEVELS,
  type CurveName,
  type MappingCurve,
  type Rgb,
  type SceneDefinition,
  type SceneTuning,
  type TuningLevel,
} from '../../scenes/index.ts';
import { hexToRgb, rgbToHex } from './color.ts';
import { SPEC_FORMAT, SPEC_VERSION, type CurveSpec, type DreamscapeSpec, type SoundSpec } from './spec.ts';

/** The scene tuning a (validated) spec resolves to; the scene fills anything the spec leaves out. */
export function specToTuning(spec: DreamscapeSpec): SceneTuning {
  const palette: Partial<Record<TuningLevel, Record<string, Rgb>>> = {};
  for (const level of TUNING_LEVELS) {
    const colors = spec.palette?.[level];
    if (!colors) continue;
    const out: Record<string, Rgb> = {};
    for (const [name, hex] of Object.entries(colors)) out[name] = hexToRgb(hex);
    palette[level] = out;
  }
  const curves: Partial<Record<CurveName, MappingCurve>> = {};
  for (const name of CURVE_NAMES) {
    const c = spec.curves?.[name];
    if (c) curves[name] = { input: c.input, points: c.points.map(([x, y]) => [x, y] as const) };
  }
  return { palette, curves };
}

export const DEFAULT_SOUND: Readonly<Record<string, SoundSpec>> = {
  tide: { enabled: false, volume: 0.5, bed: 'sea', dreadTension: 0.6 },
  'other-self': { enabled: false, volume: 0.45, bed: 'drone', dreadTension: 0.8 },
  cosmos: { enabled: false, volume: 0.45, bed: 'space', dreadTension: 0.5 },
};

/** A complete spec of a scene's own defaults: the built-in spec, and the starting point for editing. */
export function specFromScene(scene: SceneDefinition, name = scene.name): DreamscapeSpec {
  const palette: Partial<Record<TuningLevel, Record<string, string>>> = {};
  for (const level of TUNING_LEVELS) {
    const out: Record<string, string> = {};
    for (const [key, c] of Object.entries(paletteOf(scene, level))) out[key] = rgbToHex(c);
    palette[level] = out;
  }
  const curves: Partial<Record<CurveName, CurveSpec>> = {};
  for (const [key, c] of Object.entries(scene.defaultTuning.curves) as [CurveName, MappingCurve][])
    curves[key] = { input: c.input, points: c.points.map(([x, y]) => [x, y]) };
  return {
    format: SPEC_FORMAT,
    version: SPEC_VERSION,
    name,
    scene: scene.id,
    palette,
    curves,
    sound: {
      ...(DEFAULT_SOUND[scene.id] ?? { enabled: false, volume: 0.5, bed: 'wind', dreadTension: 0.5 }),
    },
  };
}

export function specForSceneId(id: string): DreamscapeSpec | undefined {
  const scene = getScene(id);
  return scene ? specFromScene(scene) : undefined;
}
