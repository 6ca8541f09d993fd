import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import type { SceneParamsStore } from '../params';
import { mergeTuning, type SceneTuning } from '../tuning';
import { Aurora } from './Aurora';
import { createCameraPose, TIDE_CAMERA, tideCameraPose } from './camera';
import { createGovernedInputs, stepGovernedInputs } from './inputs';
import { useSceneCamera } from '../use-scene-camera';
import { computeTideLook, createTideLook, DEFAULT_TIDE_TUNING, tideFadeIn } from './look';
import { Sea } from './Sea';
import { Sky } from './Sky';
import { applyTideLook, createTideUniforms } from './uniforms';
import { advanceSceneClock, createSceneClock } from '../scene-clock';

function createTideState() {
  return {
    inputs: createGovernedInputs(),
    look: createTideLook(),
    pose: createCameraPose(),
    clock: createSceneClock(),
  };
}

/** "Tide": a moonlit sea under a night sky, driven by governed scene params only. */
export function TideScene({ params, tuning }: { params: SceneParamsStore; tuning?: SceneTuning }) {
  const uniforms = useMemo(createTideUniforms, []);
  const resolved = useMemo(() => mergeTuning(DEFAULT_TIDE_TUNING, tuning), [tuning]);
  const state = useMemo(createTideState, []);
  const camera = useSceneCamera(TIDE_CAMERA);

  useFrame(({ gl }, delta) => {
    const dt = stepGovernedInputs(state.inputs, params.current, delta);
    const { look, pose, clock } = state;
    const { eased } = state.inputs;
    computeTideLook(eased, look, resolved);
    // Scene time is the sea's time: it runs at the waves' speed.
    advanceSceneClock(clock, dt, look.waveSpeed, look.driftSpeed);
    look.exposure *= tideFadeIn(clock.age);
    applyTideLook(uniforms, look, clock.time, clock.drift);
    gl.getDrawingBufferSize(uniforms.uResolution.value);

    tideCameraPose(look, clock.sway, clock.time, pose);
    camera.position.set(pose.x, pose.y, pose.z);
    camera.rotation.set(pose.pitch, pose.yaw, pose.roll, 'YXZ');
  });

  return (
    <>
      <Sky uniforms={uniforms} />
      <Sea uniforms={uniforms} />
      <Aurora uniforms={uniforms} />
    </>
  );
}

export default TideScene;
