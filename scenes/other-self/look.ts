import { curve, evalCurve, type MappingCurve } from '../curves';
import { dreadMixOf, fadeIn, mixPalette, smoothstep, wonderUnderDread } from '../look-math';
import { copyRgb, rgb, type Rgb } from '../tide/color';
import type { TideInputs } from '../tide/inputs';

/**
 * "The Other Self": a mirror-still lake at blue hour, and on it a figure that is the sleeper's own anxiety.
 * Everything the shaders and camera need is a pure function of the eased inputs and a tuning (the data a
 * dream-architect spec resolves to). Colours are sRGB.
 */
export interface OtherSelfPalette {
  skyZenith: Rgb;
  skyHorizon: Rgb;
  /** The low light behind the figure, which makes it a silhouette. */
  glow: Rgb;
  /** Tint of the water surface over the reflection. */
  water: Rgb;
  /** The figure's body. */
  body: Rgb;
  /** Rim light and the glowing edge where the figure dissolves. */
  rim: Rgb;
  /** The motes the figure dissolves into. */
  mote: Rgb;
}

export const OTHER_SELF_COLOR_KEYS = [
  'skyZenith',
  'skyHorizon',
  'glow',
  'water',
  'body',
  'rim',
  'mote',
] as const satisfies readonly (keyof OtherSelfPalette)[];
export type OtherSelfColorKey = (typeof OTHER_SELF_COLOR_KEYS)[number];

export interface OtherSelfLook extends OtherSelfPalette {
  exposure: number;
  /** Exponential-squared fog density, per metre. */
  fogDensity: number;
  starBrightness: number;
  glowIntensity: number;
  /** Ring of light around the glow point (wonder). */
  halo: number;
  /** Low fog banks drifting at the horizon (dread). */
  mist: number;
  /** How much the water surface hides the reflection under it, 0 = perfect mirror. */
  waterOpacity: number;
  /** Metres from the camera to the figure. */
  figureDistance: number;
  figureScale: number;
  /** 0 = dissolved into motes, 1 = whole. */
  presence: number;
  /** 0..1 how much the body swallows light rather than glowing. */
  darkness: number;
  /** 0..1 inner starlight of the figure (wonder). */
  luminosity: number;
  /** Radians the head leans, the uncanny part of dread. */
  headTilt: number;
  /** Smoke displacement of the hem and outline. */
  smoke: number;
  /** Pale points where eyes would be; only in deep dread, never bright. */
  eyes: number;
  moteIntensity: number;
  /** 0 = motes cling to the body, 1 = they drift far up and away. */
  moteSpread: number;
  /** Rate of the scene clock relative to real time. */
  speed: number;
  /** Darkening towards the frame edges: the tunnel of dread. */
  vignette: number;
  glitch: number;
  cameraSway: number;
  /** Extra camera pitch so a near figure is looked up at, radians. */
  cameraPitch: number;
}

export const OTHER_SELF_SCALAR_KEYS = [
  'exposure',
  'fogDensity',
  'starBrightness',
  'glowIntensity',
  'halo',
  'mist',
  'waterOpacity',
  'figureDistance',
  'figureScale',
  'presence',
  'darkness',
  'luminosity',
  'headTilt',
  'smoke',
  'eyes',
  'moteIntensity',
  'moteSpread',
  'speed',
  'vignette',
  'glitch',
  'cameraSway',
  'cameraPitch',
] as const satisfies readonly Exclude<keyof OtherSelfLook, OtherSelfColorKey>[];

/** Camera eye height, metres; the figure stands on the water straight ahead. */
export const OTHER_SELF_EYE_HEIGHT = 1.6;
/** Height of the figure's head at scale 1, metres. */
export const OTHER_SELF_FIGURE_HEIGHT = 1.9;

/** The data a spec controls: three palettes and the mapping curves. */
export interface OtherSelfTuning {
  readonly palette: Readonly<Record<'calm' | 'dread' | 'wonder', Readonly<OtherSelfPalette>>>;
  readonly curves: {
    /** Fog density, per metre. */
    readonly fog: MappingCurve;
    /** Rate of the scene clock (smoke, motes, ripples), × real time. */
    readonly motion: MappingCurve;
    /** Gain on the sky and backlight. */
    readonly sky: MappingCurve;
    readonly figureSize: MappingCurve;
    /** Metres. */
    readonly figureDistance: MappingCurve;
  };
}

export const DEFAULT_OTHER_SELF_TUNING: OtherSelfTuning = {
  palette: {
    // Blue hour on a mirror lake: lavender glow at the horizon, the figure a shimmer of pale light far off.
    calm: {
      skyZenith: rgb(0.03, 0.05, 0.14),
      skyHorizon: rgb(0.36, 0.38, 0.55),
      glow: rgb(0.85, 0.78, 0.9),
      water: rgb(0.05, 0.08, 0.16),
      body: rgb(0.1, 0.12, 0.2),
      rim: rgb(0.65, 0.8, 1.0),
      mote: rgb(0.7, 0.85, 1.0),
    },
    // Ash and bruise: the light goes sickly grey-green behind a figure that is blacker than the sky.
    dread: {
      skyZenith: rgb(0.01, 0.012, 0.02),
      skyHorizon: rgb(0.1, 0.115, 0.11),
      glow: rgb(0.34, 0.4, 0.36),
      water: rgb(0.01, 0.015, 0.015),
      body: rgb(0.0, 0.0, 0.005),
      rim: rgb(0.32, 0.38, 0.36),
      mote: rgb(0.07, 0.075, 0.075),
    },
    // The other self made of starlight: violet sky, a halo, and a body full of stars.
    wonder: {
      skyZenith: rgb(0.03, 0.02, 0.12),
      skyHorizon: rgb(0.42, 0.26, 0.55),
      glow: rgb(1.0, 0.86, 0.75),
      water: rgb(0.04, 0.04, 0.14),
      body: rgb(0.2, 0.22, 0.55),
      rim: rgb(0.6, 1.0, 0.95),
      mote: rgb(0.85, 0.95, 1.0),
    },
  },
  curves: {
    fog: curve('dread', [0, 0.004], [0.5, 0.012], [1, 0.035]),
    motion: curve('dread', [0, 0.6], [1, 1.15]),
    sky: curve('dread', [0, 1], [0.6, 0.55], [1, 0.32]),
    figureSize: curve('dread', [0, 0.95], [1, 1.3]),
    figureDistance: curve('dread', [0, 26], [0.35, 14], [0.7, 6], [1, 3.4]),
  },
};

export function createOtherSelfLook(): OtherSelfLook {
  const colors = {} as Record<OtherSelfColorKey, Rgb>;
  for (const key of OTHER_SELF_COLOR_KEYS)
    colors[key] = copyRgb(rgb(0, 0, 0), DEFAULT_OTHER_SELF_TUNING.palette.calm[key]);
  return {
    ...colors,
    exposure: 1,
    fogDensity: 0,
    starBrightness: 0,
    glowIntensity: 0,
    halo: 0,
    mist: 0,
    waterOpacity: 0,
    figureDistance: 10,
    figureScale: 1,
    presence: 0,
    darkness: 0,
    luminosity: 0,
    headTilt: 0,
    smoke: 0,
    eyes: 0,
    moteIntensity: 0,
    moteSpread: 0,
    speed: 0,
    vignette: 0,
    glitch: 0,
    cameraSway: 0,
    cameraPitch: 0,
  };
}

/**
 * Maps the inputs to the look. Dread brings the figure near, whole and dark; calm dissolves it into motes
 * far away; wonder turns it into light. Continuous everywhere (lerps, products, smoothsteps and piecewise
 * linear curves), so a small change in params only ever makes a small change on screen.
 */
export function computeOtherSelfLook(
  i: Readonly<TideInputs>,
  tuning: OtherSelfTuning = DEFAULT_OTHER_SELF_TUNING,
  out: OtherSelfLook = createOtherSelfLook(),
): OtherSelfLook {
  const dread = i.dread;
  const wonder = wonderUnderDread(i.wonder, dread, 0.7);
  const dreadMix = dreadMixOf(dread);
  const { curves } = tuning;
  mixPalette(out, OTHER_SELF_COLOR_KEYS, tuning.palette, dreadMix, wonder * 0.9, 0.5 * i.glitch);

  const sky = Math.max(0, evalCurve(curves.sky, i));
  // Presence: a calm mind leaves only a shimmer; dread gathers the figure; wonder gathers it as light.
  const dreadPresence = Math.min(1, Math.max(0, 0.1 + 0.95 * dread - 0.08 * i.calm));
  const presence = 1 - (1 - dreadPresence) * (1 - 0.7 * wonder);
  const slow = 1 - 0.6 * i.reduced;

  out.exposure = (0.5 + 1.0 * i.brightness) * (1 + 0.1 * wonder);
  out.fogDensity = Math.max(0, evalCurve(curves.fog, i)) * (1 - 0.5 * wonder);
  out.starBrightness = (0.35 + 0.65 * i.calm) * (1 - 0.9 * dreadMix) * (1 + 0.8 * wonder) * sky;
  out.glowIntensity = sky * (1 + 0.6 * wonder);
  out.halo = smoothstep(0.05, 0.9, wonder);
  out.mist = smoothstep(0.15, 0.9, dread);
  out.waterOpacity = 0.22 + 0.5 * dreadMix - 0.1 * wonder;
  // Wonder draws the figure nearer too, but as light.
  out.figureDistance = Math.max(1.5, evalCurve(curves.figureDistance, i)) * (1 - 0.55 * wonder);
  out.figureScale = Math.max(0.1, evalCurve(curves.figureSize, i));
  out.presence = presence;
  out.darkness = dreadMix * (1 - wonder);
  out.luminosity = smoothstep(0.05, 0.85, wonder);
  out.headTilt = 0.42 * smoothstep(0.45, 1, dread);
  out.smoke = 0.25 + 0.75 * dreadMix;
  out.eyes = 0.45 * smoothstep(0.6, 1, dread);
  out.moteIntensity = (0.25 + 0.75 * (1 - dreadMix)) * (1 + 0.6 * wonder);
  out.moteSpread = Math.min(1, Math.max(0, 1 - presence * 0.9 + 0.3 * wonder));
  out.speed = Math.max(0, evalCurve(curves.motion, i)) * (0.4 + 0.6 * i.motion) * slow;
  out.vignette = 0.25 + 0.55 * dreadMix;
  out.glitch = i.glitch;
  out.cameraSway = (0.3 + 0.7 * i.motion) * (1 - i.reduced);
  // Looking up at what looms: aim between eye height and the figure's head.
  const head = OTHER_SELF_FIGURE_HEIGHT * out.figureScale;
  out.cameraPitch = Math.atan2(0.55 * (head - OTHER_SELF_EYE_HEIGHT), out.figureDistance);
  return out;
}

/** Seconds over which the scene fades up from black when it mounts. */
export const OTHER_SELF_FADE_IN_SECONDS = 2.5;

export function otherSelfFadeIn(ageSeconds: number): number {
  return fadeIn(ageSeconds, OTHER_SELF_FADE_IN_SECONDS);
}
