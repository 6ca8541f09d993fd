/**
 * Pass 2 of a recording file in a worker thread: the worker reads and parses (the same readers as
 * readRecording), the calling thread gets the events. Parsing CSV text costs about as much as the DSP, so on
 * two cores the two run side by side instead of one after the other. Events arrive in file order and exactly as
 * readRecording gives them; a malformed row still comes after every event before it, as the same RecordingError.
 */
import {
  RecordingError,
  createAnyParser,
  createAnyScanner,
  decideRate,
  wholeFileRateFor,
  type AnyScanner,
  type CsvRecordingScan,
  type WholeFileRate,
  type ParseSummary,
  type RecordingErrorInfo,
  type RecordingFormat,
  type RecordingScan,
  type ScanOptions,
} from '../readers/index.ts';
import type { ArtifactSpans } from '../../dsp/artifact-spans.ts';
import type { SourceEvent } from '../source/types.ts';
import { BatchSender, BatchWorker, Stopped, serveRole, type BatchWorkerData } from './worker-batches.ts';
import { readInPieces } from './node-io.ts';
import { DetectorInWorker, type DetectorRequest, type WorkerArtifacts } from './worker-artifacts.ts';

const ROLE = 'neurosleep-read';
/** Bytes per read: ≈ 20,000 rows of a Muse CSV, ≈ 2 minutes of 4-channel 256 Hz EDF. */
const READ_BYTES = 1 << 20;
/** Samples per channel in a batch, at most (and whatever one read gave, at least once per read). */
const BATCH_SAMPLES = 1 << 14;
/**
 * Samples per channel in the first batch; each next one doubles, up to {@link BATCH_SAMPLES}. The consuming
 * thread gets to work while this one is still parsing its first megabyte with code V8 has not optimized yet.
 */
const FIRST_BATCH_SAMPLES = 1 << 10;

interface ReadRequest {
  readonly file: string;
  readonly scan: RecordingScan;
  readonly readBytes: number;
  readonly wholeFileScan?: WholeFileScanRequest;
  readonly artifacts?: DetectorRequest;
}

/** How to scan the file as pass 1 would (scanRecording's arguments). */
export interface WholeFileScanRequest {
  readonly format?: RecordingFormat;
  readonly options: ScanOptions;
}

/**
 * What pass 1 over the whole file says of a pass 2 that started from a scan of the file's head: `headHolds`
 * when its rate decision, made from the data rows pass 2 read, is the head scan's (so is every other part of
 * the reading plan, which comes from the header); otherwise the whole-file scan, or the RecordingError pass 1
 * throws, from a scan of the file.
 */
export type WholeFileVerdict =
  { readonly headHolds: true } | { readonly scan: RecordingScan } | { readonly error: RecordingError };

export interface WorkerReadOptions {
  /** Bytes per read (tests use small ones to get many batches). */
  readonly readBytes?: number;
  /**
   * For a pass 2 that started from a scan of a CSV file's head: `onWholeFile` gets the verdict after the last
   * event and before `read` settles. It is not called when reading itself failed (a file system error).
   */
  readonly wholeFileScan?: WholeFileScanRequest & {
    readonly onWholeFile: (verdict: WholeFileVerdict) => void;
  };
  /**
   * Runs the blink / jaw-clench detector in the worker (worker-artifacts.ts): each batch's spans go to
   * `artifacts.flags` before its events go to `onEvent`, and the worker waits for `artifacts.decide` before its
   * first batch.
   */
  readonly artifacts?: WorkerArtifacts;
}

/** A batch: events in file order (with their artifact spans when the worker detects), or (last) the whole-file verdict. */
type ReadBatch =
  | SourceEvent[]
  | { readonly events: SourceEvent[]; readonly spans: ArtifactSpans }
  | { readonly headHolds: true }
  | { readonly wholeFile: RecordingScan }
  | { readonly wholeFileError: RecordingErrorInfo };

/** A worker started ahead to read one recording's pass 2 once its scan is known. */
export class RecordingReadWorker {
  private readonly worker = new BatchWorker<ReadRequest, ReadBatch, ParseSummary>(import.meta.url, ROLE);

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
    const whole = options.wholeFileScan;
    const artifacts = options.artifacts;
    const request: ReadRequest = {
      file,
      scan,
      readBytes: options.readBytes ?? READ_BYTES,
      ...(whole ? { wholeFileScan: { format: whole.format, options: whole.options } } : {}),
      ...(artifacts ? { artifacts: artifacts.request } : {}),
    };
    return this.worker.run(request, async (batch) => {
      let events: SourceEvent[];
      if (Array.isArray(batch)) {
        if (artifacts) throw new Error('the parsing worker sent events without their artifact spans');
        events = batch;
      } else if ('events' in batch) {
        if (!artifacts) throw new Error('the parsing worker sent artifact spans no one asked for');
        artifacts.flags.add(batch.spans);
        events = batch.events;
      } else {
        whole?.onWholeFile(
          'headHolds' in batch
            ? batch
            : 'wholeFile' in batch
              ? { scan: batch.wholeFile }
              : { error: new RecordingError(batch.wholeFileError) },
        );
        return;
      }
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

/** Pass 1 over all of `file`: the scan, or its RecordingError, as a batch. */
function scanWholeFile(file: string, request: WholeFileScanRequest, readBytes: number): ReadBatch {
  const scanner: AnyScanner = createAnyScanner(file, request.format, request.options);
  try {
    readInPieces(file, readBytes, (bytes) => scanner.push(bytes));
    return { wholeFile: scanner.end() };
  } catch (err) {
    if (err instanceof RecordingError) return { wholeFileError: err.info() };
    throw err;
  }
}

/**
 * Pass 1's rate decision from the data rows pass 2 read: a parser accepts no row the scanner rejects, so after
 * a clean pass 2 these are exactly the rows pass 1 measures.
 */
function headHolds(scan: CsvRecordingScan, rate: WholeFileRate): boolean {
  const plan = scan.plan;
  const d = decideRate(
    rate,
    scan.format === 'mind-monitor',
    plan.eegColumns.some((k) => k >= 0),
    plan.bandColumns.some((k) => k >= 0),
  );
  return typeof d !== 'string' && d.sampleRate === scan.sampleRate && d.hasRawEeg === scan.hasRawEeg;
}

/** The worker's side: reads the file synchronously (it has nothing else to do), moving sample buffers over. */
function serve(data: BatchWorkerData, request: ReadRequest): void {
  const sender = new BatchSender<ReadBatch, ParseSummary>(data);
  const detector = request.artifacts ? new DetectorInWorker(request.artifacts, request.scan) : null;
  let batch: SourceEvent[] = [];
  let buffers = new Set<ArrayBuffer>();
  let samples = 0;
  let batchSamples = FIRST_BATCH_SAMPLES;
  /** The batch as sent: with its spans when this worker detects. */
  const take = (): ReadBatch => {
    const events = batch;
    batch = [];
    samples = 0;
    batchSamples = Math.min(BATCH_SAMPLES, 2 * batchSamples);
    if (detector === null) return events;
    const spans = detector.spansOf(events);
    if (spans === null) throw new Stopped(); // released undecided: the run ended before it took a batch
    return { events, spans };
  };
  const transfer = (): ArrayBuffer[] => {
    const moved = [...buffers];
    buffers = new Set();
    return moved;
  };
  const send = () => {
    const out = take();
    sender.send(out, transfer());
  };
  // The readers never touch an array once they have emitted it, so its buffer can move to the other thread.
  const onEvent = (e: SourceEvent) => {
    batch.push(e);
    if (e.kind === 'samples') {
      for (const d of e.data) buffers.add(d.buffer as ArrayBuffer);
      samples += e.length;
    } else if (e.kind === 'recorded-bandpowers') buffers.add(e.absolute.buffer as ArrayBuffer);
    if (samples >= batchSamples) send();
  };
  const { scan, wholeFileScan: whole } = request;
  const rate = whole && 'plan' in scan ? wholeFileRateFor(scan.format === 'mind-monitor') : null;
  try {
    let summary: ParseSummary | null = null;
    let failure: RecordingError | null = null;
    try {
      const parser = createAnyParser(scan, onEvent, rate ?? undefined);
      readInPieces(request.file, request.readBytes, (bytes) => {
        parser.push(bytes);
        if (batch.length > 0) send();
      });
      summary = parser.end();
    } catch (err) {
      if (!(err instanceof RecordingError)) throw err;
      failure = err;
    }
    if (failure === null) {
      if (batch.length > 0) send();
    } else {
      // Events before a bad row first, then the error, as readRecording delivers them.
      if (batch.length > 0) sender.sendLast(take(), transfer());
    }
    if (whole) {
      // After a bad row, pass 1 measured rows pass 2 never reached: only a scan of the whole file can tell.
      const holds = failure === null && rate !== null && headHolds(scan as CsvRecordingScan, rate);
      sender.sendLast(holds ? { headHolds: true } : scanWholeFile(request.file, whole, request.readBytes));
    }
    if (failure !== null) sender.fail(failure);
    else sender.end({ type: 'done', done: summary as ParseSummary });
  } catch (err) {
    if (err instanceof Stopped) return;
    sendLastAfter(err);
  }

  /** Ends with `err` (not bad input: a file system error, say), after the events parsed before it. */
  function sendLastAfter(err: unknown): void {
    try {
      if (batch.length > 0) sender.sendLast(take(), transfer());
    } catch (second) {
      if (second instanceof Stopped) return;
      throw second;
    }
    sender.fail(err);
  }
}

serveRole(ROLE, serve);
