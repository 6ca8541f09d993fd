import { Color, Vector2, Vector3 } from 'three';
import { TIDE_CAMERA } from './camera';
import type { TideLook } from './look';
import { setSrgb } from '../srgb-uniform';

/** Where the moon hangs: ahead and a little left, low enough to lay a glitter path toward the camera. */
export const MOON_DIRECTION: readonly [number, number, number] = [-0.2, 0.25, -1];

/**
 * One set of uniform objects shared by every Tide material, so a single write per frame updates them all.
 */
export function createTideUniforms() {
  const moon = new Vector3(...MOON_DIRECTION).normalize();
  return {
    uZenith: { value: new Color() },
    uHorizon: { value: new Color() },
    uMoonGlow: { value: new Color() },
    uMoonDisk: { value: new Color() },
    uCloud: { value: new Color() },
    uSeaDeep: { value: new Color() },
    uSeaScatter: { value: new Color() },
    uBio: { value: new Color() },
    uAuroraLow: { value: new Color() },
    uAuroraHigh: { value: new Color() },
    uMoonDir: { value: moon },
    uMoonVis: { value: 1 },
    uAurora: { value: 0 },
    uExposure: { value: 1 },
    uGlitch: { value: 0 },
    uDriftTime: { value: 0 },
    uSeaTime: { value: 0 },
    uResolution: { value: new Vector2(1, 1) },
    uCloudCover: { value: 0 },
    uStars: { value: 1 },
    uFog: { value: 0 },
    uWaveAmp: { value: 0 },
    uWaveChop: { value: 0 },
    uRipple: { value: 0 },
    uBioIntensity: { value: 0 },
    uFoam: { value: 0 },
    uSeaOrigin: { value: new Vector2(TIDE_CAMERA.position[0], TIDE_CAMERA.position[2]) },
  };
}

export type TideUniforms = ReturnType<typeof createTideUniforms>;

/** Allocation-free: called every frame. */
export function applyTideLook(u: TideUniforms, look: TideLook, seaTime: number, driftTime: number): void {
  setSrgb(u.uZenith.value, look.skyZenith);
  setSrgb(u.uHorizon.value, look.skyHorizon);
  setSrgb(u.uMoonGlow.value, look.moonGlow);
  setSrgb(u.uMoonDisk.value, look.moonDisk);
  setSrgb(u.uCloud.value, look.cloud);
  setSrgb(u.uSeaDeep.value, look.seaDeep);
  setSrgb(u.uSeaScatter.value, look.seaScatter);
  setSrgb(u.uBio.value, look.bio);
  setSrgb(u.uAuroraLow.value, look.auroraLow);
  setSrgb(u.uAuroraHigh.value, look.auroraHigh);
  u.uMoonVis.value = look.moonVisibility;
  u.uAurora.value = look.auroraIntensity;
  u.uExposure.value = look.exposure;
  u.uGlitch.value = look.glitch;
  u.uCloudCover.value = look.cloudCover;
  u.uStars.value = look.starBrightness;
  u.uFog.value = look.fogDensity;
  u.uWaveAmp.value = look.waveAmplitude;
  u.uWaveChop.value = look.waveChoppiness;
  u.uRipple.value = look.rippleStrength;
  u.uBioIntensity.value = look.bioIntensity;
  u.uFoam.value = look.foam;
  u.uSeaTime.value = seaTime;
  u.uDriftTime.value = driftTime;
}
