// Starts a worker thread on a TypeScript module (`workerData.tsModule`, a file URL) through tsx, as
// bin/neurosleep.mjs does for the CLI when it runs its sources rather than the bundle (src/cli/worker-batches.ts).
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.tsModule);
