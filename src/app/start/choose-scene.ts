import { sceneHref } from '../ScenePicker.tsx';

/**
 * Switches the dreamscape without a reload, and writes `?scene=<id>` into the address so it can be
 * bookmarked. A `?spec=` preview belongs to one scene, so with one present the page loads the new scene
 * afresh and says whether the spec still applies.
 */
export function chooseSceneInPlace(id: string, setSceneId: (id: string) => void): void {
  const href = sceneHref(window.location.search, id);
  if (new URLSearchParams(window.location.search).has('spec')) {
    window.location.assign(href);
    return;
  }
  window.history.replaceState(window.history.state, '', href);
  setSceneId(id);
}
