import type { SceneParams } from '../params';
import { advanceSceneClock, createSceneClock } from '../scene-clock';
import { createCameraPose } from '../tide/camera';
import { createGovernedInputs, stepGovernedInputs } from '../tide/inputs';
import { otherSelfCameraPose } from './camera';
import { computeOtherSelfLook, createOtherSelfLook, otherSelfFadeIn, type OtherSelfTuning } from './look';
import { applyOtherSelfLook, createOtherSelfUniforms } from './uniforms';

export function createOtherSelfFrame() {
  return {
    inputs: createGovernedInputs(),
    look: createOtherSelfLook(),
    pose: createCameraPose(),
    clock: createSceneClock(),
    uniforms: createOtherSelfUniforms(),
  };
}

export type OtherSelfFrame = ReturnType<typeof createOtherSelfFrame>;

/**
 * One frame of The Other Self's own JavaScript work: ease the governed params, compute the look, advance the
 * clocks, write the uniforms and the camera pose. Allocation-free; the component copies the pose to its camera.
 */
export function stepOtherSelfFrame(
  f: OtherSelfFrame,
  params: SceneParams,
  delta: number,
  tuning: OtherSelfTuning,
): void {
  const dt = stepGovernedInputs(f.inputs, params, delta);
  const { look, clock, pose } = f;
  const { eased } = f.inputs;
  computeOtherSelfLook(eased, tuning, look);
  advanceSceneClock(clock, dt, look.speed, 1 - 0.6 * eased.reduced);
  look.exposure *= otherSelfFadeIn(clock.age);
  applyOtherSelfLook(f.uniforms, look, clock.time, clock.drift);
  // The other self mirrors the sleeper's drift, a beat late.
  f.uniforms.uMirrorX.value = otherSelfCameraPose(look, clock.sway - 1.5, pose).x;
  otherSelfCameraPose(look, clock.sway, pose);
}
