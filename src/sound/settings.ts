/**
 * The listener's sound settings (on/off and volume), kept in browser storage under `neurosleep.sound`, and how
 * they meet the safety policy and the dreamscape's own sound settings.
 */
import { DEFAULT_SOUND } from '../architect/resolve.ts';
import type { SoundSpec } from '../architect/spec.ts';
import { parseSpec } from '../architect/validate.ts';
import { HOME_POLICY, type SafetyPolicy, type SoundPolicy } from '../safety/policy.ts';

export const SOUND_STORAGE_KEY = 'neurosleep.sound';

export interface SoundSettings {
  on: boolean;
  /** 0..1, the slider. */
  volume: number;
}

export const DEFAULT_VOLUME = 0.6;

/** What was stored, or null when nothing was; a stored value that is not valid is reported, not guessed. */
export function parseStoredSettings(text: string | null): {
  settings: SoundSettings | null;
  problem?: string;
} {
  if (text === null) return { settings: null };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return {
      settings: null,
      problem: `${SOUND_STORAGE_KEY}: expected JSON, found invalid text (${(err as Error).message})`,
    };
  }
  const v = value as Partial<Record<keyof SoundSettings, unknown>> | null;
  if (typeof v !== 'object' || v === null || typeof v.on !== 'boolean')
    return { settings: null, problem: `${SOUND_STORAGE_KEY}.on: expected true or false` };
  if (typeof v.volume !== 'number' || !Number.isFinite(v.volume) || v.volume < 0 || v.volume > 1)
    return {
      settings: null,
      problem: `${SOUND_STORAGE_KEY}.volume: expected a number from 0 to 1, found ${String(v.volume)}`,
    };
  return { settings: { on: v.on, volume: v.volume } };
}

export function serializeSettings(s: SoundSettings): string {
  return JSON.stringify({ on: s.on, volume: s.volume });
}

export function soundPolicyOf(policy: SafetyPolicy): SoundPolicy {
  return policy.sound ?? HOME_POLICY.sound!;
}

/**
 * Where the listener starts: nothing plays where the policy forbids it; otherwise what they chose last time,
 * or on if the policy or the dreamscape asks for it, else off.
 */
export function initialSettings(
  stored: SoundSettings | null,
  policy: SoundPolicy,
  spec: SoundSpec,
): SoundSettings {
  const volume = stored?.volume ?? DEFAULT_VOLUME;
  if (!policy.allowed) return { on: false, volume };
  return { on: stored?.on ?? (policy.startOn || spec.enabled), volume };
}

/** The scene's sound: from a valid `?spec=` for this scene, else the scene's default, else a gentle wind. */
export function soundSpecFor(sceneId: string, search: string): SoundSpec {
  const fallback = DEFAULT_SOUND[sceneId] ?? { enabled: false, volume: 0.5, bed: 'wind', dreadTension: 0.5 };
  const text = new URLSearchParams(search).get('spec');
  if (text === null) return fallback;
  // An invalid spec is reported by the app already (tuningFromQuery); the sound then keeps the default.
  const r = parseSpec(text);
  return r.ok && r.spec.scene === sceneId ? r.spec.sound : fallback;
}
