import type { SceneParams } from '../params';
import { advanceSceneClock, createSceneClock } from '../scene-clock';
import { createCameraPose } from '../tide/camera';
import { createGovernedInputs, stepGovernedInputs } from '../tide/inputs';
import { cosmosCameraPose } from './camera';
import { computeCosmosLook, cosmosFadeIn, createCosmosLook, type CosmosTuning } from './look';
import { applyCosmosLook, createCosmosUniforms } from './uniforms';

export function createCosmosFrame() {
  return {
    inputs: createGovernedInputs(),
    look: createCosmosLook(),
    pose: createCameraPose(),
    clock: createSceneClock(),
    uniforms: createCosmosUniforms(),
  };
}

export type CosmosFrame = ReturnType<typeof createCosmosFrame>;

/**
 * One frame of Cosmos's own JavaScript work: ease the governed params, compute the look, advance the clocks,
 * write the uniforms and the camera pose. Allocation-free; the component places the galaxy and the camera.
 */
export function stepCosmosFrame(
  f: CosmosFrame,
  params: SceneParams,
  delta: number,
  tuning: CosmosTuning,
): void {
  const dt = stepGovernedInputs(f.inputs, params, delta);
  const { look, clock } = f;
  const { eased } = f.inputs;
  computeCosmosLook(eased, tuning, look);
  advanceSceneClock(clock, dt, look.speed, 1 - 0.6 * eased.reduced);
  look.exposure *= cosmosFadeIn(clock.age);
  applyCosmosLook(f.uniforms, look, clock.time, clock.drift);
  cosmosCameraPose(look, clock.sway, f.pose);
}
