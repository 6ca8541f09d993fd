/**
 * Pass 2: turns rows into `SourceEvent`s with the scan's rate and columns. Samples are written straight from
 * the bytes into per-chunk Float32Arrays (no object per row); a chunk holds up to 256 samples. Gaps are found
 * against the sample clock, zero-filled packets become NaN, markers follow the chunk that contains them.
 */
import { GapClock } from './gap-clock.ts';
import { LineSplitter } from './line-splitter.ts';
import { RecordingError, quoteText } from './recording-error.ts';
import type { CsvRecordingScan, ParseSummary } from './recording-types.ts';
import type { RowFields } from './row-fields.ts';
import { markerLabel, rowFieldsFor } from './scanner.ts';
import type { EventMarker, SourceEvent } from '../source/types.ts';
import { guardedLines } from './guarded-lines.ts';

export const CHUNK_SAMPLES = 256;
/** A lost BLE packet is 12 samples; recorders that fill it write exact zeros, which real EEG never holds
 * for that long. Shorter runs of zeros are kept as real values. */
export const ZERO_RUN_SAMPLES = 12;

export interface RecordingParser {
  push(bytes: Uint8Array): void;
  /** Delivers what is still buffered and returns the totals. */
  end(): ParseSummary;
}

interface PendingMarker {
  readonly index: number;
  readonly event: EventMarker;
}

/** What takes each data row's time (s), as pass 1's rate meter does (rate.ts WholeFileRate). */
export interface RowTimeSink {
  add(t: number): void;
}

/**
 * `rowTimes` gets the time of every data row, exactly the rows pass 1 measures the rate from: a pass 2
 * started from a scan of the file's head decides the whole file's rate from them (scanner.ts decideRate).
 */
export function createParser(
  scan: CsvRecordingScan,
  onEvent: (e: SourceEvent) => void,
  rowTimes?: RowTimeSink,
): RecordingParser {
  const plan = scan.plan;
  const fs = scan.sampleRate;
  const nch = scan.channels.length;
  const eegColumns = Int32Array.from(plan.eegColumns);
  const offset = plan.eegOffsetUv;
  const mm = scan.format === 'mind-monitor';
  const fields: RowFields = rowFieldsFor(scan.file, plan, [...plan.eegColumns, ...plan.bandColumns]);
  const clock = new GapClock(fs, plan.gapThresholdS);
  const values = new Float64Array(nch);
  // The current row's time, s. Passed as an argument to a call V8 does not inline, a double is boxed: 16 bytes a
  // row, ≈ 15 MB an hour of muse-lsl CSV in the parsing worker.
  const rowTime = new Float64Array(1);
  const runs = new Int32Array(nch);
  const pending: PendingMarker[] = [];
  // Marker labels of the current row (reused: most rows have none).
  const labels: string[] = [];
  const warnings: string[] = [];

  let headerSeen = false;
  let data = newChunk();
  let filled = 0;
  let chunkIndex = 0;
  let index = 0;
  let rows = 0;
  let markers = 0;
  let gaps = 0;
  let gapSamples = 0;
  let zeroFilledRuns = 0;
  let zeroFilledSamples = 0;
  let skippedRows = 0;
  let bandOrigin = NaN;

  // One buffer per chunk, a view of it per channel: one allocation instead of one per channel, and one buffer
  // for the CLI's parsing worker to move to the analysing thread (cli/worker-read.ts).
  function newChunk(): Float32Array[] {
    const buffer = new ArrayBuffer(nch * CHUNK_SAMPLES * Float32Array.BYTES_PER_ELEMENT);
    const chunk: Float32Array[] = [];
    for (let c = 0; c < nch; c++)
      chunk.push(new Float32Array(buffer, c * CHUNK_SAMPLES * Float32Array.BYTES_PER_ELEMENT, CHUNK_SAMPLES));
    return chunk;
  }

  function emitMarkersBefore(limit: number): void {
    let n = 0;
    while (n < pending.length && (pending[n] as PendingMarker).index < limit) n++;
    if (n === 0) return;
    const ready = pending.splice(0, n);
    for (const m of ready) onEvent(m.event);
  }

  /** Emits the first `length` buffered samples; the rest start the next chunk. */
  function emitSamples(length: number): void {
    if (length > 0) {
      const out = length === CHUNK_SAMPLES ? data : data.map((d) => d.subarray(0, length));
      const next = newChunk();
      const rest = filled - length;
      if (rest > 0)
        for (let c = 0; c < nch; c++)
          (next[c] as Float32Array).set((data[c] as Float32Array).subarray(length, filled));
      onEvent({ kind: 'samples', t0: chunkIndex / fs, index: chunkIndex, sampleRate: fs, data: out, length });
      data = next;
      filled = rest;
      chunkIndex += length;
    }
    emitMarkersBefore(chunkIndex);
  }

  /** Emits everything buffered, zeros of unfinished runs as the values they are. */
  function flushAll(): void {
    emitSamples(filled);
    emitMarkersBefore(Infinity);
  }

  function queueMarker(at: number, label: string): void {
    markers++;
    pending.push({ index: at, event: { kind: 'marker', t: at / fs, label } });
  }

  /** The row just split, stamped {@link rowTime}. */
  function sampleRow(): void {
    const t = rowTime[0] as number;
    fields.valuesInto(eegColumns, values);
    const missing = clock.missingBefore(t, index);
    if (missing > 0) {
      flushAll();
      onEvent({
        kind: 'gap',
        t: index / fs,
        index,
        missingSamples: missing,
        reason: `timestamps run ${(missing / fs).toFixed(3)} s ahead of the sample clock at line ${fields.line}`,
      });
      gaps++;
      gapSamples += missing;
      index += missing;
      chunkIndex = index;
      runs.fill(0);
    }
    for (let c = 0; c < nch; c++) {
      const v = values[c] as number;
      const column = data[c] as Float32Array;
      if (v === 0) {
        const run = (runs[c] as number) + 1;
        runs[c] = run;
        if (run >= ZERO_RUN_SAMPLES) {
          if (run === ZERO_RUN_SAMPLES) {
            column.fill(NaN, filled - (ZERO_RUN_SAMPLES - 1), filled);
            zeroFilledRuns++;
            zeroFilledSamples += ZERO_RUN_SAMPLES;
          } else zeroFilledSamples++;
          column[filled] = NaN;
          continue;
        }
      } else runs[c] = 0;
      column[filled] = v - offset;
    }
    filled++;
    index++;
    rows++;
    for (const label of labels) queueMarker(index - 1, label);
    if (filled === CHUNK_SAMPLES) {
      // Zeros that may yet become a 12-sample run stay behind, so the whole run can still turn to NaN.
      let hold = 0;
      for (let c = 0; c < nch; c++) {
        const run = runs[c] as number;
        if (run < ZERO_RUN_SAMPLES && run > hold) hold = run;
      }
      emitSamples(CHUNK_SAMPLES - hold);
    }
  }

  function bandRow(t: number): void {
    const columns = plan.bandColumns;
    const absolute = new Float32Array(columns.length);
    for (let i = 0; i < columns.length; i++) {
      const k = columns[i] as number;
      absolute[i] = k < 0 ? NaN : fields.value(k);
    }
    // Mind Monitor writes 0 in every band of an electrode it has no reading for (HSI 4): that is missing.
    const bands = columns.length / nch;
    for (let c = 0; c < nch; c++) {
      let allZero = true;
      for (let b = 0; b < bands && allZero; b++) allZero = absolute[b * nch + c] === 0;
      if (allZero) for (let b = 0; b < bands; b++) absolute[b * nch + c] = NaN;
    }
    if (bandOrigin !== bandOrigin) bandOrigin = t;
    rows++;
    onEvent({ kind: 'recorded-bandpowers', t: t - bandOrigin, absolute });
  }

  function bandMarker(t: number, label: string): void {
    markers++;
    // Before the first data row there is no session time yet: such events sit at its start.
    onEvent({ kind: 'marker', t: bandOrigin === bandOrigin ? Math.max(0, t - bandOrigin) : 0, label });
  }

  function hasAnyValue(columns: readonly number[]): boolean {
    for (const k of columns) if (!fields.isEmpty(k)) return true;
    return false;
  }

  const onLine = (buf: Uint8Array, start: number, end: number, line: number, byteOffset: number) => {
    if (!headerSeen) {
      headerSeen = true;
      const header = new TextDecoder().decode(buf.subarray(start, end));
      if (header !== plan.header) {
        throw new RecordingError({
          file: scan.file,
          line,
          byteOffset,
          expected: `the header the scan read (${quoteText(plan.header)})`,
          found: `${quoteText(header)}: did the file change between the two passes?`,
        });
      }
      return;
    }
    fields.split(buf, start, end, line, byteOffset);
    const t = fields.time();
    // Most rows have no label, and setting an array's length costs even when it does not change.
    if (labels.length !== 0) labels.length = 0;
    if (mm) {
      if (plan.elementsColumn >= 0 && !fields.isEmpty(plan.elementsColumn)) {
        labels.push(fields.text(plan.elementsColumn));
      }
      if (!hasAnyValue(plan.dataColumns)) {
        if (labels.length === 0) skippedRows++;
        else if (scan.hasRawEeg) queueMarker(index, labels[0] as string);
        else bandMarker(t, labels[0] as string);
        return;
      }
      rowTimes?.add(t);
      rowTime[0] = t;
      if (scan.hasRawEeg) sampleRow();
      else {
        bandRow(t);
        for (const label of labels) bandMarker(t, label);
      }
      return;
    }
    for (const k of plan.markerColumns) {
      const label = markerLabel(fields, k);
      if (label !== null) labels.push(label);
    }
    rowTimes?.add(t);
    rowTime[0] = t;
    sampleRow();
  };

  const splitter = new LineSplitter(scan.file, onLine);

  const lines = guardedLines(splitter, flushAll, scan.error, () => {
    if (!headerSeen) {
      throw new RecordingError({
        file: scan.file,
        line: 1,
        byteOffset: 0,
        expected: 'the header the scan read',
        found: 'an empty file: did the file change between the two passes?',
      });
    }
  });

  return {
    push: lines.push,
    end() {
      lines.end();
      const missingValues = fields.missingValues;
      if (zeroFilledRuns > 0) {
        warnings.push(
          `${zeroFilledRuns} run(s) of ${ZERO_RUN_SAMPLES}+ exact zeros (lost packets filled by the recorder), ` +
            `${zeroFilledSamples} samples, were read as missing`,
        );
      }
      if (clock.resets > 0) {
        warnings.push(
          `timestamps jumped back for over a second ${clock.resets} time(s); the gap clock re-anchored`,
        );
      }
      const sampleCount = scan.hasRawEeg ? index : rows;
      return {
        rows,
        sampleCount,
        durationS: scan.hasRawEeg ? sampleCount / fs : scan.durationS,
        gaps,
        gapSamples,
        zeroFilledRuns,
        zeroFilledSamples,
        markers,
        missingValues,
        skippedRows,
        clockResets: clock.resets,
        warnings,
      };
    },
  };
}
