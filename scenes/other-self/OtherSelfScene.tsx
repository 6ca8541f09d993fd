import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import type { SceneParamsStore } from '../params';
import { mergeTuning, type SceneTuning } from '../tuning';
import { createCameraPose } from '../tide/camera';
import { createGovernedInputs, stepGovernedInputs } from '../tide/inputs';
import { useSceneCamera } from '../use-scene-camera';
import { advanceSceneClock, createSceneClock } from '../scene-clock';
import { OTHER_SELF_CAMERA, otherSelfCameraPose } from './camera';
import { Figure } from './Figure';
import {
  computeOtherSelfLook,
  createOtherSelfLook,
  DEFAULT_OTHER_SELF_TUNING,
  otherSelfFadeIn,
} from './look';
import { Surroundings } from './Surroundings';
import { applyOtherSelfLook, createOtherSelfUniforms } from './uniforms';

function createState() {
  return {
    inputs: createGovernedInputs(),
    look: createOtherSelfLook(),
    pose: createCameraPose(),
    clock: createSceneClock(),
  };
}

/** "The Other Self": the sleeper's anxiety as a figure on a mirror lake, driven by governed params only. */
export function OtherSelfScene({ params, tuning }: { params: SceneParamsStore; tuning?: SceneTuning }) {
  const resolved = useMemo(() => mergeTuning(DEFAULT_OTHER_SELF_TUNING, tuning), [tuning]);
  const uniforms = useMemo(createOtherSelfUniforms, []);
  const state = useMemo(createState, []);
  const camera = useSceneCamera(OTHER_SELF_CAMERA);

  useFrame(({ gl }, delta) => {
    const dt = stepGovernedInputs(state.inputs, params.current, delta);
    const { look, pose, clock } = state;
    const { eased } = state.inputs;
    computeOtherSelfLook(eased, resolved, look);
    advanceSceneClock(clock, dt, look.speed, 1 - 0.6 * eased.reduced);
    look.exposure *= otherSelfFadeIn(clock.age);
    applyOtherSelfLook(uniforms, look, clock.time, clock.drift);
    gl.getDrawingBufferSize(uniforms.uResolution.value);

    otherSelfCameraPose(look, clock.sway, pose);
    // The other self mirrors the sleeper's drift, a beat late.
    uniforms.uMirrorX.value = otherSelfCameraPose(look, clock.sway - 1.5, pose).x;
    otherSelfCameraPose(look, clock.sway, pose);
    camera.position.set(pose.x, pose.y, pose.z);
    camera.rotation.set(pose.pitch, pose.yaw, pose.roll, 'YXZ');
  });

  return (
    <>
      <Surroundings uniforms={uniforms} />
      <Figure uniforms={uniforms} />
    </>
  );
}

export default OtherSelfScene;
