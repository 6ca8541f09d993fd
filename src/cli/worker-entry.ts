/**
 * The worker bundle's entry (bin/build-cli.mjs): the modules whose worker threads the CLI runs. Each registers
 * its role when loaded (worker-batches.ts), and a worker takes its role from its start message.
 */
import './worker-read.ts';
import './engine-worker.ts';
