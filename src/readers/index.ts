/**
 * Streaming readers for Muse recordings (Mind Monitor CSV, muse-lsl CSV), in two passes over the same bytes:
 *
 *   const scan = await scanRecording(name, open);            // format, channels, rate, duration
 *   const summary = await readRecording(scan, open, onEvent); // SampleChunk / GapMarker / EventMarker / …
 *
 * `open` is called once per pass and yields the file's bytes: `() => fs.createReadStream(path)` in Node,
 * `() => streamToAsyncIterable(blob.stream())` in a browser. Nothing here touches the DOM or Node; memory stays
 * flat (one carried partial line, one 256-sample chunk being filled).
 *
 * Choices, for whoever reads the events:
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
import { createParser } from './parser.ts';
import { RecordingError } from './recording-error.ts';
import type { ParseSummary, RecordingFormat, RecordingScan } from './recording-types.ts';
import { createScanner } from './scanner.ts';
import type { SourceEvent } from '../source/types.ts';

export { createParser, CHUNK_SAMPLES, ZERO_RUN_SAMPLES, type RecordingParser } from './parser.ts';
export {
  createScanner,
  BAND_POWER_NOTE,
  GAP_THRESHOLD_S,
  MIND_MONITOR_RAW_OFFSET_UV,
  type RecordingScanner,
} from './scanner.ts';
export { RecordingError, type RecordingErrorInfo } from './recording-error.ts';
export { NOMINAL_RATES, RAW_EEG_MIN_RATE_HZ, SNAP_TOLERANCE } from './rate.ts';
export { MIND_MONITOR_BANDS } from './header.ts';
export type {
  HeadsetQuality,
  MuseLslLayout,
  ParseSummary,
  ReadPlan,
  RecordingFormat,
  RecordingScan,
} from './recording-types.ts';

export type ByteSource = () => AsyncIterable<Uint8Array>;

/** Pass 1. Rejects with a RecordingError when nothing can be read; a bad row later on is in `scan.error`. */
export async function scanRecording(
  file: string,
  open: ByteSource,
  format?: RecordingFormat,
): Promise<RecordingScan> {
  const scanner = createScanner(file, format);
  for await (const bytes of open()) scanner.push(bytes);
  return scanner.end();
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
  const parser = createParser(scan, (e) => queue.push(e));
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
