import { useThree } from '@react-three/fiber';
import { useEffect } from 'react';
import { PerspectiveCamera, type Camera } from 'three';
import type { SceneCamera } from './index';

/** Gives the app's camera this scene's lens on mount; returns the camera for the scene to move. */
export function useSceneCamera(lens: SceneCamera): Camera {
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    if (camera instanceof PerspectiveCamera) {
      camera.fov = lens.fov;
      camera.near = lens.near;
      camera.far = lens.far;
      camera.updateProjectionMatrix();
    }
  }, [camera, lens]);
  return camera;
}
