import type { SceneTuning } from '../../scenes/index.ts';
import { specToTuning } from './resolve.ts';
import { formatSpecErrors, parseSpec } from './validate.ts';

/**
 * `?spec=<JSON>`: previews a dreamscape spec on the scene chosen with `?scene=`. A spec that is invalid or
 * written for another scene is not applied, and the error says why, field by field.
 */
export function tuningFromQuery(search: string, sceneId: string): { tuning?: SceneTuning; error?: string } {
  const text = new URLSearchParams(search).get('spec');
  if (text === null) return {};
  const r = parseSpec(text);
  if (!r.ok) return { error: `The dreamscape spec in ?spec= is not valid:\n${formatSpecErrors(r.errors)}` };
  if (r.spec.scene !== sceneId)
    return {
      error: `The dreamscape spec in ?spec= is for scene '${r.spec.scene}', not '${sceneId}'; not applied.`,
    };
  return { tuning: specToTuning(r.spec) };
}
