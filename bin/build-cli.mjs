#!/usr/bin/env node
// Builds the `neurosleep` CLI into one CommonJS file, and its worker threads' modules into another beside it
// (bin/cli-worker.mjs), in node_modules/.cache/neurosleep-cli/ (ignored by git, ESLint and Prettier, and rebuilt by
// every `npm ci`, which empties node_modules), through the `prepare` script that `npm ci` / `npm install` run.
// bin/neurosleep.mjs runs it only while every source file it was built from still has the content it had then
// (SHA-256 of each, recorded here in sources.json, checked by bin/cli-bundle.mjs), and otherwise runs the
// TypeScript sources through tsx as before: an edit, a pull or a checkout never runs old code, it only costs the
// slower start. Why: tsx's loader runs in a second V8 isolate, ≈ 1 s of CPU and ≈ 90 MB before any work
// (bench/README.md). Packages (fili, fft.js) are bundled too, and their files hashed like the sources: each thread
// (the CLI runs one or two workers) then loads one module instead of resolving and pre-parsing CommonJS packages,
// ≈ 15 ms less per thread.
//
// A failed build is reported and leaves no bundle (the CLI then runs through tsx); it does not fail the install.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BUNDLE_DIR } from './cli-bundle.mjs';
import { WORKER_BUNDLE } from './cli-worker.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
// An other directory (tests build into their own) may be given; it must lie under node_modules/ or the
// repository, so that the bundle's package imports resolve.
const outDir = resolve(root, process.argv[2] ?? BUNDLE_DIR);
// CommonJS, like the worker bundle: Node loads it in ≈ 14 ms where the same code as an ES module took ≈ 21.
const ENTRY = 'neurosleep.cjs';

const fileSha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Records the SHA-256 of each file bundled (sources and packages) exactly as the bundler read it (before any transform). */
function sourceHashes(hashes) {
  return {
    name: 'neurosleep-source-hashes',
    enforce: 'pre',
    transform(code, id) {
      if (id.startsWith('\0') || !id.startsWith(root)) return null;
      const path = relative(root, id.split('?')[0]).split(sep).join('/');
      hashes.set(path, createHash('sha256').update(code).digest('hex'));
      return null;
    },
  };
}

/** Bundles `entry` into `outDir` as `fileName`, recording its sources' hashes into `hashes`. */
async function bundle(entry, fileName, format, hashes, emptyOutDir) {
  const { build } = await import('vite');
  await build({
    root,
    configFile: false,
    publicDir: false,
    logLevel: 'warn',
    plugins: [sourceHashes(hashes)],
    build: {
      ssr: join(root, 'src', 'cli', entry),
      outDir,
      emptyOutDir,
      target: 'node20',
      minify: false,
      sourcemap: false,
      rollupOptions: { output: { entryFileNames: fileName, format } },
    },
    ssr: { noExternal: ['fili', 'fft.js'] },
  });
}

async function buildCli() {
  const hashes = new Map();
  rmSync(outDir, { recursive: true, force: true });
  await bundle('main.ts', ENTRY, 'cjs', hashes, true);
  // The worker threads load their own, smaller bundle (bin/cli-worker.mjs says why it is CommonJS).
  await bundle('worker-entry.ts', WORKER_BUNDLE, 'cjs', hashes, false);
  if (hashes.size === 0) throw new Error('the bundler reported no source files');
  const manifest = {
    entry: ENTRY,
    entrySha256: fileSha256(join(outDir, ENTRY)),
    worker: WORKER_BUNDLE,
    workerSha256: fileSha256(join(outDir, WORKER_BUNDLE)),
    sources: [...hashes].sort(([a], [b]) => a.localeCompare(b)).map(([path, sha256]) => ({ path, sha256 })),
  };
  // The manifest is what makes the bundle usable, so it appears last and whole.
  mkdirSync(outDir, { recursive: true });
  const tmp = join(outDir, 'sources.json.tmp');
  writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  renameSync(tmp, join(outDir, 'sources.json'));
  return manifest.sources.length;
}

try {
  const n = await buildCli();
  process.stderr.write(`build-cli: ${relative(root, join(outDir, ENTRY))} from ${n} source files\n`);
} catch (err) {
  rmSync(outDir, { recursive: true, force: true });
  process.stderr.write(
    `build-cli: warning: the CLI bundle was not built (${err instanceof Error ? err.message : String(err)}); ` +
      'neurosleep will run its TypeScript sources through tsx\n',
  );
}
