import { SCENES } from '../../scenes/index.ts';
import { specFromScene } from './resolve.ts';
import type { DreamscapeSpec } from './spec.ts';

/** One built-in spec per registered scene, the scene's own design written out as data. */
export const BUILTIN_SPECS: readonly DreamscapeSpec[] = SCENES.map((scene) => specFromScene(scene));

export function builtinSpec(sceneId: string): DreamscapeSpec | undefined {
  return BUILTIN_SPECS.find((s) => s.scene === sceneId);
}
