import { DEFAULT_SCENE_ID } from '../../../scenes/index.ts';

/**
 * Keeps `?scene=` in step with the scene the architect previews, so a reload, a bookmark and the scene picker's
 * links all start from it. A `?spec=` written for the previous scene is dropped with it: it would not apply.
 */
export function syncSceneInUrl(sceneId: string): void {
  const q = new URLSearchParams(window.location.search);
  if ((q.get('scene') ?? DEFAULT_SCENE_ID) === sceneId) return;
  q.set('scene', sceneId);
  q.delete('spec');
  window.history.replaceState(window.history.state, '', `?${q.toString()}${window.location.hash}`);
}
