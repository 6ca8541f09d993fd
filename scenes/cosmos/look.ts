import { curve, evalCurve, type MappingCurve } from '../curves';
import { dreadMixOf, fadeIn, mixPalette, wonderUnderDread } from '../look-math';
import { copyRgb, rgb, type Rgb } from '../tide/color';
import type { TideInputs } from '../tide/inputs';

/**
 * "Cosmos": the sleeper floats before a spiral galaxy inside a nebula. Calm is a slow, blue-teal galaxy;
 * wonder blooms the nebula into colour and brightens every star; dread darkens the nebula to smoke and opens
 * a void at the galaxy's heart that swallows its light. Colours are sRGB.
 */
export interface CosmosPalette {
  space: Rgb;
  nebulaA: Rgb;
  nebulaB: Rgb;
  core: Rgb;
  armInner: Rgb;
  armOuter: Rgb;
  dust: Rgb;
  /** The thin ring of bent light around the void. */
  voidRim: Rgb;
}

export const COSMOS_COLOR_KEYS = [
  'space',
  'nebulaA',
  'nebulaB',
  'core',
  'armInner',
  'armOuter',
  'dust',
  'voidRim',
] as const satisfies readonly (keyof CosmosPalette)[];
export type CosmosColorKey = (typeof COSMOS_COLOR_KEYS)[number];

export interface CosmosLook extends CosmosPalette {
  exposure: number;
  starBrightness: number;
  /** Emission of the nebula clouds. */
  nebula: number;
  /** Dark dust lanes and smoke across the nebula (dread). */
  smoke: number;
  galaxyBrightness: number;
  /** World units from the camera to the galaxy's centre. */
  galaxyDistance: number;
  /** Radius of the void at the galaxy's heart, as a share of the galaxy radius. */
  voidRadius: number;
  coreGlow: number;
  /** Haze over distant things: the cosmos' fog. */
  haze: number;
  dustIntensity: number;
  /** Rate of the scene clock (galaxy spin, drifting dust), × real time. */
  speed: number;
  vignette: number;
  glitch: number;
  cameraSway: number;
}

export const COSMOS_SCALAR_KEYS = [
  'exposure',
  'starBrightness',
  'nebula',
  'smoke',
  'galaxyBrightness',
  'galaxyDistance',
  'voidRadius',
  'coreGlow',
  'haze',
  'dustIntensity',
  'speed',
  'vignette',
  'glitch',
  'cameraSway',
] as const satisfies readonly Exclude<keyof CosmosLook, CosmosColorKey>[];

/** The data a spec controls. "figure" in a spec means the galaxy's void here: its size and distance. */
export interface CosmosTuning {
  readonly palette: Readonly<Record<'calm' | 'dread' | 'wonder', Readonly<CosmosPalette>>>;
  readonly curves: {
    /** Haze density (0..1 share of far light lost). */
    readonly fog: MappingCurve;
    readonly motion: MappingCurve;
    /** Gain on the nebula and stars. */
    readonly sky: MappingCurve;
    /** Void radius, share of the galaxy radius. */
    readonly figureSize: MappingCurve;
    /** Galaxy distance, world units. */
    readonly figureDistance: MappingCurve;
  };
}

export const DEFAULT_COSMOS_TUNING: CosmosTuning = {
  palette: {
    calm: {
      space: rgb(0.005, 0.01, 0.03),
      nebulaA: rgb(0.1, 0.3, 0.45),
      nebulaB: rgb(0.25, 0.2, 0.5),
      core: rgb(1.0, 0.93, 0.82),
      armInner: rgb(0.75, 0.85, 1.0),
      armOuter: rgb(0.35, 0.6, 1.0),
      dust: rgb(0.6, 0.75, 0.9),
      voidRim: rgb(0.8, 0.85, 0.9),
    },
    dread: {
      space: rgb(0.003, 0.004, 0.005),
      nebulaA: rgb(0.2, 0.24, 0.22),
      nebulaB: rgb(0.14, 0.14, 0.17),
      core: rgb(0.45, 0.5, 0.45),
      armInner: rgb(0.35, 0.38, 0.36),
      armOuter: rgb(0.2, 0.24, 0.24),
      dust: rgb(0.18, 0.2, 0.2),
      voidRim: rgb(0.55, 0.62, 0.58),
    },
    wonder: {
      space: rgb(0.015, 0.008, 0.045),
      nebulaA: rgb(0.1, 0.65, 0.7),
      nebulaB: rgb(0.62, 0.25, 0.9),
      core: rgb(1.0, 0.95, 0.85),
      armInner: rgb(0.85, 0.8, 1.0),
      armOuter: rgb(0.3, 0.85, 1.0),
      dust: rgb(0.85, 0.9, 1.0),
      voidRim: rgb(0.9, 0.95, 1.0),
    },
  },
  curves: {
    fog: curve('dread', [0, 0.1], [1, 0.55]),
    motion: curve('dread', [0, 0.7], [1, 1.3]),
    sky: curve('dread', [0, 1], [0.6, 0.55], [1, 0.3]),
    figureSize: curve('dread', [0, 0], [0.25, 0], [0.7, 0.12], [1, 0.24]),
    figureDistance: curve('dread', [0, 95], [1, 62]),
  },
};

export function createCosmosLook(): CosmosLook {
  const colors = {} as Record<CosmosColorKey, Rgb>;
  for (const key of COSMOS_COLOR_KEYS)
    colors[key] = copyRgb(rgb(0, 0, 0), DEFAULT_COSMOS_TUNING.palette.calm[key]);
  return {
    ...colors,
    exposure: 1,
    starBrightness: 1,
    nebula: 0,
    smoke: 0,
    galaxyBrightness: 1,
    galaxyDistance: 90,
    voidRadius: 0,
    coreGlow: 1,
    haze: 0,
    dustIntensity: 0,
    speed: 0,
    vignette: 0,
    glitch: 0,
    cameraSway: 0,
  };
}

/** Maps the inputs to the look; continuous everywhere, so a small change in params is a small change. */
export function computeCosmosLook(
  i: Readonly<TideInputs>,
  tuning: CosmosTuning = DEFAULT_COSMOS_TUNING,
  out: CosmosLook = createCosmosLook(),
): CosmosLook {
  const dread = i.dread;
  const wonder = wonderUnderDread(i.wonder, dread, 0.7);
  const dreadMix = dreadMixOf(dread);
  const { curves } = tuning;
  mixPalette(out, COSMOS_COLOR_KEYS, tuning.palette, dreadMix, wonder * 0.9, 0.5 * i.glitch);

  const sky = Math.max(0, evalCurve(curves.sky, i));
  const slow = 1 - 0.6 * i.reduced;
  out.exposure = (0.55 + 1.0 * i.brightness) * (1 + 0.1 * wonder);
  out.starBrightness = sky * (0.8 + 0.2 * i.calm) * (1 + 0.6 * wonder);
  out.nebula = sky * (0.55 + 0.25 * i.calm) * (1 + 1.2 * wonder);
  out.smoke = 0.15 + 0.75 * dreadMix;
  out.galaxyBrightness = (0.75 + 0.25 * sky) * (1 - 0.45 * dreadMix) * (1 + 0.5 * wonder);
  out.galaxyDistance = Math.max(20, evalCurve(curves.figureDistance, i)) * (1 - 0.15 * wonder);
  out.voidRadius = Math.min(0.6, Math.max(0, evalCurve(curves.figureSize, i)));
  out.coreGlow = (1 - 0.85 * dreadMix) * (1 + 0.6 * wonder);
  out.haze = Math.min(0.95, Math.max(0, evalCurve(curves.fog, i))) * (1 - 0.6 * wonder);
  out.dustIntensity = 0.5 + 0.3 * wonder + 0.2 * dreadMix;
  out.speed = Math.max(0, evalCurve(curves.motion, i)) * (0.4 + 0.6 * i.motion) * slow;
  out.vignette = 0.2 + 0.5 * dreadMix;
  out.glitch = i.glitch;
  out.cameraSway = (0.3 + 0.7 * i.motion) * (1 - i.reduced);
  return out;
}

export const COSMOS_FADE_IN_SECONDS = 2.5;

export function cosmosFadeIn(ageSeconds: number): number {
  return fadeIn(ageSeconds, COSMOS_FADE_IN_SECONDS);
}
