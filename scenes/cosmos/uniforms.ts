import { Color, Vector2 } from 'three';
import type { CosmosLook } from './look';
import { setSrgb } from '../srgb-uniform';

export function createCosmosUniforms() {
  return {
    uSpace: { value: new Color() },
    uNebulaA: { value: new Color() },
    uNebulaB: { value: new Color() },
    uCore: { value: new Color() },
    uArmInner: { value: new Color() },
    uArmOuter: { value: new Color() },
    uDust: { value: new Color() },
    uVoidRim: { value: new Color() },
    uExposure: { value: 1 },
    uStars: { value: 1 },
    uNebula: { value: 0 },
    uSmoke: { value: 0 },
    uGalaxy: { value: 1 },
    uVoid: { value: 0 },
    uCoreGlow: { value: 1 },
    uHaze: { value: 0 },
    uDustI: { value: 0 },
    uVignette: { value: 0 },
    uGlitch: { value: 0 },
    uTime: { value: 0 },
    uDriftTime: { value: 0 },
    uResolution: { value: new Vector2(1, 1) },
  };
}

export type CosmosUniforms = ReturnType<typeof createCosmosUniforms>;

/** Allocation-free: called every frame. */
export function applyCosmosLook(u: CosmosUniforms, look: CosmosLook, time: number, drift: number): void {
  setSrgb(u.uSpace.value, look.space);
  setSrgb(u.uNebulaA.value, look.nebulaA);
  setSrgb(u.uNebulaB.value, look.nebulaB);
  setSrgb(u.uCore.value, look.core);
  setSrgb(u.uArmInner.value, look.armInner);
  setSrgb(u.uArmOuter.value, look.armOuter);
  setSrgb(u.uDust.value, look.dust);
  setSrgb(u.uVoidRim.value, look.voidRim);
  u.uExposure.value = look.exposure;
  u.uStars.value = look.starBrightness;
  u.uNebula.value = look.nebula;
  u.uSmoke.value = look.smoke;
  u.uGalaxy.value = look.galaxyBrightness;
  u.uVoid.value = look.voidRadius;
  u.uCoreGlow.value = look.coreGlow;
  u.uHaze.value = look.haze;
  u.uDustI.value = look.dustIntensity;
  u.uVignette.value = look.vignette;
  u.uGlitch.value = look.glitch;
  u.uTime.value = time;
  u.uDriftTime.value = drift;
}
