/**
 * What a scene may read: governed, bounded parameters, never EEG. The safety governor writes them,
 * scenes read them every frame from a mutable store (no React state per frame).
 */
export interface SceneParams {
  /** Dream dimensions after the governor, each 0..1. */
  readonly calm: number;
  readonly dread: number;
  readonly wonder: number;
  readonly glitch: number;
  /** Overall brightness the scene should aim for, 0..1, rate-limited by the governor (no flashes). */
  readonly brightness: number;
  /** Animation intensity 0..1 (waves, wind, camera sway). 0 when unplugged or reduced motion. */
  readonly motion: number;
  /** True when the user prefers reduced motion: no camera sway, no fast oscillation. */
  readonly reducedMotion: boolean;
  /** True after unplug: the scene shows its calm neutral form. */
  readonly unplugged: boolean;
}

/** A mutable holder that the governor writes and scenes read inside `useFrame`. */
export interface SceneParamsStore {
  current: SceneParams;
}

export const NEUTRAL_SCENE_PARAMS: SceneParams = Object.freeze({
  calm: 1,
  dread: 0,
  wonder: 0,
  glitch: 0,
  brightness: 0.5,
  motion: 0.3,
  reducedMotion: false,
  unplugged: false,
});

export function createSceneParamsStore(initial: SceneParams = NEUTRAL_SCENE_PARAMS): SceneParamsStore {
  return { current: { ...initial } };
}
