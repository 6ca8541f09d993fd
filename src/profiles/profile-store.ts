/**
 * Local user profiles in browser storage, each keeping its calibration baselines (one per channel set). Nothing
 * leaves the device. One storage key per profile, so one damaged entry costs only itself: it is reported and left
 * in place (never overwritten or deleted behind the user's back), and the other profiles load.
 *
 * Keys: `neurosleep.profiles.p.<id>` holds a profile as JSON, `neurosleep.profiles.active` the selected id.
 * Baselines are kept as stored and checked when used (see baseline-record.ts), so a profile whose baseline is
 * damaged can still be renamed, selected or recalibrated without losing the rest of it.
 */
import { BehaviorSubject } from 'rxjs';
import {
  baselineKey,
  parseBaselineRecord,
  type BaselineRecord,
  type BaselineTarget,
} from './baseline-record.ts';

export const PROFILES_KEY_PREFIX = 'neurosleep.profiles';
const PROFILE_KEY_PREFIX = `${PROFILES_KEY_PREFIX}.p.`;
const ACTIVE_KEY = `${PROFILES_KEY_PREFIX}.active`;
export const PROFILE_VERSION = 1;
export const MAX_PROFILE_NAME = 40;

/** The parts of the Web Storage API the store uses (localStorage qualifies). */
export interface StorageLike {
  readonly length: number;
  key(index: number): string | null;
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface Profile {
  readonly version: typeof PROFILE_VERSION;
  readonly id: string;
  readonly name: string;
  readonly createdAt: string;
  /** Saved baselines by {@link baselineKey}, as stored; read them through baselineFor. */
  readonly baselines: Readonly<Record<string, unknown>>;
}

export interface ProfilesState {
  /** Oldest first. */
  readonly profiles: readonly Profile[];
  readonly activeId: string | null;
  /** Storage entries that could not be read, each naming its key and what was wrong. */
  readonly problems: readonly string[];
}

/** A refused profile operation (bad name, unknown id, storage full); the message says which and why. */
export class ProfileError extends Error {
  override name = 'ProfileError';
}

export type BaselineLookup = { readonly record: BaselineRecord } | { readonly error: string };

/** Storage that lives as long as the page: for environments without localStorage (tests, private modes). */
export function memoryStorage(): StorageLike {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    key: (i) => [...map.keys()][i] ?? null,
    getItem: (k) => map.get(k) ?? null,
    setItem: (k, v) => void map.set(k, String(v)),
    removeItem: (k) => void map.delete(k),
  };
}

/** localStorage when the page may use it, else page-lifetime memory. */
export function browserStorage(): StorageLike {
  try {
    if (typeof localStorage !== 'undefined') return localStorage;
  } catch {
    // Storage blocked by the browser's settings (a SecurityError on access): profiles last for this page only.
  }
  return memoryStorage();
}

function keysWithPrefix(storage: StorageLike, prefix: string): string[] {
  const keys: string[] = [];
  for (let i = 0; i < storage.length; i++) {
    const k = storage.key(i);
    if (k?.startsWith(prefix)) keys.push(k);
  }
  return keys;
}

/** How many profiles the storage holds (readable or not), e.g. for "delete all my data" to report. */
export function countProfiles(storage: StorageLike): number {
  return keysWithPrefix(storage, PROFILE_KEY_PREFIX).length;
}

/** Sent on window when profiles change outside a store (e.g. everything deleted), so stores re-read. */
export const PROFILES_CHANGED_EVENT = 'neurosleep-profiles-changed';

export function notifyProfilesChanged(): void {
  if (typeof window !== 'undefined') window.dispatchEvent(new Event(PROFILES_CHANGED_EVENT));
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return v === null
    ? 'null'
    : Array.isArray(v)
      ? 'an array'
      : typeof v === 'object'
        ? 'an object'
        : String(v);
}

/** Reads one stored profile; throws a message naming the key and the bad field. */
export function parseProfile(key: string, text: string): Profile {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    throw new ProfileError(`${key}: expected JSON, found ${describe(text)}`);
  }
  const o = v as Record<string, unknown> | null;
  const bad = (field: string, expected: string, found: unknown): never => {
    throw new ProfileError(`${key}: ${field}: expected ${expected}, found ${describe(found)}`);
  };
  if (typeof o !== 'object' || o === null || Array.isArray(o)) return bad('profile', 'an object', o);
  if (o.version !== PROFILE_VERSION) bad('version', String(PROFILE_VERSION), o.version);
  const id = key.slice(PROFILE_KEY_PREFIX.length);
  if (o.id !== id) bad('id', JSON.stringify(id), o.id);
  if (typeof o.name !== 'string' || o.name.trim() === '') bad('name', 'a non-empty name', o.name);
  if (typeof o.createdAt !== 'string' || Number.isNaN(Date.parse(o.createdAt))) {
    bad('createdAt', 'an ISO date', o.createdAt);
  }
  const b = o.baselines;
  if (typeof b !== 'object' || b === null || Array.isArray(b)) bad('baselines', 'an object', b);
  return {
    version: PROFILE_VERSION,
    id,
    name: o.name as string,
    createdAt: o.createdAt as string,
    baselines: { ...(b as Record<string, unknown>) },
  };
}

function newId(): string {
  const c = globalThis.crypto;
  if (c && typeof c.randomUUID === 'function') return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}

export class ProfileStore {
  readonly state$: BehaviorSubject<ProfilesState>;
  private readonly onExternalChange = () => this.refresh();

  constructor(
    private readonly storage: StorageLike,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.state$ = new BehaviorSubject(this.read());
    if (typeof window !== 'undefined') {
      window.addEventListener(PROFILES_CHANGED_EVENT, this.onExternalChange);
      // Another tab of the app changed the profiles.
      window.addEventListener('storage', this.onExternalChange);
    }
  }

  get state(): ProfilesState {
    return this.state$.value;
  }

  get active(): Profile | null {
    const { profiles, activeId } = this.state;
    return profiles.find((p) => p.id === activeId) ?? null;
  }

  get(id: string): Profile | null {
    return this.state.profiles.find((p) => p.id === id) ?? null;
  }

  /** Re-reads storage (after a change elsewhere) and publishes the result. */
  refresh(): ProfilesState {
    const s = this.read();
    this.state$.next(s);
    return s;
  }

  create(name: string): Profile {
    const clean = this.checkName(name, null);
    const profile: Profile = {
      version: PROFILE_VERSION,
      id: newId(),
      name: clean,
      createdAt: this.clock().toISOString(),
      baselines: {},
    };
    this.write(profile);
    return profile;
  }

  rename(id: string, name: string): Profile {
    const p = this.require(id);
    const renamed = { ...p, name: this.checkName(name, id) };
    this.write(renamed);
    return renamed;
  }

  delete(id: string): void {
    this.require(id);
    this.storage.removeItem(PROFILE_KEY_PREFIX + id);
    if (this.state.activeId === id) this.storage.removeItem(ACTIVE_KEY);
    this.refresh();
  }

  /** Makes a profile the active one (remembered across reloads); null for none. */
  select(id: string | null): void {
    if (id === null) this.storage.removeItem(ACTIVE_KEY);
    else {
      this.require(id);
      this.guard(() => this.storage.setItem(ACTIVE_KEY, id), 'the active profile');
    }
    this.refresh();
  }

  /** Keeps `record` as the profile's baseline for its source's channel set, replacing an older one. */
  saveBaseline(id: string, record: BaselineRecord): Profile {
    const p = this.require(id);
    // A record that would not load back is refused now rather than discovered at the next session.
    parseBaselineRecord(JSON.parse(JSON.stringify(record)), `baseline for profile '${p.name}'`);
    const updated = {
      ...p,
      baselines: {
        ...p.baselines,
        [baselineKey({ kind: record.source.kind, channels: record.channels })]: record,
      },
    };
    this.write(updated);
    return updated;
  }

  /** The profile's baseline for this source's channel set: checked, or why it cannot be used; null if none. */
  baselineFor(id: string, target: BaselineTarget): BaselineLookup | null {
    const p = this.get(id);
    if (!p) return null;
    const key = baselineKey(target);
    const raw = p.baselines[key];
    if (raw === undefined) return null;
    try {
      return { record: parseBaselineRecord(raw, `profile '${p.name}', baseline for ${key}`) };
    } catch (err) {
      return { error: err instanceof Error ? err.message : String(err) };
    }
  }

  dispose(): void {
    if (typeof window !== 'undefined') {
      window.removeEventListener(PROFILES_CHANGED_EVENT, this.onExternalChange);
      window.removeEventListener('storage', this.onExternalChange);
    }
  }

  private require(id: string): Profile {
    const p = this.get(id);
    if (!p) throw new ProfileError(`no profile with id ${JSON.stringify(id)}`);
    return p;
  }

  private checkName(name: string, exceptId: string | null): string {
    const clean = name.trim().replace(/\s+/g, ' ');
    if (clean === '') throw new ProfileError('a profile needs a name');
    if (clean.length > MAX_PROFILE_NAME) {
      throw new ProfileError(
        `a profile name has at most ${MAX_PROFILE_NAME} characters, found ${clean.length}`,
      );
    }
    const taken = this.state.profiles.find(
      (p) => p.id !== exceptId && p.name.toLocaleLowerCase() === clean.toLocaleLowerCase(),
    );
    if (taken) throw new ProfileError(`a profile named '${taken.name}' already exists`);
    return clean;
  }

  private write(p: Profile): void {
    this.guard(
      () => this.storage.setItem(PROFILE_KEY_PREFIX + p.id, JSON.stringify(p)),
      `profile '${p.name}'`,
    );
    this.refresh();
  }

  private guard(fn: () => void, what: string): void {
    try {
      fn();
    } catch (err) {
      throw new ProfileError(
        `${what} could not be saved: browser storage refused it (${err instanceof Error ? err.message : String(err)})`,
      );
    }
  }

  private read(): ProfilesState {
    const profiles: Profile[] = [];
    const problems: string[] = [];
    for (const key of keysWithPrefix(this.storage, PROFILE_KEY_PREFIX).sort()) {
      const text = this.storage.getItem(key);
      if (text === null) continue;
      try {
        profiles.push(parseProfile(key, text));
      } catch (err) {
        problems.push(err instanceof Error ? err.message : String(err));
      }
    }
    profiles.sort((a, b) => a.createdAt.localeCompare(b.createdAt) || a.name.localeCompare(b.name));
    const stored = this.storage.getItem(ACTIVE_KEY);
    const activeId = stored !== null && profiles.some((p) => p.id === stored) ? stored : null;
    if (stored !== null && activeId === null) {
      problems.push(`${ACTIVE_KEY}: expected the id of a stored profile, found ${describe(stored)}`);
    }
    return { profiles, activeId, problems };
  }
}
