import { curve, evalCurve } from '../curves';
import type { FullTuning } from '../tuning';
import { dreadMixOf, fadeIn, lerp, mixPalette, smoothstep, wonderUnderDread } from '../look-math';
import { copyRgb, rgb, type Rgb } from './color';
import type { TideInputs } from './inputs';

/** Everything the Tide shaders and camera need, as a pure function of the (damped) inputs. Colours are sRGB. */
export interface TideLook {
  skyZenith: Rgb;
  skyHorizon: Rgb;
  moonDisk: Rgb;
  moonGlow: Rgb;
  cloud: Rgb;
  seaDeep: Rgb;
  seaScatter: Rgb;
  bio: Rgb;
  auroraLow: Rgb;
  auroraHigh: Rgb;
  /** Overall gain applied before the highlight roll-off, follows `brightness`. */
  exposure: number;
  starBrightness: number;
  /** 0 = clear sky, 1 = overcast. */
  cloudCover: number;
  /** How much moonlight gets through the clouds, drives the glitter path on the sea. */
  moonVisibility: number;
  /** Exponential-squared fog density, per metre. */
  fogDensity: number;
  /** Scale on the Gerstner amplitudes. */
  waveAmplitude: number;
  /** Scale on the Gerstner horizontal displacement (0 = round sine swell, 1 = sharp crests). */
  waveChoppiness: number;
  /** Rate of the sea clock relative to real time (the clock integrates it, so changes never jump). */
  waveSpeed: number;
  /** Fine ripple strength in the fragment normals, the glitter. */
  rippleStrength: number;
  auroraIntensity: number;
  bioIntensity: number;
  /** Dim crest foam of a choppy sea. */
  foam: number;
  glitch: number;
  /** Camera eye height above mean sea level, metres. */
  cameraHeight: number;
  /** Camera pitch above the horizon, radians: dread lowers the gaze towards the water. */
  cameraPitch: number;
  /** 0..1 amount of gentle camera drift and roll; 0 under reduced motion. */
  cameraSway: number;
  /** How strongly the camera rides the swell, 0..1; 0 under reduced motion. */
  cameraRide: number;
  /** Rate of the sky clock (clouds, aurora, bioluminescent drift) relative to real time. */
  driftSpeed: number;
}

export type TideLookColorKey = {
  [K in keyof TideLook]: TideLook[K] extends Rgb ? K : never;
}[keyof TideLook];
export type TideLookScalarKey = Exclude<keyof TideLook, TideLookColorKey>;

export const TIDE_LOOK_COLOR_KEYS = [
  'skyZenith',
  'skyHorizon',
  'moonDisk',
  'moonGlow',
  'cloud',
  'seaDeep',
  'seaScatter',
  'bio',
  'auroraLow',
  'auroraHigh',
] as const satisfies readonly TideLookColorKey[];

export const TIDE_LOOK_SCALAR_KEYS = [
  'exposure',
  'starBrightness',
  'cloudCover',
  'moonVisibility',
  'fogDensity',
  'waveAmplitude',
  'waveChoppiness',
  'waveSpeed',
  'rippleStrength',
  'auroraIntensity',
  'bioIntensity',
  'foam',
  'glitch',
  'cameraHeight',
  'cameraPitch',
  'cameraSway',
  'cameraRide',
  'driftSpeed',
] as const satisfies readonly TideLookScalarKey[];

type Palette = Readonly<Record<TideLookColorKey, Readonly<Rgb>>>;

/** Silver-blue moonlight over a clear night. */
const CALM: Palette = {
  skyZenith: rgb(0.015, 0.03, 0.09),
  skyHorizon: rgb(0.15, 0.21, 0.33),
  moonDisk: rgb(0.95, 0.97, 1.0),
  moonGlow: rgb(0.6, 0.7, 0.88),
  cloud: rgb(0.2, 0.25, 0.35),
  seaDeep: rgb(0.01, 0.045, 0.1),
  seaScatter: rgb(0.08, 0.22, 0.32),
  bio: rgb(0.2, 0.85, 0.8),
  auroraLow: rgb(0.25, 0.95, 0.6),
  auroraHigh: rgb(0.45, 0.35, 0.95),
};

/** Cold, desaturated green-grey under an indigo-black lid: the moon is a sick smear. */
const DREAD: Palette = {
  skyZenith: rgb(0.025, 0.022, 0.05),
  skyHorizon: rgb(0.15, 0.18, 0.16),
  moonDisk: rgb(0.55, 0.6, 0.55),
  moonGlow: rgb(0.36, 0.42, 0.36),
  cloud: rgb(0.09, 0.1, 0.1),
  seaDeep: rgb(0.008, 0.018, 0.016),
  seaScatter: rgb(0.07, 0.11, 0.095),
  bio: rgb(0.15, 0.45, 0.4),
  auroraLow: rgb(0.2, 0.5, 0.4),
  auroraHigh: rgb(0.25, 0.25, 0.45),
};

/** A warmer violet sky, aurora and a glowing sea. */
const WONDER: Palette = {
  skyZenith: rgb(0.015, 0.012, 0.075),
  skyHorizon: rgb(0.3, 0.16, 0.33),
  moonDisk: rgb(1.0, 0.97, 0.93),
  moonGlow: rgb(0.52, 0.45, 0.68),
  cloud: rgb(0.2, 0.15, 0.3),
  seaDeep: rgb(0.01, 0.03, 0.09),
  seaScatter: rgb(0.04, 0.16, 0.24),
  bio: rgb(0.2, 1.0, 0.78),
  auroraLow: rgb(0.3, 1.0, 0.62),
  auroraHigh: rgb(0.58, 0.38, 1.0),
};

export type TidePalette = Palette;

/**
 * What a dream-architect spec controls in Tide: the palettes and three curves. The default fog curve
 * samples the eased dread mix the sea was designed with; motion is the wave speed before the motion param.
 */
export type TideTuning = FullTuning<TidePalette, 'fog' | 'motion' | 'sky'>;

export const DEFAULT_TIDE_TUNING: TideTuning = {
  palette: { calm: CALM, dread: DREAD, wonder: WONDER },
  curves: {
    fog: curve('dread', [0, 0.0016], [0.25, 0.00287], [0.5, 0.00505], [0.75, 0.00723], [1, 0.0085]),
    motion: curve('dread', [0, 0.5], [1, 0.95]),
    sky: curve('dread', [0, 1], [1, 1]),
  },
};

export function createTideLook(): TideLook {
  const colors = {} as Record<TideLookColorKey, Rgb>;
  for (const key of TIDE_LOOK_COLOR_KEYS) colors[key] = copyRgb(rgb(0, 0, 0), CALM[key]);
  return {
    ...colors,
    exposure: 1,
    starBrightness: 1,
    cloudCover: 0,
    moonVisibility: 1,
    fogDensity: 0,
    waveAmplitude: 0,
    waveChoppiness: 0,
    waveSpeed: 0,
    rippleStrength: 0,
    auroraIntensity: 0,
    bioIntensity: 0,
    foam: 0,
    glitch: 0,
    cameraHeight: 0,
    cameraPitch: 0,
    cameraSway: 0,
    cameraRide: 0,
    driftSpeed: 0,
  };
}

/**
 * Maps the inputs to the look. Every term is a continuous function of the inputs (lerps, products and
 * smoothsteps only), so a small change in params can only ever make a small change on screen.
 */
export function computeTideLook(
  i: TideInputs,
  out: TideLook = createTideLook(),
  tuning: TideTuning = DEFAULT_TIDE_TUNING,
): TideLook {
  const dread = i.dread;
  // Dread swallows wonder: a frightened dream does not get aurora.
  const wonder = wonderUnderDread(i.wonder, dread, 0.6);
  const dreadMix = dreadMixOf(dread);
  mixPalette(out, TIDE_LOOK_COLOR_KEYS, tuning.palette, dreadMix, wonder * 0.85, 0.55 * i.glitch);

  // A calm mind settles the sea glassy; dread heaves it whatever calm says.
  const stillness = i.calm * (1 - dread);
  const motion = 0.3 + 0.7 * i.motion;
  const slow = 1 - 0.6 * i.reduced;

  out.exposure = (0.45 + 1.1 * i.brightness) * (1 - 0.12 * dread) * (1 + 0.08 * wonder);
  out.cloudCover = Math.min(1, (0.14 + 0.78 * dreadMix) * (1 - 0.6 * wonder) + 0.04 * (1 - i.calm));
  out.moonVisibility = 1 - 0.9 * smoothstep(0.3, 0.95, out.cloudCover);
  const sky = Math.max(0, evalCurve(tuning.curves.sky, i));
  out.starBrightness = (0.75 + 0.25 * i.calm) * (1 - 0.88 * dreadMix) * (1 + 0.25 * wonder) * sky;
  out.fogDensity = Math.max(0, evalCurve(tuning.curves.fog, i)) * (1 - 0.25 * wonder);
  out.waveAmplitude = lerp(0.42, 1.6, dread) * (1 - 0.35 * stillness);
  out.waveChoppiness = lerp(0.3, 0.88, dread) * (1 - 0.3 * stillness);
  out.waveSpeed = Math.max(0, evalCurve(tuning.curves.motion, i)) * motion * slow;
  out.rippleStrength = lerp(0.55, 0.85, dread) * (1 - 0.3 * stillness);
  out.auroraIntensity = smoothstep(0.02, 0.85, wonder);
  out.bioIntensity = smoothstep(0.05, 0.9, wonder);
  out.foam = 0.9 * smoothstep(0.25, 1, dread);
  out.glitch = i.glitch;
  // Reduced motion does not ride the swell, so it keeps a little more clearance over the crests.
  out.cameraHeight = lerp(3.0, 2.2, dread) + 0.5 * i.reduced * dread;
  out.cameraPitch = lerp(0.08, 0.04, dread);
  out.cameraSway = (0.35 + 0.65 * i.motion) * (1 - i.reduced) * (0.55 + 0.45 * dread);
  out.cameraRide = (0.25 + 0.35 * dread) * (1 - i.reduced);
  out.driftSpeed = (0.6 + 0.4 * i.motion) * (1 + 0.4 * dread) * slow;
  return out;
}

/** Seconds over which the scene fades up from black when it mounts. */
export const TIDE_FADE_IN_SECONDS = 2.5;

/** 0→1 exposure factor for the first seconds after mount, so appearing is never a step in brightness. */
export function tideFadeIn(ageSeconds: number): number {
  return fadeIn(ageSeconds, TIDE_FADE_IN_SECONDS);
}
