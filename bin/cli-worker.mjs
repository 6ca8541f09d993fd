// How the CLI starts a worker thread on its prebuilt worker bundle. Shared by bin/neurosleep.mjs, which starts one
// before it loads the CLI bundle, and src/cli/worker-batches.ts, which starts one when none was.
import { Worker } from 'node:worker_threads';

/**
 * The worker bundle, beside the CLI bundle (bin/build-cli.mjs): only the worker threads' modules, as CommonJS. A
 * worker started on it runs its first line ≈ 30 ms after `new Worker`, against ≈ 45–55 ms for the whole CLI as
 * an ES module (an ES module worker first loads Node's ES module loader).
 */
export const WORKER_BUNDLE = 'neurosleep-worker.cjs';

/**
 * A worker's garbage is short-lived (sample chunks, event batches): a young generation of 8 MB, not V8's default
 * of up to 48, kept the 8 h CSV analysis at 126–130 MB peak instead of 137–138, no slower.
 */
export const WORKER_RESOURCE_LIMITS = Object.freeze({ maxYoungGenerationSizeMb: 8 });

/** A batch worker's workerData: it marks the thread as one (src/cli/worker-batches.ts serves only in such). */
export const WORKER_DATA = Object.freeze({ neurosleepBatchWorker: true });

/** Starts a worker on the worker bundle beside the CLI bundle at `bundleUrl`; it waits for its start message. */
export function startBundleWorker(bundleUrl) {
  return new Worker(new URL(WORKER_BUNDLE, bundleUrl), {
    workerData: WORKER_DATA,
    resourceLimits: { ...WORKER_RESOURCE_LIMITS },
  });
}
