import type { SceneParams } from '../params';
import { advanceSceneClock, createSceneClock } from '../scene-clock';
import { createCameraPose, tideCameraPose } from './camera';
import { createGovernedInputs, stepGovernedInputs } from './inputs';
import { computeTideLook, createTideLook, tideFadeIn, type TideTuning } from './look';
import { applyTideLook, createTideUniforms } from './uniforms';

export function createTideFrame() {
  return {
    inputs: createGovernedInputs(),
    look: createTideLook(),
    pose: createCameraPose(),
    clock: createSceneClock(),
    uniforms: createTideUniforms(),
  };
}

export type TideFrame = ReturnType<typeof createTideFrame>;

/**
 * One frame of Tide's own JavaScript work: ease the governed params, compute the look, advance the clocks,
 * write the uniforms and the camera pose. Allocation-free; the component copies the pose onto its camera.
 */
export function stepTideFrame(f: TideFrame, params: SceneParams, delta: number, tuning: TideTuning): void {
  const dt = stepGovernedInputs(f.inputs, params, delta);
  const { look, clock } = f;
  computeTideLook(f.inputs.eased, look, tuning);
  // Scene time is the sea's time: it runs at the waves' speed.
  advanceSceneClock(clock, dt, look.waveSpeed, look.driftSpeed);
  look.exposure *= tideFadeIn(clock.age);
  applyTideLook(f.uniforms, look, clock.time, clock.drift);
  tideCameraPose(look, clock.sway, clock.time, f.pose);
}
