/**
 * BrainFlow recordings of a Muse (`DataFilter.write_file`): tab-separated, no header, one sample per line, its
 * columns fixed by the board's descriptor (BrainFlow's brainflow_boards.cpp, default preset):
 *
 *   Muse 2 / Muse S (boards 21, 22, 38, 39): package, TP9, AF7, AF8, TP10, AUX, timestamp, marker (8 columns)
 *   Muse 2016 (boards 41, 42):               package, TP9, AF7, AF8, TP10, timestamp, marker       (7 columns)
 *
 * BrainFlow names the two frontal electrodes Fp1 and Fp2; they are the Muse's AF7 and AF8, named so here like
 * every other Muse source. The board runs at 256 Hz; sample times are `index / 256`. Timestamps (epoch
 * seconds) only find lost samples, as for muse-lsl (gap-clock.ts). A non-zero marker is an EventMarker.
 */
import { GapClock } from './gap-clock.ts';
import { LineSplitter } from './line-splitter.ts';
import { RecordingError, quoteText } from './recording-error.ts';
import type { BrainFlowRecordingScan, ParseSummary } from './recording-types.ts';
import type { SourceEvent } from '../source/types.ts';
import { guardedLines } from './guarded-lines.ts';

export const BRAINFLOW_MUSE_RATE = 256;
const CHUNK = 256;
const GAP_THRESHOLD_S = 0.1;
const CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];
const utf8 = new TextDecoder('utf-8');

interface Board {
  readonly columns: 7 | 8;
  readonly name: string;
  readonly timestampColumn: number;
  readonly markerColumn: number;
}

const BOARDS: Readonly<Record<number, Board>> = {
  8: {
    columns: 8,
    name: 'Muse 2 / Muse S (BrainFlow boards 21, 22, 38, 39)',
    timestampColumn: 6,
    markerColumn: 7,
  },
  7: { columns: 7, name: 'Muse 2016 (BrainFlow boards 41, 42)', timestampColumn: 5, markerColumn: 6 },
};

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** A first line of 7 or 8 tab-separated numbers, the timestamp column in epoch seconds. */
export function sniffBrainFlow(head: Uint8Array): boolean {
  const text = utf8.decode(head);
  const nl = text.indexOf('\n');
  if (nl < 0) return false;
  const f = text.slice(0, nl).replace(/\r$/, '').split('\t');
  const board = BOARDS[f.length];
  if (!board || !f.every((x) => NUMBER.test(x.trim()))) return false;
  return Number(f[board.timestampColumn]) > 1e9;
}

class RowReader {
  board: Board | null = null;
  readonly values = new Float64Array(4);
  time = NaN;
  marker = 0;

  constructor(private readonly file: string) {}

  read(text: string, line: number, byteOffset: number): void {
    const f = text.split('\t');
    const board = (this.board ??= BOARDS[f.length] ?? null);
    if (!board || f.length !== board.columns) {
      throw new RecordingError({
        file: this.file,
        line,
        byteOffset,
        expected: board
          ? `${board.columns} tab-separated fields, as on the first line`
          : '7 or 8 tab-separated fields (a BrainFlow Muse recording)',
        found: `${f.length}: ${quoteText(text)}`,
      });
    }
    const num = (k: number, what: string) => {
      const s = (f[k] as string).trim();
      const v = NUMBER.test(s) ? Number(s) : /^[+-]?(nan|inf(inity)?)$/i.test(s) ? NaN : null;
      if (v === null) {
        throw new RecordingError({
          file: this.file,
          line,
          byteOffset,
          expected: `a number in column ${k + 1} (${what})`,
          found: quoteText(s),
        });
      }
      return v;
    };
    for (let c = 0; c < 4; c++) this.values[c] = num(c + 1, CHANNELS[c] as string);
    const t = num(board.timestampColumn, 'timestamp');
    if (!Number.isFinite(t)) {
      throw new RecordingError({
        file: this.file,
        line,
        byteOffset,
        expected: `a finite timestamp in column ${board.timestampColumn + 1}`,
        found: quoteText((f[board.timestampColumn] as string).trim()),
      });
    }
    this.time = t;
    const m = num(board.markerColumn, 'marker');
    this.marker = m === m ? m : 0;
  }
}

export function createBrainFlowScanner(file: string): {
  push(bytes: Uint8Array): void;
  end(): BrainFlowRecordingScan;
} {
  const rows = new RowReader(file);
  const clock = new GapClock(BRAINFLOW_MUSE_RATE, GAP_THRESHOLD_S);
  let count = 0;
  let index = 0;
  let gaps = 0;
  let lost = 0;
  let markers = 0;
  let first = NaN;
  let error: RecordingError | null = null;
  const splitter = new LineSplitter(file, (buf, start, end, line, byteOffset) => {
    rows.read(utf8.decode(buf.subarray(start, end)), line, byteOffset);
    if (count === 0) first = rows.time;
    const missing = clock.missingBefore(rows.time, index);
    if (missing > 0) {
      gaps++;
      lost += missing;
      index += missing;
    }
    if (rows.marker !== 0) markers++;
    index++;
    count++;
  });
  const guarded = (step: () => void) => {
    if (error) return;
    try {
      step();
    } catch (err) {
      if (err instanceof RecordingError && count > 0) error = err;
      else throw err;
    }
  };
  return {
    push(bytes) {
      guarded(() => splitter.push(bytes));
    },
    end() {
      guarded(() => splitter.end());
      const board = rows.board;
      if (!board || count === 0) {
        if (error) throw error;
        throw new RecordingError({
          file,
          line: 1,
          byteOffset: 0,
          expected: 'tab-separated BrainFlow rows',
          found: splitter.byteCount === 0 ? 'an empty file' : 'none',
        });
      }
      const warnings: string[] = [];
      if (gaps > 0) warnings.push(`${gaps} gap(s) in the timestamps, ${lost} samples missing`);
      if (error) warnings.push(`reading stops at line ${error.line}: ${error.message}`);
      const startTime = first < 8.64e12 ? new Date(first * 1000).toISOString() : undefined;
      return {
        file,
        format: 'brainflow',
        board: board.name,
        channels: [...CHANNELS],
        sampleRate: BRAINFLOW_MUSE_RATE,
        measuredRate: BRAINFLOW_MUSE_RATE,
        hasRawEeg: true,
        rows: count,
        markers,
        durationS: index / BRAINFLOW_MUSE_RATE,
        ...(startTime ? { startTime } : {}),
        ignoredColumns: board.columns === 8 ? ['package', 'AUX'] : ['package'],
        backwardSteps: 0,
        warnings,
        ...(error ? { error: error.info() } : {}),
      };
    },
  };
}

export function createBrainFlowParser(
  scan: BrainFlowRecordingScan,
  onEvent: (e: SourceEvent) => void,
): { push(bytes: Uint8Array): void; end(): ParseSummary } {
  const fs = BRAINFLOW_MUSE_RATE;
  const rows = new RowReader(scan.file);
  const clock = new GapClock(fs, GAP_THRESHOLD_S);
  const pending: { index: number; label: string }[] = [];
  let data = newChunk();
  let filled = 0;
  let chunkIndex = 0;
  let index = 0;
  let gaps = 0;
  let gapSamples = 0;
  let markers = 0;
  let missingValues = 0;

  function newChunk(): Float32Array[] {
    return CHANNELS.map(() => new Float32Array(CHUNK));
  }
  function flush(): void {
    if (filled > 0) {
      const out = filled === CHUNK ? data : data.map((d) => d.subarray(0, filled));
      onEvent({
        kind: 'samples',
        t0: chunkIndex / fs,
        index: chunkIndex,
        sampleRate: fs,
        data: out,
        length: filled,
      });
      chunkIndex += filled;
      filled = 0;
      data = newChunk();
    }
    while (pending.length > 0 && (pending[0]?.index ?? Infinity) < chunkIndex) {
      const m = pending.shift() as { index: number; label: string };
      onEvent({ kind: 'marker', t: m.index / fs, label: m.label });
    }
  }

  const splitter = new LineSplitter(scan.file, (buf, start, end, line, byteOffset) => {
    rows.read(utf8.decode(buf.subarray(start, end)), line, byteOffset);
    const missing = clock.missingBefore(rows.time, index);
    if (missing > 0) {
      flush();
      onEvent({
        kind: 'gap',
        t: index / fs,
        index,
        missingSamples: missing,
        reason: `timestamps run ${(missing / fs).toFixed(3)} s ahead of the sample clock at line ${line}`,
      });
      gaps++;
      gapSamples += missing;
      index += missing;
      chunkIndex = index;
    }
    for (let c = 0; c < 4; c++) {
      const v = rows.values[c] as number;
      if (v !== v) missingValues++;
      (data[c] as Float32Array)[filled] = v;
    }
    if (rows.marker !== 0) {
      markers++;
      pending.push({ index, label: String(rows.marker) });
    }
    filled++;
    index++;
    if (filled === CHUNK) flush();
  });

  const lines = guardedLines(splitter, flush, scan.error);
  return {
    push: lines.push,
    end() {
      lines.end();
      return {
        rows: index - gapSamples,
        sampleCount: index,
        durationS: index / fs,
        gaps,
        gapSamples,
        zeroFilledRuns: 0,
        zeroFilledSamples: 0,
        markers,
        missingValues,
        skippedRows: 0,
        clockResets: clock.resets,
        warnings: [],
      };
    },
  };
}
