// Whether the prebuilt CLI bundle (bin/build-cli.mjs) may run: only while every source file it was built from
// still has the content it had then, so an edit, a pull or a checkout never runs old code.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';

/** Where `npm ci` (the `prepare` script) puts the bundle, relative to the repository root. */
export const BUNDLE_DIR = 'node_modules/.cache/neurosleep-cli/';

/** Whether the file at `url` exists and its SHA-256 is `sha256` (hex). */
export function sameContent(url, sha256) {
  let bytes;
  try {
    bytes = readFileSync(url);
  } catch {
    return false; // moved or deleted
  }
  return createHash('sha256').update(bytes).digest('hex') === sha256;
}

/**
 * The bundle's entry URL when `buildDir` (a URL ending in '/') holds a whole bundle (its entry and its worker
 * bundle) whose sources under `root` (a URL ending in '/') are unchanged; null when none was built (or its build failed), when the bundle is
 * damaged, or when any source changed or is gone.
 */
export function freshBundle(root, buildDir = new URL(BUNDLE_DIR, root)) {
  let manifest;
  try {
    manifest = JSON.parse(readFileSync(new URL('sources.json', buildDir), 'utf8'));
  } catch {
    return null; // no bundle: the sources run instead
  }
  if (
    typeof manifest?.entry !== 'string' ||
    !Array.isArray(manifest.sources) ||
    manifest.sources.length === 0
  )
    return null;
  const entry = new URL(manifest.entry, buildDir);
  if (!sameContent(entry, manifest.entrySha256)) return null;
  // The worker bundle (bin/cli-worker.mjs), which the CLI bundle starts beside itself.
  if (
    typeof manifest.worker !== 'string' ||
    !sameContent(new URL(manifest.worker, buildDir), manifest.workerSha256)
  )
    return null;
  for (const { path, sha256 } of manifest.sources) if (!sameContent(new URL(path, root), sha256)) return null;
  return entry.href;
}
