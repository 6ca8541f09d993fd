import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import type { SceneParamsStore } from '../params';
import { mergeTuning, type SceneTuning } from '../tuning';
import { useSceneCamera } from '../use-scene-camera';
import { Aurora } from './Aurora';
import { TIDE_CAMERA } from './camera';
import { createTideFrame, stepTideFrame } from './frame';
import { DEFAULT_TIDE_TUNING } from './look';
import { Sea } from './Sea';
import { Sky } from './Sky';

/** "Tide": a moonlit sea under a night sky, driven by governed scene params only. */
export function TideScene({ params, tuning }: { params: SceneParamsStore; tuning?: SceneTuning }) {
  const resolved = useMemo(() => mergeTuning(DEFAULT_TIDE_TUNING, tuning), [tuning]);
  const frame = useMemo(createTideFrame, []);
  const { uniforms, pose } = frame;
  const camera = useSceneCamera(TIDE_CAMERA);

  useFrame(({ gl }, delta) => {
    stepTideFrame(frame, params.current, delta, resolved);
    gl.getDrawingBufferSize(uniforms.uResolution.value);
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
