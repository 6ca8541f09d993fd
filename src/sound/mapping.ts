/**
 * What the soundscape should sound like for the governed scene parameters and a dreamscape's sound settings:
 * pure numbers (gains, frequencies, rates) that the engine glides its voices towards. It reads what a scene
 * reads (SceneParams), never EEG, so the governor's caps, slew limits and unplug reach the sound too.
 */
import type { SceneParams } from '../../scenes/params.ts';
import type { SoundBed, SoundSpec } from '../architect/spec.ts';

export interface VoiceTargets {
  /** Gain of the whole mix before the limiter: listener volume × spec volume × policy cap × level. */
  master: number;
  /** Filtered noise: the surf of 'sea', the air of 'wind', a hiss under the others. */
  noiseGain: number;
  noiseCutoffHz: number;
  noiseQ: number;
  /** Swells (sea) or gusts (wind): the rate of the noise's loudness LFO and how deep it dips, 0..1. */
  swellRateHz: number;
  swellDepth: number;
  /** How far gusts sweep the noise filter, Hz either side of its cutoff. */
  gustDepthHz: number;
  /** Low detuned drone: root pitch, spread of its three voices, brightness. */
  droneGain: number;
  droneHz: number;
  droneDetuneCents: number;
  droneCutoffHz: number;
  /** A tritone and a minor second two octaves up over the drone: dread's tension. */
  dissonanceGain: number;
  /** Airy pad of slow shimmering partials: wonder. */
  padGain: number;
  /** The pad's upper partials (up to 1.8 kHz): the sparkle that wonder brings. */
  sparkleGain: number;
  shimmerRateHz: number;
  shimmerDepth: number;
  /** Glitch: soft crackle (low-passed grains) and gentle dropouts that never reach silence, 0..1 depth. */
  crackleGain: number;
  dropoutDepth: number;
  /** A final low-pass: calm is dark and soft, storms and wonder open it up. */
  toneCutoffHz: number;
}

/** The listener's side: the toggle, the slider and the policy's ceiling. */
export interface SoundListening {
  on: boolean;
  /** 0..1, the slider. */
  volume: number;
  /** 0..1, the policy's ceiling on volume (kiosk). */
  maxVolume: number;
}

/** How much each layer contributes per bed, at rest (before dread, wonder and glitch move them). */
interface BedVoicing {
  noise: number;
  noiseFilter: 'lowpass' | 'bandpass';
  drone: number;
  pad: number;
  droneHz: number;
}

export const BED_VOICING: Readonly<Record<SoundBed, BedVoicing>> = {
  sea: { noise: 1, noiseFilter: 'lowpass', drone: 0.12, pad: 0.15, droneHz: 55 },
  wind: { noise: 0.9, noiseFilter: 'bandpass', drone: 0.1, pad: 0.15, droneHz: 49 },
  drone: { noise: 0.22, noiseFilter: 'lowpass', drone: 0.8, pad: 0.15, droneHz: 41.2 },
  space: { noise: 0.15, noiseFilter: 'bandpass', drone: 0.18, pad: 0.7, droneHz: 55 },
};

/** Overall gain at full volume, chosen so a full nightmare at full volume peaks near the limiter. */
const MASTER_AT_FULL = 0.9;
/** After unplug the calm form also plays quieter: stimulation stops, the room is not left in silence. */
const UNPLUGGED_LEVEL = 0.5;

const clamp01 = (x: number) => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

export function createVoiceTargets(): VoiceTargets {
  return {
    master: 0,
    noiseGain: 0,
    noiseCutoffHz: 600,
    noiseQ: 0.7,
    swellRateHz: 0.08,
    swellDepth: 0.5,
    gustDepthHz: 0,
    droneGain: 0,
    droneHz: 55,
    droneDetuneCents: 3,
    droneCutoffHz: 300,
    dissonanceGain: 0,
    padGain: 0,
    sparkleGain: 0,
    shimmerRateHz: 0.1,
    shimmerDepth: 0.3,
    crackleGain: 0,
    dropoutDepth: 0,
    toneCutoffHz: 2000,
  };
}

/**
 * Voice targets for `params` under `spec` and the listener's settings, written into `out` (reused at every
 * update, so nothing is allocated) and returned. Every output is finite and within its documented range for
 * any input, including NaN.
 */
export function soundTargets(
  params: SceneParams,
  spec: SoundSpec,
  listening: SoundListening,
  out: VoiceTargets = createVoiceTargets(),
): VoiceTargets {
  const voicing = BED_VOICING[spec.bed] ?? BED_VOICING.wind;
  const unplugged = params.unplugged;
  // Unplug shows the calm neutral form whatever the governed dimensions still say while they fade.
  const dread = unplugged ? 0 : clamp01(params.dread);
  const wonder = unplugged ? 0 : clamp01(params.wonder);
  const glitch = unplugged ? 0 : clamp01(params.glitch);
  const calm = unplugged ? 1 : clamp01(params.calm);
  const motion = unplugged ? 0 : clamp01(params.motion);
  const tension = clamp01(spec.dreadTension);
  /** The storm: dread, scaled by how far this dreamscape lets dread roughen its sound. */
  const storm = dread * lerp(0.35, 1, tension);
  // Reduced motion keeps the sound but stills its fastest movement, as the picture does.
  const still = params.reducedMotion ? 0.5 : 1;

  const level = listening.on ? clamp01(listening.volume) * clamp01(listening.maxVolume) : 0;
  out.master = level * clamp01(spec.volume) * MASTER_AT_FULL * (unplugged ? UNPLUGGED_LEVEL : 1);

  // Noise: calm is a soft, dark hush; the storm is louder, brighter and rougher.
  out.noiseGain = voicing.noise * lerp(0.32, 0.6, storm) * lerp(1, 0.8, wonder);
  if (voicing.noiseFilter === 'lowpass') {
    out.noiseCutoffHz = lerp(520, 3200, storm) + 200 * wonder;
    out.noiseQ = lerp(0.5, 1.6, storm);
    out.swellRateHz = lerp(0.075, 0.2, storm) * lerp(0.75, 1, motion) * still;
    // Calm swells rise and fall to a near hush between waves; a storm never lets up.
    out.swellDepth = lerp(0.85, 0.45, storm);
    out.gustDepthHz = out.noiseCutoffHz * lerp(0.35, 0.5, storm);
  } else {
    out.noiseCutoffHz = lerp(420, 1300, storm) + 900 * wonder;
    out.noiseQ = lerp(1.2, 3.2, storm);
    out.swellRateHz = lerp(0.09, 0.28, storm) * lerp(0.75, 1, motion) * still;
    out.swellDepth = lerp(0.75, 0.55, storm);
    out.gustDepthHz = out.noiseCutoffHz * lerp(0.3, 0.55, storm);
  }

  // Drone: a warm hum that spreads into beating and opens up as dread rises.
  out.droneGain = lerp(voicing.drone, Math.max(voicing.drone, 0.5), storm) * lerp(1, 0.7, calm * (1 - dread));
  out.droneHz = voicing.droneHz * lerp(1, 0.94, storm);
  out.droneDetuneCents = lerp(3, 28, storm);
  out.droneCutoffHz = lerp(220, 1400, storm);
  out.dissonanceGain = 0.35 * storm * Math.max(voicing.drone, 0.25) * 2;

  // Pad: airy partials for wonder; dread dims it.
  out.padGain = lerp(voicing.pad, 1, 0.6 * wonder) * lerp(1, 0.4, dread);
  out.sparkleGain = lerp(0.12, 1, wonder) * lerp(1, 0.3, dread);
  out.shimmerRateHz = lerp(0.06, 0.35, wonder) * still;
  out.shimmerDepth = lerp(0.3, 0.8, wonder);

  // Glitch: never harsh. The crackle is low-passed and quiet; a dropout dips at most halfway.
  out.crackleGain = 0.4 * glitch;
  out.dropoutDepth = 0.5 * glitch;

  out.toneCutoffHz = lerp(1800, 7000, Math.max(storm, 0.8 * wonder)) * lerp(1, 1.15, glitch);
  return out;
}

/** Glide times, s: dream changes drift slowly; glitch reacts quicker; rises in volume are never abrupt. */
export const GLIDE = {
  dream: 1.2,
  glitch: 0.35,
  volumeUp: 0.5,
  volumeDown: 0.08,
  /** The very first sound: a linear fade from silence. */
  fadeInS: 2,
  fadeOutS: 0.3,
} as const;
