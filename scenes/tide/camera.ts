import type { TideLook } from './look';
import { swellHeight } from './waves';

/** Camera props the app should give `<Canvas camera>` for Tide (the scene also applies fov/near/far). */
export const TIDE_CAMERA = {
  position: [0, 3, 12] as [number, number, number],
  fov: 55,
  near: 0.1,
  far: 3000,
};

export interface CameraPose {
  x: number;
  y: number;
  z: number;
  /** Euler angles, applied in YXZ order. */
  pitch: number;
  yaw: number;
  roll: number;
}

export function createCameraPose(): CameraPose {
  return { x: 0, y: 0, z: 0, pitch: 0, yaw: 0, roll: 0 };
}

/**
 * Where the camera floats. Sway is a sum of incommensurate slow sines (periods 25–50 s) so it never reads
 * as a rhythm; riding follows the swell under the camera like a small boat. Both vanish in reduced motion.
 */
export function tideCameraPose(
  look: TideLook,
  swayTime: number,
  seaTime: number,
  out: CameraPose,
): CameraPose {
  const s = look.cameraSway;
  const baseX = TIDE_CAMERA.position[0];
  const baseZ = TIDE_CAMERA.position[2];
  out.x = baseX + s * 0.45 * Math.sin(swayTime * 0.21);
  out.z = baseZ + s * 0.3 * Math.sin(swayTime * 0.17 + 2.0);
  out.y =
    look.cameraHeight +
    look.cameraRide * swellHeight(out.x, out.z, seaTime, look.waveAmplitude) +
    s * 0.15 * Math.sin(swayTime * 0.13 + 1.3);
  out.pitch = look.cameraPitch + s * 0.012 * Math.sin(swayTime * 0.23 + 0.5);
  out.yaw = s * 0.025 * Math.sin(swayTime * 0.11);
  out.roll = s * 0.02 * Math.sin(swayTime * 0.19 + 0.9);
  return out;
}
