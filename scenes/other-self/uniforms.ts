import { Color, Vector2 } from 'three';
import type { OtherSelfLook } from './look';
import { setSrgb } from '../srgb-uniform';

/** One set of uniform objects shared by every Other Self material: one write per frame updates them all. */
export function createOtherSelfUniforms() {
  return {
    uZenith: { value: new Color() },
    uHorizon: { value: new Color() },
    uGlow: { value: new Color() },
    uWater: { value: new Color() },
    uBody: { value: new Color() },
    uRim: { value: new Color() },
    uMote: { value: new Color() },
    uExposure: { value: 1 },
    uFog: { value: 0 },
    uStars: { value: 0 },
    uGlowI: { value: 0 },
    uHalo: { value: 0 },
    uMist: { value: 0 },
    uWaterOpacity: { value: 0 },
    uFigureDist: { value: 10 },
    uFigureScale: { value: 1 },
    uPresence: { value: 0 },
    uDarkness: { value: 0 },
    uLuminosity: { value: 0 },
    uHeadTilt: { value: 0 },
    uSmoke: { value: 0 },
    uEyes: { value: 0 },
    uMoteI: { value: 0 },
    uMoteSpread: { value: 0 },
    uVignette: { value: 0 },
    uGlitch: { value: 0 },
    /** Scene clock: integrates `speed`, so a change of pace never jumps a phase. */
    uTime: { value: 0 },
    /** Real-time clock for the display-space glitch terms (named as the shared Tide finish GLSL expects). */
    uDriftTime: { value: 0 },
    /** The other self mirrors the sleeper's sway, metres. */
    uMirrorX: { value: 0 },
    uResolution: { value: new Vector2(1, 1) },
    uPixelRatio: { value: 1 },
  };
}

export type OtherSelfUniforms = ReturnType<typeof createOtherSelfUniforms>;

/** Allocation-free: called every frame. */
export function applyOtherSelfLook(
  u: OtherSelfUniforms,
  look: OtherSelfLook,
  time: number,
  drift: number,
): void {
  setSrgb(u.uZenith.value, look.skyZenith);
  setSrgb(u.uHorizon.value, look.skyHorizon);
  setSrgb(u.uGlow.value, look.glow);
  setSrgb(u.uWater.value, look.water);
  setSrgb(u.uBody.value, look.body);
  setSrgb(u.uRim.value, look.rim);
  setSrgb(u.uMote.value, look.mote);
  u.uExposure.value = look.exposure;
  u.uFog.value = look.fogDensity;
  u.uStars.value = look.starBrightness;
  u.uGlowI.value = look.glowIntensity;
  u.uHalo.value = look.halo;
  u.uMist.value = look.mist;
  u.uWaterOpacity.value = look.waterOpacity;
  u.uFigureDist.value = look.figureDistance;
  u.uFigureScale.value = look.figureScale;
  u.uPresence.value = look.presence;
  u.uDarkness.value = look.darkness;
  u.uLuminosity.value = look.luminosity;
  u.uHeadTilt.value = look.headTilt;
  u.uSmoke.value = look.smoke;
  u.uEyes.value = look.eyes;
  u.uMoteI.value = look.moteIntensity;
  u.uMoteSpread.value = look.moteSpread;
  u.uVignette.value = look.vignette;
  u.uGlitch.value = look.glitch;
  u.uTime.value = time;
  u.uDriftTime.value = drift;
}
