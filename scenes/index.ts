import { lazy, type ComponentType, type LazyExoticComponent } from 'react';
import { DEFAULT_COSMOS_TUNING } from './cosmos/look';
import type { MappingCurve } from './curves';
import { DEFAULT_OTHER_SELF_TUNING } from './other-self/look';
import type { SceneParamsStore } from './params';
import type { Rgb } from './tide/color';
import { DEFAULT_TIDE_TUNING } from './tide/look';
import type { CurveName, SceneTuning, TuningLevel } from './tuning';
import type { BloomDesign } from './effects/bloom';
import { COSMOS_CAMERA } from './cosmos/camera';
import { OTHER_SELF_CAMERA } from './other-self/camera';
import { TIDE_CAMERA } from './tide/camera';

export type { SceneParams, SceneParamsStore } from './params';
export { createSceneParamsStore, NEUTRAL_SCENE_PARAMS } from './params';

export interface SceneProps {
  params: SceneParamsStore;
  /** Palettes and mapping curves from a dream-architect spec; the scene's own defaults fill the rest. */
  tuning?: SceneTuning;
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
  /** How its brightest parts glow, from calm to wonder (effects/bloom.ts). */
  readonly bloom: BloomDesign;
  /** The scene's own palettes and curves: which fields a spec may set, and the built-in spec's values. */
  readonly defaultTuning: {
    readonly palette: Readonly<Record<TuningLevel, object>>;
    readonly curves: Readonly<Partial<Record<CurveName, MappingCurve>>>;
  };
}

export type { CurveName, SceneTuning, TuningLevel } from './tuning';
export { CURVE_NAMES, TUNING_LEVELS } from './tuning';
export { CURVE_INPUTS } from './curves';
export type { MappingCurve } from './curves';
export type { Rgb } from './tide/color';

/** The palette of one level of a scene's default tuning, as colour name → sRGB. */
export function paletteOf(
  scene: SceneDefinition,
  level: TuningLevel,
): Readonly<Record<string, Readonly<Rgb>>> {
  return scene.defaultTuning.palette[level] as Readonly<Record<string, Readonly<Rgb>>>;
}

export const SCENES: readonly SceneDefinition[] = [
  {
    id: 'tide',
    name: 'Tide',
    component: lazy(() => import('./tide/TideScene')),
    camera: TIDE_CAMERA,
    bloom: { threshold: 0.5, calm: 0.35, wonder: 1.3, dreadDim: 0.6 },
    defaultTuning: DEFAULT_TIDE_TUNING,
  },
  {
    id: 'other-self',
    name: 'The Other Self',
    component: lazy(() => import('./other-self/OtherSelfScene')),
    camera: OTHER_SELF_CAMERA,
    bloom: { threshold: 0.62, calm: 0.3, wonder: 0.75, dreadDim: 0.4 },
    defaultTuning: DEFAULT_OTHER_SELF_TUNING,
  },
  {
    id: 'cosmos',
    name: 'Cosmos',
    component: lazy(() => import('./cosmos/CosmosScene')),
    camera: COSMOS_CAMERA,
    bloom: { threshold: 0.5, calm: 0.35, wonder: 1.1, dreadDim: 0.6 },
    defaultTuning: DEFAULT_COSMOS_TUNING,
  },
];

export const DEFAULT_SCENE_ID = 'tide';

/** The post-processing every scene is shown through; loaded with the first scene, not with the app. */
export const DreamEffects = lazy(() =>
  import('./effects/DreamEffects').then((m) => ({ default: m.DreamEffects })),
);
export type { BloomDesign } from './effects/bloom';

export function getScene(id: string): SceneDefinition | undefined {
  return SCENES.find((scene) => scene.id === id);
}
