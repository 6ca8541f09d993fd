/**
 * Batches from a worker thread, in order, with flow control: the worker blocks once its `maxAhead` batches (by
 * default {@link MAX_BATCHES_AHEAD}) are posted and undelivered, so memory stays flat whatever the file length. The
 * CLI's parsing worker (worker-read.ts) and engine worker (engine-worker.ts) run this way beside the thread that
 * consumes their batches.
 */
import { Worker, isMainThread, parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { RecordingError, type RecordingErrorInfo } from '../readers/index.ts';

const MAX_BATCHES_AHEAD = 4;
// Slots of the shared Int32Array: batches in flight, and a stop request from the consuming thread.
const IN_FLIGHT = 0;
const STOP = 1;

/** What every batch worker is given at its start; `role` says which module's worker it is. */
export interface BatchWorkerData {
  readonly role: string;
  readonly control: SharedArrayBuffer;
  /** Batches the worker may post ahead of the consuming thread before it blocks. */
  readonly maxAhead: number;
}

/**
 * A batch worker started ahead of its request: a worker takes ≈ 0.05–0.1 s to load the CLI, which it does while
 * this thread scans the file. {@link BatchWorker.run} posts the request and consumes the batches; a worker never
 * run is stopped by {@link BatchWorker.dispose}.
 */
export class BatchWorker<Request, Batch, Done> {
  private readonly control = newControl();
  private readonly worker: Worker;
  private used = false;

  constructor(moduleUrl: string, role: string, maxAhead = MAX_BATCHES_AHEAD) {
    this.worker = startBatchWorker(moduleUrl, { role, control: this.control, maxAhead });
  }

  run(request: Request, onBatch: (batch: Batch) => void | Promise<void>): Promise<Done> {
    if (this.used) throw new Error('a batch worker runs one request');
    this.used = true;
    this.worker.postMessage(request);
    return consumeBatches<Batch, Done>(this.worker, this.control, onBatch);
  }

  async dispose(): Promise<void> {
    if (!this.used) await this.worker.terminate();
  }
}

/**
 * The worker's side of {@link BatchWorker.run}: in a worker started for `role`, `serve` gets the request once this
 * thread posts it. Each worker module calls this when loaded; in any other thread it does nothing.
 */
export function serveRole<Request>(
  role: string,
  serve: (data: BatchWorkerData, request: Request) => void,
): void {
  const data = isMainThread ? null : (workerData as Partial<BatchWorkerData> | null);
  if (data?.role !== role) return;
  const port = parentPort as NonNullable<typeof parentPort>;
  port.once('message', (request: Request) => serve(data as BatchWorkerData, request));
}

/** The messages of a batch worker: batches, then one end (done, a RecordingError, or a failure). */
type EndMessage<Done> =
  | { readonly type: 'done'; readonly done: Done }
  | { readonly type: 'recording-error'; readonly info: RecordingErrorInfo }
  | { readonly type: 'failed'; readonly message: string; readonly code?: string };

type BatchMessage<Batch, Done> = { readonly type: 'batch'; readonly batch: Batch } | EndMessage<Done>;

function newControl(): SharedArrayBuffer {
  return new SharedArrayBuffer(8);
}

// A worker's garbage is short-lived (sample chunks, event batches): a young generation of 8 MB, not V8's
// default of up to 48, kept the 8 h CSV analysis at 126–130 MB peak instead of 137–138, no slower.
const resourceLimits = { maxYoungGenerationSizeMb: 8 };

/**
 * Starts a worker on `moduleUrl` (this bundle when the CLI runs bundled, else the TypeScript module through
 * tsx, as under the tests) with `data` as its workerData.
 */
function startBatchWorker(moduleUrl: string, data: BatchWorkerData): Worker {
  if (!moduleUrl.endsWith('.ts')) return new Worker(new URL(moduleUrl), { workerData: data, resourceLimits });
  return new Worker(new URL('../../bin/tsx-worker.mjs', import.meta.url), {
    workerData: { ...data, tsModule: moduleUrl },
    resourceLimits,
  });
}

/**
 * Consumes a batch worker's messages: `onBatch` for each batch (awaited before the next), and the `done`
 * value at the end. Throws the worker's RecordingError (after every batch before it), or an Error with the
 * worker's message and `code`. Always stops the worker before returning.
 */
async function consumeBatches<Batch, Done>(
  worker: Worker,
  control: SharedArrayBuffer,
  onBatch: (batch: Batch) => void | Promise<void>,
): Promise<Done> {
  const flags = new Int32Array(control);
  const inbox = new Inbox<BatchMessage<Batch, Done>>(worker);
  try {
    for (;;) {
      const m = await inbox.next();
      switch (m.type) {
        case 'batch': {
          const pending = onBatch(m.batch);
          if (pending) await pending;
          Atomics.sub(flags, IN_FLIGHT, 1);
          Atomics.notify(flags, IN_FLIGHT);
          // Let the event loop turn: V8 runs tasks of its own there (finishing incremental marking, freeing
          // array buffers). With the next batch already waiting, this loop would otherwise run on microtasks
          // alone; the 8 h EDF's peak RSS rose from ≈ 140 to 146–183 MB once rows were written synchronously.
          await new Promise<void>((resolve) => setImmediate(resolve));
          break;
        }
        case 'done':
          return m.done;
        case 'recording-error':
          throw new RecordingError(m.info);
        case 'failed':
          throw Object.assign(new Error(m.message), m.code === undefined ? {} : { code: m.code });
      }
    }
  } finally {
    Atomics.store(flags, STOP, 1);
    Atomics.notify(flags, IN_FLIGHT);
    await worker.terminate();
  }
}

/** The worker's messages in order; a worker that dies or exits early becomes a rejected `next()`. */
class Inbox<M> {
  private readonly queue: M[] = [];
  private failure: Error | null = null;
  private wake: (() => void) | null = null;

  constructor(worker: Worker) {
    worker.on('message', (m: M) => {
      this.queue.push(m);
      this.wake?.();
    });
    worker.on('error', (err: Error) => this.fail(err));
    worker.on('exit', (code) =>
      this.fail(new Error(`a worker thread of the CLI stopped (exit code ${code})`)),
    );
  }

  async next(): Promise<M> {
    for (;;) {
      const m = this.queue.shift();
      if (m) return m;
      if (this.failure) throw this.failure;
      await new Promise<void>((resolve) => (this.wake = resolve));
    }
  }

  private fail(err: Error): void {
    this.failure ??= err;
    this.wake?.();
  }
}

/** Thrown out of {@link BatchSender.send} once the consuming thread has stopped listening: unwind and return. */
export class Stopped extends Error {}

/** The worker's side: posts batches, blocking while the consumer is its `maxAhead` batches behind. */
export class BatchSender<Batch, Done> {
  private readonly flags: Int32Array;
  private readonly maxAhead: number;
  private readonly port = parentPort as NonNullable<typeof parentPort>;

  constructor(data: BatchWorkerData) {
    this.flags = new Int32Array(data.control);
    this.maxAhead = data.maxAhead;
  }

  /** Posts `batch`, moving `transfer`; throws {@link Stopped} when the consumer has gone. */
  send(batch: Batch, transfer: readonly TransferListItem[] = []): void {
    const flags = this.flags;
    Atomics.add(flags, IN_FLIGHT, 1);
    this.post({ type: 'batch', batch }, transfer);
    for (;;) {
      if (Atomics.load(flags, STOP) !== 0) throw new Stopped();
      const inFlight = Atomics.load(flags, IN_FLIGHT);
      if (inFlight < this.maxAhead) return;
      Atomics.wait(flags, IN_FLIGHT, inFlight);
    }
  }

  /** A last batch, not waited on: what came before a failure, which follows it. */
  sendLast(batch: Batch, transfer: readonly TransferListItem[] = []): void {
    this.post({ type: 'batch', batch }, transfer);
  }

  end(message: EndMessage<Done>): void {
    this.post(message);
  }

  /** Ends with `err`: a RecordingError as its info, anything else as its message and code. */
  fail(err: unknown): void {
    if (err instanceof RecordingError) return this.end({ type: 'recording-error', info: err.info() });
    const code = (err as NodeJS.ErrnoException | null)?.code;
    this.end({
      type: 'failed',
      message: err instanceof Error ? err.message : String(err),
      ...(code === undefined ? {} : { code }),
    });
  }

  private post(m: BatchMessage<Batch, Done>, transfer: readonly TransferListItem[] = []): void {
    this.port.postMessage(m, transfer);
  }
}
