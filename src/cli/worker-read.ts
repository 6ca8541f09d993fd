/**
 * Pass 2 of a recording file in a worker thread: the worker reads and parses (the same readers as
 * readRecording), the calling thread gets the events. Parsing CSV text costs about as much as the DSP, so on
 * two cores the two run side by side instead of one after the other. Events arrive in file order and exactly as
 * readRecording gives them; a malformed row still comes after every event before it, as the same RecordingError.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { isMainThread, workerData } from 'node:worker_threads';
import { createAnyParser, type ParseSummary, type RecordingScan } from '../readers/index.ts';
import type { SourceEvent } from '../source/types.ts';
import { BatchSender, BatchWorker, Stopped, requestOf, type BatchWorkerData } from './worker-batches.ts';

const ROLE = 'neurosleep-read';
/** Bytes per read: ≈ 20,000 rows of a Muse CSV, ≈ 2 minutes of 4-channel 256 Hz EDF. */
const READ_BYTES = 1 << 20;
/** Samples per channel in a batch, at most (and whatever one read gave, at least once per read). */
const BATCH_SAMPLES = 1 << 14;

interface ReadRequest {
  readonly file: string;
  readonly scan: RecordingScan;
  readonly readBytes: number;
}

export interface WorkerReadOptions {
  /** Bytes per read (tests use small ones to get many batches). */
  readonly readBytes?: number;
}

/** A worker started ahead to read one recording's pass 2 once its scan is known. */
export class RecordingReadWorker {
  private readonly worker = new BatchWorker<ReadRequest, SourceEvent[], ParseSummary>(import.meta.url, ROLE);

  /**
   * Pass 2 of `file` (scanned into `scan`). Events go to `onEvent` in file order; a returned promise is awaited
   * before the next. Rejects as readRecording does: with the RecordingError after the events before the bad
   * row, or with an Error carrying the file system's message and `code`.
   */
  read(
    file: string,
    scan: RecordingScan,
    onEvent: (e: SourceEvent) => void | Promise<void>,
    options: WorkerReadOptions = {},
  ): Promise<ParseSummary> {
    return this.worker.run({ file, scan, readBytes: options.readBytes ?? READ_BYTES }, async (events) => {
      for (const e of events) {
        const done = onEvent(e);
        if (done) await done;
      }
    });
  }

  /** Stops the worker if it never read. */
  dispose(): Promise<void> {
    return this.worker.dispose();
  }
}

/** The worker's side: reads the file synchronously (it has nothing else to do), moving sample buffers over. */
function serve(data: BatchWorkerData, request: ReadRequest): void {
  const sender = new BatchSender<SourceEvent[], ParseSummary>(data);
  let batch: SourceEvent[] = [];
  let buffers = new Set<ArrayBuffer>();
  let samples = 0;
  const send = () => {
    const events = batch;
    const transfer = [...buffers];
    batch = [];
    buffers = new Set();
    samples = 0;
    sender.send(events, transfer);
  };
  // The readers never touch an array once they have emitted it, so its buffer can move to the other thread.
  const onEvent = (e: SourceEvent) => {
    batch.push(e);
    if (e.kind === 'samples') {
      for (const d of e.data) buffers.add(d.buffer as ArrayBuffer);
      samples += e.length;
    } else if (e.kind === 'recorded-bandpowers') buffers.add(e.absolute.buffer as ArrayBuffer);
    if (samples >= BATCH_SAMPLES) send();
  };
  let fd = -1;
  try {
    const parser = createAnyParser(request.scan, onEvent);
    fd = openSync(request.file, 'r');
    for (;;) {
      // A fresh buffer per read: a parser may keep a view of the last one (a row cut by the read).
      const bytes = new Uint8Array(request.readBytes);
      const n = readSync(fd, bytes, 0, bytes.length, null);
      if (n === 0) break;
      parser.push(n === bytes.length ? bytes : bytes.subarray(0, n));
      if (batch.length > 0) send();
    }
    const summary = parser.end();
    if (batch.length > 0) send();
    sender.end({ type: 'done', done: summary });
  } catch (err) {
    if (err instanceof Stopped) return;
    // Events before a bad row first, then the error, as readRecording delivers them.
    if (batch.length > 0) sender.sendLast(batch, [...buffers]);
    sender.fail(err);
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

const data = isMainThread ? null : (workerData as Partial<BatchWorkerData> | null);
if (data?.role === ROLE) {
  void requestOf<ReadRequest>().then((request) => serve(data as BatchWorkerData, request));
}
