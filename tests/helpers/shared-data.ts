/**
 * Real recordings live beside the project in ../shared/data (or $NEUROSLEEP_DATA) and are never copied in.
 * Without them these tests skip with a message, except under CI=true where their absence is a failure.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe } from 'vitest';

export const SHARED_DATA_DIR = resolve(
  process.env.NEUROSLEEP_DATA ?? join(import.meta.dirname, '..', '..', '..', 'shared', 'data'),
);

export const sharedDataAvailable = existsSync(SHARED_DATA_DIR);

if (!sharedDataAvailable) {
  const message = `shared recordings not found at ${SHARED_DATA_DIR} (set NEUROSLEEP_DATA)`;
  if (process.env.CI === 'true') throw new Error(`${message}: under CI=true they are required`);
  console.warn(`skipping tests on real recordings: ${message}`);
}

/** `describe` that runs only when the shared recordings are present. */
export const describeShared = sharedDataAvailable ? describe : describe.skip;

export function sharedFile(...parts: string[]): string {
  return join(SHARED_DATA_DIR, ...parts);
}

/** Every shared file whose name ends with `ext`, as absolute paths, sorted. */
export function sharedFiles(ext: string): string[] {
  if (!sharedDataAvailable) return [];
  const out: string[] = [];
  for (const dir of readdirSync(SHARED_DATA_DIR, { withFileTypes: true })) {
    if (!dir.isDirectory()) continue;
    for (const f of readdirSync(join(SHARED_DATA_DIR, dir.name))) {
      if (f.toLowerCase().endsWith(ext)) out.push(join(SHARED_DATA_DIR, dir.name, f));
    }
  }
  return out.sort();
}
