#!/usr/bin/env node
// Runs the prebuilt CLI bundle (bin/build-cli.mjs, made by `npm ci`) while it matches the sources
// (bin/cli-bundle.mjs), otherwise the TypeScript sources directly through tsx (same dsp/ code as the app), so
// `npx neurosleep` also works with no build and never runs stale code. The bundle starts in ≈ 0.2 s of CPU and
// ≈ 57 MB instead of ≈ 1 s and ≈ 90 MB: tsx's loader runs in a second V8 isolate. NEUROSLEEP_NO_BUNDLE=1
// forces the sources.
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { freshBundle } from './cli-bundle.mjs';
import { startBundleWorker } from './cli-worker.mjs';

const args = process.argv.slice(2);
const bundle = process.env.NEUROSLEEP_NO_BUNDLE === '1' ? null : freshBundle(new URL('../', import.meta.url));
// `analyze` and `report` read a recording in a worker thread (src/cli/worker-batches.ts). Started here, it loads
// on the other core while this thread loads the CLI, and is ready ≈ 25 ms sooner than the command could have it.
const early =
  bundle !== null &&
  (args[0] === 'analyze' || args[0] === 'report') &&
  !args.includes('--help') &&
  !args.includes('-h')
    ? startBundleWorker(bundle)
    : null;
try {
  let main;
  if (bundle) {
    let offerStartedWorker;
    ({ main, offerStartedWorker } = createRequire(import.meta.url)(fileURLToPath(bundle)));
    if (early) offerStartedWorker(early);
  } else {
    const { register } = await import('tsx/esm/api');
    register();
    ({ main } = await import(new URL('../src/cli/main.ts', import.meta.url).href));
  }
  process.exitCode = await main(args);
} finally {
  // Taken or not, it is done with (a command that took it has already stopped it).
  await early?.terminate();
}
