import type { CameraPose } from '../tide/camera';
import type { CosmosLook } from './look';

export const COSMOS_CAMERA = {
  position: [0, 0, 0] as [number, number, number],
  fov: 55,
  near: 0.1,
  far: 2000,
};

/** Where the galaxy hangs: ahead, a little below and to the right, so it is seen at an angle. */
export const GALAXY_DIRECTION: readonly [number, number, number] = [0.12, -0.3, -1];

/** Floating: a slow drift from incommensurate sines (periods 30–70 s); still under reduced motion. */
export function cosmosCameraPose(look: CosmosLook, swayTime: number, out: CameraPose): CameraPose {
  const s = look.cameraSway;
  out.x = s * 0.8 * Math.sin(swayTime * 0.13);
  out.y = s * 0.5 * Math.sin(swayTime * 0.09 + 1.3);
  out.z = s * 0.6 * Math.sin(swayTime * 0.11 + 2.0);
  out.pitch = -0.2 + s * 0.01 * Math.sin(swayTime * 0.1 + 0.4);
  out.yaw = -0.03 + s * 0.015 * Math.sin(swayTime * 0.07);
  out.roll = 0.04 + s * 0.02 * Math.sin(swayTime * 0.085 + 0.9);
  return out;
}
