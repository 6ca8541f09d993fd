#!/usr/bin/env node
// Runs the prebuilt CLI bundle (bin/build-cli.mjs, made by `npm ci`) while it matches the sources
// (bin/cli-bundle.mjs), otherwise the TypeScript sources directly through tsx (same dsp/ code as the app), so
// `npx neurosleep` also works with no build and never runs stale code. The bundle starts in ≈ 0.2 s of CPU and
// ≈ 57 MB instead of ≈ 1 s and ≈ 90 MB: tsx's loader runs in a second V8 isolate. NEUROSLEEP_NO_BUNDLE=1
// forces the sources.
import { freshBundle } from './cli-bundle.mjs';

const bundle = process.env.NEUROSLEEP_NO_BUNDLE === '1' ? null : freshBundle(new URL('../', import.meta.url));
let main;
if (bundle) {
  ({ main } = await import(bundle));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../src/cli/main.ts', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
