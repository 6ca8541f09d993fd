/**
 * Batches from a worker thread, in order, with flow control: the worker blocks once its `maxAhead` batches (by
 * default {@link MAX_BATCHES_AHEAD}) are posted and undelivered, so memory stays flat whatever the file length. The
 * CLI's parsing worker (worker-read.ts) and engine worker (engine-worker.ts) run this way beside the thread that
 * consumes their batches.
 */
import { Worker, isMainThread, parentPort, workerData, type TransferListItem } from 'node:worker_threads';
import { WORKER_DATA, WORKER_RESOURCE_LIMITS, startBundleWorker } from '../../bin/cli-worker.mjs';
import { RecordingError, type RecordingErrorInfo } from '../readers/index.ts';

/**
 * While the consuming thread's code is still unoptimized (the first ≈ 0.3 s of an analysis) the worker gets
 * ahead; 32 batches (≈ 8 MB of a Muse CSV's samples at most) let it keep that lead to cover its own later stalls.
 * With 4 the analysing thread of an hour's CSV waited ≈ 0.13 s for batches in all, with 32 0.03–0.05 s; 64 waited
 * a little less but raised the 8 h CSV's peak RSS to 113–138 MB.
 */
const MAX_BATCHES_AHEAD = 32;
// Slots of the shared Int32Array: batches in flight, and a stop request from the consuming thread.
const IN_FLIGHT = 0;
const STOP = 1;

/** What a batch worker's `serve` is given with its request. */
export interface BatchWorkerData {
  readonly control: SharedArrayBuffer;
  /** Batches the worker may post ahead of the consuming thread before it blocks. */
  readonly maxAhead: number;
}

/**
 * The one message a batch worker gets: which module's worker it is to be, its data and the request. The role
 * comes with the request, not with the worker's start, so that a worker can be started before anyone knows
 * which it will be (bin/neurosleep.mjs starts one before it loads the CLI).
 */
interface StartMessage<Request> extends BatchWorkerData {
  readonly role: string;
  readonly request: Request;
}

/** A worker started ahead on the worker bundle, not yet taken (see {@link offerStartedWorker}). */
let startedAhead: Worker | null = null;

/**
 * Gives the next {@link BatchWorker} a worker already started on the worker bundle (bin/cli-worker.mjs):
 * bin/neurosleep.mjs starts one before it loads the CLI bundle, so the worker loads while this thread does, ≈ 25 ms
 * earlier than the command could start it. Whoever offered it terminates it if no BatchWorker took it.
 */
export function offerStartedWorker(worker: Worker): void {
  startedAhead = worker;
}

/**
 * A batch worker started ahead of its request: a worker takes ≈ 0.03–0.1 s to load, which it does while this
 * thread scans the file. {@link BatchWorker.run} posts the request and consumes the batches; a worker never
 * run is stopped by {@link BatchWorker.dispose}.
 */
export class BatchWorker<Request, Batch, Done> {
  private readonly control = newControl();
  private readonly worker: Worker;
  private used = false;

  constructor(
    moduleUrl: string,
    private readonly role: string,
    private readonly maxAhead = MAX_BATCHES_AHEAD,
  ) {
    const ahead = startedAhead;
    startedAhead = null;
    this.worker = ahead ?? startBatchWorker(moduleUrl);
  }

  run(request: Request, onBatch: (batch: Batch) => void | Promise<void>): Promise<Done> {
    if (this.used) throw new Error('a batch worker runs one request');
    this.used = true;
    const start: StartMessage<Request> = {
      role: this.role,
      control: this.control,
      maxAhead: this.maxAhead,
      request,
    };
    this.worker.postMessage(start);
    return consumeBatches<Batch, Done>(this.worker, this.control, onBatch);
  }

  async dispose(): Promise<void> {
    if (!this.used) await this.worker.terminate();
  }
}

type Serve = (data: BatchWorkerData, request: never) => void;
/** The roles this worker thread's modules serve (each worker module registers its own when loaded). */
const roles = new Map<string, Serve>();

/**
 * The worker's side of {@link BatchWorker.run}: in a batch worker asked for `role`, `serve` gets the request.
 * Each worker module calls this when loaded; in any other thread (the main one, a test runner's) it does nothing.
 */
export function serveRole<Request>(
  role: string,
  serve: (data: BatchWorkerData, request: Request) => void,
): void {
  const data = isMainThread ? null : (workerData as Partial<typeof WORKER_DATA> | null);
  if (data?.neurosleepBatchWorker !== true) return;
  if (roles.size === 0) (parentPort as NonNullable<typeof parentPort>).once('message', startServing);
  roles.set(role, serve as Serve);
}

function startServing(m: StartMessage<never>): void {
  const serve = roles.get(m.role);
  if (serve) return serve({ control: m.control, maxAhead: m.maxAhead }, m.request);
  const failed: EndMessage<never> = {
    type: 'failed',
    message: `a CLI worker serving ${[...roles.keys()].join(', ')} was asked for ${String(m.role)}`,
  };
  (parentPort as NonNullable<typeof parentPort>).postMessage(failed);
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

/**
 * Starts a batch worker: on the worker bundle beside `moduleUrl` when the CLI runs bundled, else (under the
 * tests, or with no fresh bundle) on the TypeScript module `moduleUrl` through tsx.
 */
function startBatchWorker(moduleUrl: string): Worker {
  if (!moduleUrl.endsWith('.ts')) return startBundleWorker(moduleUrl);
  return new Worker(new URL('../../bin/tsx-worker.mjs', import.meta.url), {
    workerData: { ...WORKER_DATA, tsModule: moduleUrl },
    resourceLimits: { ...WORKER_RESOURCE_LIMITS },
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
