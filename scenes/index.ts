import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import type { SceneParamsStore } from './params';
import { TIDE_CAMERA } from './tide/camera';

export type { SceneParams, SceneParamsStore } from './params';
export { createSceneParamsStore, NEUTRAL_SCENE_PARAMS } from './params';

export interface SceneProps {
  params: SceneParamsStore;
}

/** Props for r3f's `<Canvas camera={...}>`. */
export interface SceneCamera {
  position: [number, number, number];
  fov: number;
  near: number;
  far: number;
}

export interface SceneDefinition {
  readonly id: string;
  readonly name: string;
  /** Render inside `<Suspense>` within the app's `<Canvas>`; the scene's code loads on first use. */
  readonly component: LazyExoticComponent<ComponentType<SceneProps>>;
  readonly camera: SceneCamera;
}

export const SCENES: readonly SceneDefinition[] = [
  {
    id: 'tide',
    name: 'Tide',
    component: lazy(() => import('./tide/TideScene')),
    camera: TIDE_CAMERA,
  },
];

export const DEFAULT_SCENE_ID = 'tide';

export function getScene(id: string): SceneDefinition | undefined {
  return SCENES.find((scene) => scene.id === id);
}
