/**
 * Streaming readers for recordings (Mind Monitor CSV, muse-lsl CSV, EDF/EDF+, BDF/BDF+), in two passes over
 * the same bytes:
 *
 *   const scan = await scanRecording(name, open);            // format, channels, rate, duration
 *   const summary = await readRecording(scan, open, onEvent); // SampleChunk / GapMarker / EventMarker / …
 *
 * `open` is called once per pass and yields the file's bytes: `() => fs.createReadStream(path)` in Node,
 * `() => streamToAsyncIterable(blob.stream())` in a browser. Nothing here touches the DOM or Node; memory stays
 * flat (one carried partial line, one 256-sample chunk being filled).
 *
 * The format is sniffed from content: EDF starts "0       ", BDF "\xFFBIOSEMI", OpenBCI GUI "%OpenBCI" (see
 * openbci.ts), a BrainFlow Muse file by its first line of 7 or 8 tab-separated numbers (brainflow.ts), anything
 * else is read as CSV.
 * EDF/BDF choices (channels, scaling, gaps, annotations, truncation) are documented in edf-reader.ts.
 *
 * CSV choices, for whoever reads the events:
 * - Format comes from the header line; columns are found by name. Only TP9/AF7/AF8/TP10 (or whatever
 *   electrodes a muse-lsl file names) are channels: AUX columns are listed in `scan.ignoredColumns`, not read.
 * - Sample times are `index / sampleRate` from the first data row, never timestamps. The rate is a nominal
 *   Muse rate when the whole file fits it (see rate.ts), never taken from row-to-row differences.
 * - Mind Monitor RAW is centred: 1682.815 / 2 µV subtracted, as muse-js and muse-lsl are centred on zero.
 * - Gaps: a row stamped ≥ 0.1 s (Mind Monitor: 0.1 s + one 12-sample packet) ahead of the sample clock
 *   starts a GapMarker of round(excess × rate) samples; the index continues after them (gap-clock.ts).
 * - 12 or more consecutive exact zeros on one channel are a lost packet the recorder filled: NaN, counted in
 *   `ParseSummary.zeroFilledRuns`. A gap ends a run. Empty, NaN and ±Inf fields are NaN too (`missingValues`);
 *   anything else that is not a number in an EEG or band column is an error.
 * - Markers (muse-lsl non-zero Marker* values, Mind Monitor Elements) are emitted right after the chunk that
 *   holds their sample, so consumers see them in stream order; an Elements-only row sits before the next
 *   sample. Mind Monitor 1 row/s files emit RecordedBandPowers per row, at file time from the first row.
 * - Errors are RecordingErrors `FILE:LINE: expected …, found …`. Everything before the bad row is delivered
 *   first: a bad row ends the scan (`scan.error`), pass 2 delivers up to it and then throws.
 */
import { createParser, type RowTimeSink } from './parser.ts';
import { RecordingError } from './recording-error.ts';
import type { EdfRecordingScan, ParseSummary, RecordingFormat, RecordingScan } from './recording-types.ts';
import { createScanner } from './scanner.ts';
import { sniffEdf } from './edf-header.ts';
import { createEdfParser, createEdfScanner, type EdfScanOptions } from './edf-reader.ts';
import { createOpenBciParser, createOpenBciScanner, sniffOpenBci } from './openbci.ts';
import { createBrainFlowParser, createBrainFlowScanner, sniffBrainFlow } from './brainflow.ts';
import type { SourceEvent } from '../source/types.ts';
import { narrowEvents, selectScanChannels, wholeFileScan } from './channel-selection.ts';

export {
  createParser,
  CHUNK_SAMPLES,
  ZERO_RUN_SAMPLES,
  type RecordingParser,
  type RowTimeSink,
} from './parser.ts';
export {
  createScanner,
  BAND_POWER_NOTE,
  GAP_THRESHOLD_S,
  MIND_MONITOR_RAW_OFFSET_UV,
  decideRate,
  wholeFileRateFor,
  type RateDecision,
  type RecordingScanner,
} from './scanner.ts';
export { RecordingError, recordingErrorMessage, type RecordingErrorInfo } from './recording-error.ts';
export {
  createEdfParser,
  createEdfScanner,
  ANNOTATION_ONLY_NOTE,
  type EdfScanOptions,
} from './edf-reader.ts';
export { normalizeLabel, sniffEdf, MAX_SIGNALS, MAX_RECORD_SAMPLES } from './edf-header.ts';
export { selectScanChannels, type ChannelSelection } from './channel-selection.ts';
export { sameReadingPlan } from './reading-plan.ts';
export { NOMINAL_RATES, RAW_EEG_MIN_RATE_HZ, SNAP_TOLERANCE, type WholeFileRate } from './rate.ts';
export { MIND_MONITOR_BANDS } from './header.ts';
export type {
  CsvRecordingFormat,
  CsvRecordingScan,
  EdfPlan,
  EdfRecordingFormat,
  EdfRecordingScan,
  EdfSignal,
  EdfSignalRole,
  EdfVariant,
  BrainFlowRecordingScan,
  HeadsetQuality,
  OpenBciRecordingScan,
  TablePlan,
  MuseLslLayout,
  ParseSummary,
  ReadPlan,
  RecordingFormat,
  RecordingScan,
} from './recording-types.ts';

export type ByteSource = () => AsyncIterable<Uint8Array>;

/** Options of pass 1: `channels` selects channels by label, in every format. */
export type ScanOptions = EdfScanOptions;

/** Pass 1 for any format: sniffs EDF/BDF from the first 8 bytes, else reads CSV. */
export interface AnyScanner {
  push(bytes: Uint8Array): void;
  end(): RecordingScan;
}

/** A scanner that picks its format from content (EDF "0       ", BDF "\xFFBIOSEMI", else CSV) unless told. */
export function createAnyScanner(
  file: string,
  format?: RecordingFormat,
  options: ScanOptions = {},
): AnyScanner {
  let inner: AnyScanner | null = null;
  let head = new Uint8Array(0);
  const choose = (bytes: Uint8Array): AnyScanner => {
    const kind =
      format ??
      sniffEdf(bytes) ??
      (sniffOpenBci(bytes) ? 'openbci' : sniffBrainFlow(bytes) ? 'brainflow' : undefined);
    if (kind === 'edf' || kind === 'bdf') return createEdfScanner(file, options);
    const table: AnyScanner =
      kind === 'openbci'
        ? createOpenBciScanner(file)
        : kind === 'brainflow'
          ? createBrainFlowScanner(file)
          : createScanner(file, kind);
    const channels = options.channels;
    if (!channels || channels.length === 0) return table;
    return { push: (bytes) => table.push(bytes), end: () => selectScanChannels(table.end(), channels) };
  };
  return {
    push(bytes) {
      if (inner) return inner.push(bytes);
      const joined = new Uint8Array(head.length + bytes.length);
      joined.set(head);
      joined.set(bytes, head.length);
      if (joined.length < SNIFF_BYTES && format === undefined) {
        head = joined;
        return;
      }
      inner = choose(joined);
      head = new Uint8Array(0);
      inner.push(joined);
    },
    end() {
      if (!inner) {
        inner = choose(head);
        if (head.length > 0) inner.push(head);
      }
      return inner.end();
    },
  };
}

/** Enough for EDF/BDF/OpenBCI signatures and a BrainFlow first line. */
const SNIFF_BYTES = 512;

/**
 * Pass 1. Rejects with a RecordingError when nothing can be read; a bad row or record later on is in
 * `scan.error`. `options.channels` picks channels by label (EDF/BDF signals, table columns).
 */
export async function scanRecording(
  file: string,
  open: ByteSource,
  format?: RecordingFormat,
  options: ScanOptions = {},
): Promise<RecordingScan> {
  const scanner = createAnyScanner(file, format, options);
  for await (const bytes of open()) scanner.push(bytes);
  return scanner.end();
}

/** Pass 2's parser for the scan's format; `rowTimes` as createParser's, for CSV only. */
export function createAnyParser(
  scan: RecordingScan,
  onEvent: (e: SourceEvent) => void,
  rowTimes?: RowTimeSink,
): { push(bytes: Uint8Array): void; end(): ParseSummary } {
  if (isEdfScan(scan)) return createEdfParser(scan, onEvent);
  const sink = scan.selection ? narrowEvents(scan.selection, onEvent) : onEvent;
  const whole = wholeFileScan(scan);
  if ('table' in whole) return createOpenBciParser(whole, sink);
  if ('board' in whole) return createBrainFlowParser(whole, sink);
  return createParser(whole, sink, rowTimes);
}

export function isEdfScan(scan: RecordingScan): scan is EdfRecordingScan {
  return 'edf' in scan;
}

/**
 * Pass 2. Events go to `onEvent` in file order; a returned promise is awaited before reading on (back-pressure).
 * On bad input every event before the bad row is delivered, then the RecordingError is thrown.
 */
export async function readRecording(
  scan: RecordingScan,
  open: ByteSource,
  onEvent: (e: SourceEvent) => void | Promise<void>,
): Promise<ParseSummary> {
  // The parser is synchronous; events of one block of bytes are queued, then handed over one by one.
  const queue: SourceEvent[] = [];
  const parser = createAnyParser(scan, (e) => queue.push(e));
  const deliver = async () => {
    for (let i = 0; i < queue.length; i++) {
      const done = onEvent(queue[i] as SourceEvent);
      if (done) await done;
    }
    queue.length = 0;
  };
  for await (const bytes of open()) {
    const failure = parseStep(() => parser.push(bytes));
    await deliver();
    if (failure instanceof RecordingError) throw failure;
  }
  const summary = parseStep(() => parser.end());
  await deliver();
  if (summary instanceof RecordingError) throw summary;
  return summary;
}

/** Runs a parser step; its RecordingError is returned, to be thrown once the events before it are delivered. */
function parseStep<T>(step: () => T): T | RecordingError {
  try {
    return step();
  } catch (err) {
    if (err instanceof RecordingError) return err;
    throw err;
  }
}

/** Iterates a web `ReadableStream` with a reader (not every browser makes streams async-iterable). */
export async function* streamToAsyncIterable(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } catch (err) {
    finished = true; // an errored stream has nothing left to cancel
    throw err;
  } finally {
    // Stopping early (break, a throw in the loop body) cancels the stream so the file is released.
    if (!finished) await reader.cancel();
    reader.releaseLock();
  }
}

export {
  readAnnotations,
  readHypnogram,
  hypnogramFrom,
  type Annotation,
  type AnnotationList,
  type Hypnogram,
  type HypnogramStage,
  type SleepStage,
} from './annotations.ts';
