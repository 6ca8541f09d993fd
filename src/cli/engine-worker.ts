/**
 * Pass 2 of `neurosleep analyze` on an EDF/BDF recording with its DSP in a worker thread: the worker decodes the
 * file and runs the band-power engine (the same engineFor as in-thread), and this thread gets the updates to run
 * the dream model and write rows, flagging each from its own artifact detector (artifact-flags.ts). The two
 * threads then use about the same CPU (≈ 0.5 s each for an hour of Muse EDF), so on two cores they run side by
 * side instead of one after the other. Updates cross as packed float64 records, so every value arrives bit for
 * bit as the engine computed it.
 */
import type { BandPowerUpdate } from '../../dsp/band-power-engine.ts';
import type { EngineRead, EngineSink } from '../analysis/offline-analysis.ts';
import { bandNamesOf, detectorFor, engineFor, type BandPowerOptions } from '../pipeline/band-power-frames.ts';
import type { BandPowerFrame } from '../pipeline/frames.ts';
import { RecordingError, createAnyParser, type ParseSummary, type RecordingScan } from '../readers/index.ts';
import type { SourceEvent } from '../source/types.ts';
import { ArtifactFlagReader } from './artifact-flags.ts';
import { BatchSender, BatchWorker, Stopped, serveRole, type BatchWorkerData } from './worker-batches.ts';
import { readInPieces } from './node-io.ts';

const ROLE = 'neurosleep-engine';
/** Bytes per read: ≈ 2 minutes of 4-channel 256 Hz EDF. */
const READ_BYTES = 1 << 20;
/** Records per batch: ≈ 25 s of updates at 10 per second. */
const BATCH_RECORDS = 256;
/**
 * Batches the worker may run ahead of this thread: 16 (≈ 7 minutes of updates, ≈ 2 MB) rather than the parsing
 * worker's 4. At the start this thread's code is not yet optimized and falls behind; with 4 the worker then
 * stopped to wait for it (≈ 0.15 s of a profiled 1 h EDF), with 16 it runs on. Measured: 8 h EDF ≈ 3 % faster,
 * 1 h EDF 0–3 % (within the machine's noise), peak memory within ≈ 3 MB. The parsing worker keeps 4: its batches
 * are larger, and the 1 h CSV measured ≈ 5 % slower with 16.
 */
const MAX_AHEAD = 16;

// A record: what it is, its time, then an update's sample index and arrays, or a lost span's length.
const UPDATE = 0;
const LOST = 1;
const HEAD = 3;

interface EngineRequest {
  readonly file: string;
  readonly scan: RecordingScan;
  readonly options: BandPowerOptions;
  readonly readBytes: number;
}

/** Records in file order; `bands`: the engine's band names, in its order. */
interface EngineBatch {
  readonly bands: readonly string[];
  /** The engine's window, samples: the artifact flags need it. */
  readonly windowSamples: number;
  readonly records: Float64Array;
  readonly count: number;
}

/** Float64 slots of one record for `nb` bands on `nc` channels. */
function strideOf(nb: number, nc: number): number {
  return HEAD + 2 * nb * nc + 2 * nb + 2 * nc;
}

/** The worker's side: `u` as the record at `at`. */
function writeUpdate(records: Float64Array, at: number, u: BandPowerUpdate): void {
  records[at] = UPDATE;
  records[at + 1] = u.t;
  records[at + 2] = u.index;
  let p = at + HEAD;
  records.set(u.absolute, p);
  p += u.absolute.length;
  records.set(u.relative, p);
  p += u.relative.length;
  records.set(u.meanAbsolute, p);
  p += u.meanAbsolute.length;
  records.set(u.meanRelative, p);
  p += u.meanRelative.length;
  records.set(u.valid, p);
  p += u.valid.length;
  records.set(u.quality, p);
}

/** A frame's arrays in record order: its float64 arrays, then its byte arrays. */
interface FrameArrays {
  readonly floats: readonly Float64Array[];
  readonly bytes: readonly Uint8Array[];
}

function arraysOf(frame: BandPowerFrame): FrameArrays {
  return {
    floats: [frame.absolute, frame.relative, frame.meanAbsolute, frame.meanRelative],
    bytes: [frame.valid, frame.quality],
  };
}

/**
 * This thread's side: `frame` (with `arrays`, its {@link arraysOf}) rewritten with the update record at `at`,
 * flagged by `flags` (null: no detector for these channels).
 */
function readUpdate(
  records: Float64Array,
  at: number,
  frame: BandPowerFrame,
  arrays: FrameArrays,
  flags: ArtifactFlagReader | null,
): BandPowerFrame {
  const f = frame as { -readonly [K in keyof BandPowerFrame]: BandPowerFrame[K] };
  f.t = records[at + 1] as number;
  f.artifact = flags !== null && flags.flagAt(records[at + 2] as number);
  let p = at + HEAD;
  // Element by element: the arrays are short, and a subarray per array (216,000 an hour) cost more than the copy.
  // One loop per element type, indexed: a for-of over the mixed list allocated an iterator per update (≈ 7 MB an
  // hour of garbage on this thread).
  const { floats, bytes } = arrays;
  for (let k = 0; k < floats.length; k++) p = copyOut(records, p, floats[k] as Float64Array);
  for (let k = 0; k < bytes.length; k++) p = copyOutBytes(records, p, bytes[k] as Uint8Array);
  return f;
}

function copyOut(records: Float64Array, p: number, a: Float64Array): number {
  for (let i = 0; i < a.length; i++) a[i] = records[p + i] as number;
  return p + a.length;
}

function copyOutBytes(records: Float64Array, p: number, a: Uint8Array): number {
  for (let i = 0; i < a.length; i++) a[i] = records[p + i] as number;
  return p + a.length;
}

function emptyFrame(bands: readonly string[], channels: readonly string[]): BandPowerFrame {
  const nb = bands.length;
  const nc = channels.length;
  return {
    t: 0,
    origin: 'dsp',
    bands,
    channels,
    absolute: new Float64Array(nb * nc),
    relative: new Float64Array(nb * nc),
    meanAbsolute: new Float64Array(nb),
    meanRelative: new Float64Array(nb),
    valid: new Uint8Array(nc),
    quality: new Uint8Array(nc),
    artifact: false,
  };
}

/** A worker started ahead (it loads the CLI while this thread scans) to run one recording's pass 2 and DSP. */
export class EngineWorker {
  private readonly worker = new BatchWorker<EngineRequest, EngineBatch, ParseSummary>(
    import.meta.url,
    ROLE,
    MAX_AHEAD,
  );

  /**
   * Pass 2 of `file` (scanned into `scan`) through the engine `options` describe: updates and lost spans go to
   * `sink` in file order, a returned promise awaited before the next. Each frame is one object, rewritten for
   * the next update. Rejects as readRecording does: with the RecordingError after the updates before the bad
   * record, or with an Error carrying the file system's message and `code`.
   */
  readonly read: EngineRead = (scan, options, sink) => this.run(scan, options, sink);

  constructor(
    private readonly file: string,
    private readonly readBytes = READ_BYTES,
    /** Bytes per read of this thread's artifact detector; its default where undefined (artifact-flags.ts). */
    private readonly flagReadBytes?: number,
  ) {}

  private async run(scan: RecordingScan, options: BandPowerOptions, sink: EngineSink): Promise<ParseSummary> {
    const request: EngineRequest = { file: this.file, scan, options, readBytes: this.readBytes };
    let frame: BandPowerFrame | null = null;
    let arrays: FrameArrays = { floats: [], bytes: [] };
    let flags: ArtifactFlagReader | null = null;
    try {
      return await this.worker.run(request, async ({ bands, windowSamples, records, count }) => {
        if (frame === null) {
          frame = emptyFrame(bands, scan.channels);
          arrays = arraysOf(frame);
          const detector = detectorFor(scan.sampleRate, scan.channels, options);
          if (detector)
            flags = new ArtifactFlagReader(this.file, scan, detector, windowSamples, this.flagReadBytes);
        }
        const stride = strideOf(bands.length, scan.channels.length);
        for (let i = 0, at = 0; i < count; i++, at += stride) {
          if (records[at] === LOST) {
            sink.lost(records[at + 1] as number, records[at + 2] as number);
            continue;
          }
          const done = sink.update(readUpdate(records, at, frame, arrays, flags));
          if (done) await done;
        }
      });
    } finally {
      (flags as ArtifactFlagReader | null)?.close();
    }
  }

  /** Stops the worker if it never ran. */
  dispose(): Promise<void> {
    return this.worker.dispose();
  }
}

/** The worker's side: reads and decodes the file synchronously (it has nothing else to do) into the engine. */
function serve(data: BatchWorkerData, request: EngineRequest): void {
  const sender = new BatchSender<EngineBatch, ParseSummary>(data);
  const { scan } = request;
  const engine = engineFor(scan.sampleRate, scan.channels, request.options);
  const bands = bandNamesOf(engine);
  const { windowSamples } = engine;
  const stride = strideOf(bands.length, scan.channels.length);
  let records = new Float64Array(stride * BATCH_RECORDS);
  let count = 0;
  const take = (): [EngineBatch, ArrayBuffer[]] => {
    const batch = { bands, windowSamples, records, count };
    records = new Float64Array(stride * BATCH_RECORDS);
    count = 0;
    return [batch, [batch.records.buffer]];
  };
  const onUpdate = (u: BandPowerUpdate) => {
    writeUpdate(records, count * stride, u);
    if (++count === BATCH_RECORDS) sender.send(...take());
  };
  const onEvent = (e: SourceEvent) => {
    if (e.kind === 'samples') engine.push(e.data, e.length, onUpdate);
    else if (e.kind === 'gap') {
      engine.gap(e.missingSamples);
      const at = count * stride;
      records[at] = LOST;
      records[at + 1] = e.t;
      records[at + 2] = e.missingSamples;
      if (++count === BATCH_RECORDS) sender.send(...take());
    }
  };
  try {
    let summary: ParseSummary;
    try {
      const parser = createAnyParser(scan, onEvent);
      readInPieces(request.file, request.readBytes, (bytes) => parser.push(bytes));
      summary = parser.end();
    } catch (err) {
      if (!(err instanceof RecordingError)) throw err;
      // Updates before a bad record first, then the error, as readRecording delivers them.
      if (count > 0) sender.sendLast(...take());
      sender.fail(err);
      return;
    }
    if (count > 0) sender.send(...take());
    sender.end({ type: 'done', done: summary });
  } catch (err) {
    if (err instanceof Stopped) return;
    if (count > 0) sender.sendLast(...take());
    sender.fail(err);
  }
}

serveRole(ROLE, serve);
