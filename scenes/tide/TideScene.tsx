import { useFrame, useThree } from '@react-three/fiber';
import { useEffect, useMemo } from 'react';
import { PerspectiveCamera } from 'three';
import type { SceneParamsStore } from '../params';
import { mergeTuning, type SceneTuning } from '../tuning';
import { Aurora } from './Aurora';
import { createCameraPose, TIDE_CAMERA, tideCameraPose } from './camera';
import { createTideInputs, easeTideInputs, resolveTideInputs } from './inputs';
import { computeTideLook, createTideLook, DEFAULT_TIDE_TUNING, tideFadeIn } from './look';
import { Sea } from './Sea';
import { Sky } from './Sky';
import { applyTideLook, createTideUniforms } from './uniforms';

/** A long frame (tab in background, GC pause) must not fast-forward the sea. */
const MAX_FRAME_SECONDS = 0.1;

function createTideState() {
  return {
    target: createTideInputs(),
    eased: createTideInputs(),
    look: createTideLook(),
    pose: createCameraPose(),
    started: false,
    seaTime: 0,
    driftTime: 0,
    swayTime: 0,
    age: 0,
  };
}

/** "Tide": a moonlit sea under a night sky, driven by governed scene params only. */
export function TideScene({ params, tuning }: { params: SceneParamsStore; tuning?: SceneTuning }) {
  const uniforms = useMemo(createTideUniforms, []);
  const resolved = useMemo(() => mergeTuning(DEFAULT_TIDE_TUNING, tuning), [tuning]);
  const state = useMemo(createTideState, []);
  const camera = useThree((s) => s.camera);

  useEffect(() => {
    if (camera instanceof PerspectiveCamera) {
      camera.fov = TIDE_CAMERA.fov;
      camera.near = TIDE_CAMERA.near;
      camera.far = TIDE_CAMERA.far;
      camera.updateProjectionMatrix();
    }
  }, [camera]);

  useFrame(({ gl }, delta) => {
    const dt = Math.min(Math.max(delta, 0), MAX_FRAME_SECONDS);
    const { target, eased, look, pose } = state;
    resolveTideInputs(params.current, target);
    // The first frame starts where the params are: mounting the scene is itself the transition.
    if (state.started) easeTideInputs(eased, target, dt, params.current.unplugged);
    else Object.assign(eased, target);
    state.started = true;
    computeTideLook(eased, look, resolved);
    state.age += dt;
    look.exposure *= tideFadeIn(state.age);

    // Clocks integrate their rates, so a speed change bends the motion instead of jumping its phase.
    state.seaTime += dt * look.waveSpeed;
    state.driftTime += dt * look.driftSpeed;
    state.swayTime += dt;
    applyTideLook(uniforms, look, state.seaTime, state.driftTime);
    gl.getDrawingBufferSize(uniforms.uResolution.value);

    tideCameraPose(look, state.swayTime, state.seaTime, pose);
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
