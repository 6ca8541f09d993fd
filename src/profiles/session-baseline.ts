/**
 * Which saved baseline a new session starts from: the active profile's baseline for the source (baselineKey).
 * A damaged one is not used (the session calibrates afresh) and the reason is handed back for the user to see.
 */
import type { Baseline } from '../../dsp/indices.ts';
import type { BaselineRecord, BaselineTarget } from './baseline-record.ts';
import type { Profile, ProfileStore } from './profile-store.ts';

export interface StartingBaseline {
  /** The baseline to start from, or null to calibrate. */
  readonly baseline: Baseline | null;
  /** The profile and record it came from, when one is used. */
  readonly profile: Profile | null;
  readonly record: BaselineRecord | null;
  /** Why the active profile's saved baseline could not be used, if it could not. */
  readonly problem: string | null;
}

export function startingBaseline(store: ProfileStore, target: BaselineTarget): StartingBaseline {
  const profile = store.active;
  const none = { baseline: null, profile: null, record: null, problem: null };
  if (!profile) return none;
  const found = store.baselineFor(profile.id, target);
  if (found === null) return none;
  if ('error' in found) {
    return { ...none, problem: `${found.error}; calibrating afresh instead` };
  }
  return { baseline: found.record.baseline, profile, record: found.record, problem: null };
}
