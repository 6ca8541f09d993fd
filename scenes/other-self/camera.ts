import type { CameraPose } from '../tide/camera';
import { OTHER_SELF_EYE_HEIGHT, type OtherSelfLook } from './look';

export const OTHER_SELF_CAMERA = {
  position: [0, OTHER_SELF_EYE_HEIGHT, 0] as [number, number, number],
  fov: 50,
  near: 0.05,
  far: 1200,
};

/**
 * The sleeper stands still and faces the figure (confront, never flee): only a slow drift of a few
 * centimetres, from incommensurate sines, which the figure mirrors. Nothing moves under reduced motion.
 */
export function otherSelfCameraPose(look: OtherSelfLook, swayTime: number, out: CameraPose): CameraPose {
  const s = look.cameraSway;
  out.x = s * 0.18 * Math.sin(swayTime * 0.19);
  out.y = OTHER_SELF_EYE_HEIGHT + s * 0.04 * Math.sin(swayTime * 0.13 + 1.1);
  out.z = s * 0.1 * Math.sin(swayTime * 0.11 + 2.0);
  out.pitch = look.cameraPitch + s * 0.006 * Math.sin(swayTime * 0.23 + 0.4);
  out.yaw = s * 0.012 * Math.sin(swayTime * 0.09);
  out.roll = s * 0.006 * Math.sin(swayTime * 0.17 + 0.9);
  return out;
}
