/** Types of bin/cli-worker.mjs, for src/cli/worker-batches.ts and the tests. */
import type { Worker } from 'node:worker_threads';
export declare const WORKER_BUNDLE: string;
export declare const WORKER_RESOURCE_LIMITS: Readonly<{ maxYoungGenerationSizeMb: number }>;
export declare const WORKER_DATA: Readonly<{ neurosleepBatchWorker: true }>;
export declare function startBundleWorker(bundleUrl: string | URL): Worker;
