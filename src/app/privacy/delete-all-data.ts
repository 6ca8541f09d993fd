/**
 * "Delete all my data": everything NeuroSleep keeps in this browser — recordings and recoveries (IndexedDB),
 * settings and local profiles with their baselines (local and session storage) and the offline cache —
 * removed at once. Brain data is sensitive data.
 */
import { countProfiles, notifyProfilesChanged } from '../../profiles/profile-store.ts';

const PREFIX = 'neurosleep';

export interface DeletionReport {
  readonly databases: string[];
  readonly caches: string[];
  readonly storageKeys: number;
  /** Local profiles (with their calibration baselines) removed; they live in localStorage. */
  readonly profiles: number;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => reject(request.error ?? new Error(`database ${name} could not be deleted`));
    // Another tab holding the database open delays deletion until it closes; it still happens.
    request.onblocked = () => resolve();
  });
}

export async function deleteAllData(): Promise<DeletionReport> {
  const databases: string[] = [];
  if (typeof indexedDB !== 'undefined' && 'databases' in indexedDB) {
    for (const db of await indexedDB.databases()) {
      if (db.name?.startsWith(PREFIX)) {
        await deleteDatabase(db.name);
        databases.push(db.name);
      }
    }
  }
  const caches_: string[] = [];
  if (typeof caches !== 'undefined') {
    for (const name of await caches.keys()) {
      if (name.startsWith(PREFIX)) {
        await caches.delete(name);
        caches_.push(name);
      }
    }
  }
  const storageKeys = localStorage.length + sessionStorage.length;
  const profiles = countProfiles(localStorage);
  localStorage.clear();
  sessionStorage.clear();
  // The open page's profile list and the baseline the session runs on follow at once.
  notifyProfilesChanged();
  return { databases, caches: caches_, storageKeys, profiles };
}
