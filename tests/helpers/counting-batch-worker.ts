/**
 * A batch worker for tests of the flow control (src/cli/worker-batches.ts): asked for `batches` batches, it posts
 * them as fast as it can, counting each in `posted[0]` before it is sent, so the test can see how far ahead of
 * its consumer the worker got.
 */
import { Worker } from 'node:worker_threads';
import { WORKER_DATA } from '../../bin/cli-worker.mjs';
import { BatchSender, BatchWorker, Stopped, serveRole } from '../../src/cli/worker-batches.ts';

const ROLE = 'neurosleep-test-counting';

interface CountingRequest {
  readonly batches: number;
  readonly posted: SharedArrayBuffer;
}

/**
 * A worker that will post `request.batches` numbered batches, at most `maxAhead` ahead of its consumer; `role`
 * (default this module's) is what it is asked to be.
 */
export function countingWorker(maxAhead?: number, role = ROLE): BatchWorker<CountingRequest, number, number> {
  return new BatchWorker<CountingRequest, number, number>(import.meta.url, role, maxAhead);
}

/** A batch worker thread on this module, started as bin/neurosleep.mjs starts one ahead (but through tsx). */
export function startCountingThread(): Worker {
  return new Worker(new URL('../../bin/tsx-worker.mjs', import.meta.url), {
    workerData: { ...WORKER_DATA, tsModule: import.meta.url },
  });
}

serveRole<CountingRequest>(ROLE, (data, request) => {
  const sender = new BatchSender<number, number>(data);
  const posted = new Int32Array(request.posted);
  try {
    for (let k = 0; k < request.batches; k++) {
      Atomics.add(posted, 0, 1);
      sender.send(k);
    }
    sender.end({ type: 'done', done: request.batches });
  } catch (err) {
    if (!(err instanceof Stopped)) throw err;
  }
});
