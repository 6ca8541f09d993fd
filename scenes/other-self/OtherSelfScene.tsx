import { useFrame } from '@react-three/fiber';
import { useMemo } from 'react';
import type { SceneParamsStore } from '../params';
import { mergeTuning, type SceneTuning } from '../tuning';
import { useSceneCamera } from '../use-scene-camera';
import { OTHER_SELF_CAMERA } from './camera';
import { Figure } from './Figure';
import { createOtherSelfFrame, stepOtherSelfFrame } from './frame';
import { DEFAULT_OTHER_SELF_TUNING } from './look';
import { Surroundings } from './Surroundings';

/** "The Other Self": the sleeper's anxiety as a figure on a mirror lake, driven by governed params only. */
export function OtherSelfScene({ params, tuning }: { params: SceneParamsStore; tuning?: SceneTuning }) {
  const resolved = useMemo(() => mergeTuning(DEFAULT_OTHER_SELF_TUNING, tuning), [tuning]);
  const frame = useMemo(createOtherSelfFrame, []);
  const { uniforms, pose } = frame;
  const camera = useSceneCamera(OTHER_SELF_CAMERA);

  useFrame(({ gl }, delta) => {
    stepOtherSelfFrame(frame, params.current, delta, resolved);
    gl.getDrawingBufferSize(uniforms.uResolution.value);
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
