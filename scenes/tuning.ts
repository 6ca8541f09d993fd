import type { MappingCurve } from './curves';
import type { Rgb } from './tide/color';

export const TUNING_LEVELS = ['calm', 'dread', 'wonder'] as const;
export type TuningLevel = (typeof TUNING_LEVELS)[number];

export const CURVE_NAMES = ['fog', 'motion', 'sky', 'figureSize', 'figureDistance'] as const;
export type CurveName = (typeof CURVE_NAMES)[number];

/**
 * What a dream-architect spec resolves to, in the loose form a scene accepts as a prop: palettes at the
 * three extremes and mapping curves, any of them left out. Each scene merges it over its own complete
 * defaults, so SceneParams stays the only thing that changes at run time.
 */
export interface SceneTuning {
  readonly palette?: Partial<Record<TuningLevel, Readonly<Record<string, Readonly<Rgb>>>>>;
  readonly curves?: Partial<Record<CurveName, MappingCurve>>;
}

/** The complete tuning a scene works from. */
export interface FullTuning<P extends object, C extends string> {
  readonly palette: Readonly<Record<TuningLevel, Readonly<P>>>;
  readonly curves: { readonly [K in C]: MappingCurve };
}

/** `defaults` with every palette colour and curve that `tuning` names (and the scene knows) replaced. */
export function mergeTuning<P extends object, C extends string>(
  defaults: FullTuning<P, C>,
  tuning: SceneTuning | undefined,
): FullTuning<P, C> {
  if (!tuning) return defaults;
  const palette = {} as Record<TuningLevel, P>;
  for (const level of TUNING_LEVELS) {
    const base = defaults.palette[level];
    const given = tuning.palette?.[level] ?? {};
    const merged = { ...base } as Record<string, unknown>;
    for (const key of Object.keys(base)) if (given[key]) merged[key] = given[key];
    palette[level] = merged as P;
  }
  const curves = { ...defaults.curves } as Record<C, MappingCurve>;
  const givenCurves = (tuning.curves ?? {}) as Partial<Record<string, MappingCurve>>;
  for (const key of Object.keys(defaults.curves) as C[]) {
    const c = givenCurves[key];
    if (c) curves[key] = c;
  }
  return { palette, curves };
}
