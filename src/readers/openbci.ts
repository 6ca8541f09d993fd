/**
 * OpenBCI GUI recordings (`OpenBCI-RAW-*.txt`): `%` header lines with the sample rate and channel count, then
 * comma-separated rows. GUI v5 adds a column header line (`Sample Index, EXG Channel 0, …, Timestamp, …`);
 * v4 files have none, and their EEG is columns 1..N. Values are µV already.
 *
 * - Rate and channels come from the `%` header (`%Sample Rate = 250 Hz`, `%Number of channels = 8`): the GUI's
 *   timestamps are packet arrival times. Sample times are `index / rate`.
 * - Empty, NaN and ±Infinity values are NaN (missing); anything else that is not a number is an error
 *   `FILE:LINE: expected a number in column 'EXG Channel 2', found "abc"`, after every sample before it.
 * - Dropped samples are found from the Sample Index column (column 0): the board counts every sample, by a
 *   fixed step (1, or 2 for a Cyton with Daisy), and wraps (0..255 on a Cyton, 0..199 or so on a Ganglion). The
 *   scan learns the step (the commonest forward step) and the wrap (largest index + 1; 256 at least on a Cyton),
 *   and a jump of k steps is a GapMarker of k - 1 samples. A loss of a whole counter cycle or more cannot be seen
 *   in the counter and is not claimed. When the column does not count (most steps irregular, or not integers),
 *   no gaps are reported and the scan says so.
 */
import { LineSplitter } from './line-splitter.ts';
import { RecordingError, quoteText } from './recording-error.ts';
import type { OpenBciRecordingScan, ParseSummary, TablePlan } from './recording-types.ts';
import type { SourceEvent } from '../source/types.ts';
import { guardedLines } from './guarded-lines.ts';

const CHUNK = 256;
const MAX_RATE_HZ = 100_000;
const MAX_CHANNELS = 1024;
/** A sample counter above this is not a board's counter (they wrap at 256 or below). */
const MAX_COUNTER = 65_535;
const utf8 = new TextDecoder('utf-8');

export function sniffOpenBci(head: Uint8Array): boolean {
  return utf8.decode(head.subarray(0, 8)).startsWith('%OpenBCI');
}

/** How the board's sample counter counts, learnt by the scan; absent when the column does not count. */
export interface SampleCounter {
  readonly modulus: number;
  readonly step: number;
}

/** The OpenBCI scan's plan: the table plus the sample counter pass 2 finds dropped samples with. */
export interface OpenBciTablePlan extends TablePlan {
  readonly counter?: SampleCounter;
}

/** The counter in a row's first field, or -1 when it is not a plain integer a board could have sent. */
function counterValue(text: string | undefined): number {
  if (text === undefined || !/^\d{1,6}$/.test(text)) return -1;
  const v = Number(text);
  return v <= MAX_COUNTER ? v : -1;
}

/** Samples lost between counter values `prev` and `cur` (0 for a repeated value). */
export function samplesMissing(counter: SampleCounter, prev: number, cur: number): number {
  const forward = (((cur - prev) % counter.modulus) + counter.modulus) % counter.modulus;
  if (forward === 0) return 0;
  return Math.max(0, Math.round(forward / counter.step) - 1);
}

/** Learns step and wrap from the histogram of counter steps; null when the column does not count regularly. */
function learnCounter(
  steps: ReadonlyMap<number, number>,
  maxValue: number,
  cyton: boolean,
): SampleCounter | null {
  let step = 0;
  let best = 0;
  let total = 0;
  for (const [d, n] of steps) {
    total += n;
    if (d > 0 && (n > best || (n === best && d < step))) {
      step = d;
      best = n;
    }
  }
  if (step === 0) return null;
  const counter = { modulus: Math.max(maxValue + 1, cyton ? 256 : 0), step };
  let regular = 0;
  for (const [d, n] of steps) if (samplesMissing(counter, 0, d) === 0) regular += n;
  // A column that mostly jumps is not a sample counter: better no gaps than invented ones.
  return regular * 2 >= total ? counter : null;
}

interface Layout {
  columns: number;
  eegColumns: number[];
  channels: string[];
}

/** Splits a row into trimmed fields. */
function fields(text: string): string[] {
  return text.split(',').map((f) => f.trim());
}

function readValue(text: string): number | null {
  if (text === '' || /^[+-]?(nan|inf(inity)?)$/i.test(text)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return null;
  const v = Number(text);
  return Number.isFinite(v) ? v : NaN;
}

/** Reads `%` lines and the column layout; shared by both passes. */
class TableHeader {
  rate = NaN;
  channelCount = NaN;
  layout: Layout | null = null;
  headerText = '';
  percentLines = 0;

  constructor(private readonly file: string) {}

  /** Returns true when the line was header material (and must not be read as a row). */
  take(text: string, line: number, byteOffset: number): boolean {
    if (text.startsWith('%')) {
      // Comment lines among the data say nothing about its layout any more.
      if (this.layout) return true;
      this.percentLines++;
      this.headerText += text + '\n';
      const rate = /^%\s*Sample Rate\s*=\s*([0-9.]+)\s*Hz/i.exec(text);
      if (rate) this.rate = Number(rate[1]);
      const nch = /^%\s*Number of channels\s*=\s*(\d+)/i.exec(text);
      if (nch) this.channelCount = Number(nch[1]);
      return true;
    }
    if (this.layout) return false;
    if (this.rate > MAX_RATE_HZ || this.channelCount > MAX_CHANNELS) {
      throw new RecordingError({
        file: this.file,
        line,
        byteOffset,
        expected: `a sample rate up to ${MAX_RATE_HZ} Hz and up to ${MAX_CHANNELS} channels in the % header`,
        found: `${this.rate} Hz and ${this.channelCount} channels`,
      });
    }
    if (!(this.rate > 0) || !(this.channelCount > 0)) {
      throw new RecordingError({
        file: this.file,
        line,
        byteOffset,
        expected: "'%Sample Rate = … Hz' and '%Number of channels = …' lines before the data",
        found: `${this.rate > 0 ? '' : 'no sample rate'}${!(this.rate > 0) && !(this.channelCount > 0) ? ' and ' : ''}${this.channelCount > 0 ? '' : 'no channel count'}`,
      });
    }
    const names = fields(text);
    if (/^sample ?index$/i.test(names[0] ?? '')) {
      const eegColumns = names.flatMap((n, i) => (/^EXG Channel \d+$/i.test(n) ? [i] : []));
      if (eegColumns.length === 0) {
        throw new RecordingError({
          file: this.file,
          line,
          byteOffset,
          expected: "'EXG Channel N' columns",
          found: quoteText(text),
        });
      }
      this.headerText += text + '\n';
      this.layout = {
        columns: names.length,
        eegColumns,
        channels: eegColumns.map((i) => names[i] as string),
      };
      return true;
    }
    const n = this.channelCount;
    this.layout = {
      columns: n + 1,
      eegColumns: Array.from({ length: n }, (_, i) => i + 1),
      channels: Array.from({ length: n }, (_, i) => `EXG Channel ${i}`),
    };
    return false;
  }
}

/** Parses one data row's EEG values into `out`; a RecordingError for a short row or a non-number. */
function readRow(
  file: string,
  layout: Layout,
  f: readonly string[],
  text: string,
  line: number,
  byteOffset: number,
  out: Float64Array,
): number {
  const last = layout.eegColumns[layout.eegColumns.length - 1] as number;
  if (f.length <= last) {
    throw new RecordingError({
      file,
      line,
      byteOffset,
      expected: `at least ${last + 1} comma-separated fields`,
      found: `${f.length}: ${quoteText(text)}`,
    });
  }
  let missing = 0;
  layout.eegColumns.forEach((k, c) => {
    const v = readValue(f[k] as string);
    if (v === null) {
      throw new RecordingError({
        file,
        line,
        byteOffset,
        expected: `a number in column '${layout.channels[c] ?? k}'`,
        found: quoteText(f[k] as string),
      });
    }
    if (v !== v) missing++;
    out[c] = v;
  });
  return missing;
}

export interface TableScanner {
  push(bytes: Uint8Array): void;
  end(): OpenBciRecordingScan;
}

export function createOpenBciScanner(file: string): TableScanner {
  const header = new TableHeader(file);
  let rows = 0;
  let error: RecordingError | null = null;
  let values = new Float64Array(0);
  // Counter steps as a histogram (bounded: steps lie within ±MAX_COUNTER), so the wrap can be learnt at the end.
  const steps = new Map<number, number>();
  let counting = true;
  let prevCounter = -1;
  let maxCounter = 0;
  const splitter = new LineSplitter(file, (buf, start, end, line, byteOffset) => {
    const text = utf8.decode(buf.subarray(start, end));
    if (header.take(text, line, byteOffset)) return;
    const layout = header.layout as Layout;
    if (values.length !== layout.eegColumns.length) values = new Float64Array(layout.eegColumns.length);
    const f = fields(text);
    readRow(file, layout, f, text, line, byteOffset, values);
    rows++;
    const counter = counting ? counterValue(f[0]) : -1;
    if (counter < 0) {
      counting = false;
      return;
    }
    if (prevCounter >= 0) steps.set(counter - prevCounter, (steps.get(counter - prevCounter) ?? 0) + 1);
    prevCounter = counter;
    maxCounter = Math.max(maxCounter, counter);
  });
  const guarded = (step: () => void) => {
    if (error) return;
    try {
      step();
    } catch (err) {
      if (err instanceof RecordingError && header.layout) error = err;
      else throw err;
    }
  };
  return {
    push(bytes) {
      guarded(() => splitter.push(bytes));
    },
    end() {
      guarded(() => splitter.end());
      const layout = header.layout;
      if (!layout || rows === 0) {
        if (error) throw error;
        throw new RecordingError({
          file,
          line: splitter.lineCount + 1,
          byteOffset: splitter.byteCount,
          expected: 'data rows after the OpenBCI header',
          found: 'none',
        });
      }
      const cyton = /^%\s*Board\s*=.*cyton/im.test(header.headerText);
      const counter = counting && rows > 1 ? learnCounter(steps, maxCounter, cyton) : null;
      let gaps = 0;
      let lost = 0;
      if (counter) {
        for (const [d, n] of steps) {
          const missing = samplesMissing(counter, 0, d);
          if (missing > 0) {
            gaps += n;
            lost += n * missing;
          }
        }
      }
      const warnings: string[] = [];
      if (!counter && rows > 1) {
        warnings.push('the Sample Index column does not count samples: dropped samples cannot be found');
      }
      if (gaps > 0) warnings.push(`${gaps} gap(s) in the Sample Index column, ${lost} samples missing`);
      if (error) warnings.push(`reading stops at line ${error.line}: ${error.message}`);
      const plan: OpenBciTablePlan = {
        header: header.headerText,
        columns: layout.columns,
        eegColumns: layout.eegColumns,
        ...(counter ? { counter } : {}),
      };
      return {
        file,
        format: 'openbci',
        channels: layout.channels,
        sampleRate: header.rate,
        measuredRate: header.rate,
        hasRawEeg: true,
        rows,
        markers: 0,
        durationS: (rows + lost) / header.rate,
        ignoredColumns: [],
        backwardSteps: 0,
        warnings,
        ...(error ? { error: error.info() } : {}),
        table: plan,
      };
    },
  };
}

export function createOpenBciParser(
  scan: OpenBciRecordingScan,
  onEvent: (e: SourceEvent) => void,
): { push(bytes: Uint8Array): void; end(): ParseSummary } {
  const file = scan.file;
  const fs = scan.sampleRate;
  const nc = scan.channels.length;
  const header = new TableHeader(file);
  const values = new Float64Array(nc);
  let data = newChunk();
  let filled = 0;
  let index = 0;
  let rows = 0;
  let missingValues = 0;
  let gaps = 0;
  let gapSamples = 0;
  let prevCounter = -1;
  const counter = (scan.table as OpenBciTablePlan).counter ?? null;

  function newChunk(): Float32Array[] {
    return Array.from({ length: nc }, () => new Float32Array(CHUNK));
  }
  function flush(): void {
    if (filled === 0) return;
    const out = filled === CHUNK ? data : data.map((d) => d.subarray(0, filled));
    onEvent({ kind: 'samples', t0: index / fs, index, sampleRate: fs, data: out, length: filled });
    index += filled;
    filled = 0;
    data = newChunk();
  }

  const splitter = new LineSplitter(file, (buf, start, end, line, byteOffset) => {
    const text = utf8.decode(buf.subarray(start, end));
    if (header.take(text, line, byteOffset)) return;
    const layout = header.layout as Layout;
    if (layout.eegColumns.length !== nc || header.headerText !== scan.table.header) {
      throw new RecordingError({
        file,
        line,
        byteOffset,
        expected: 'the header the scan read',
        found: 'a different one: did the file change between the two passes?',
      });
    }
    const f = fields(text);
    missingValues += readRow(file, layout, f, text, line, byteOffset, values);
    const value = counter ? counterValue(f[0]) : -1;
    const missing =
      value >= 0 && prevCounter >= 0 ? samplesMissing(counter as SampleCounter, prevCounter, value) : 0;
    const before = prevCounter;
    prevCounter = value;
    if (missing > 0) {
      flush();
      onEvent({
        kind: 'gap',
        t: index / fs,
        index,
        missingSamples: missing,
        reason: `Sample Index jumps from ${before} to ${value} at line ${line}`,
      });
      gaps++;
      gapSamples += missing;
      index += missing;
    }
    rows++;
    for (let c = 0; c < nc; c++) (data[c] as Float32Array)[filled] = values[c] as number;
    filled++;
    if (filled === CHUNK) flush();
  });

  const lines = guardedLines(splitter, flush, scan.error);
  return {
    push: lines.push,
    end() {
      lines.end();
      return {
        rows,
        sampleCount: index,
        durationS: index / fs,
        gaps,
        gapSamples,
        zeroFilledRuns: 0,
        zeroFilledSamples: 0,
        markers: 0,
        missingValues,
        skippedRows: 0,
        clockResets: 0,
        warnings: [],
      };
    },
  };
}
