/** Drives both reader passes over in-memory text, split into chunks wherever a test wants. */
import {
  createParser,
  createScanner,
  RecordingError,
  type ParseSummary,
  type CsvRecordingFormat as RecordingFormat,
  type CsvRecordingScan as RecordingScan,
} from '../../../src/readers/index.ts';
import type { SampleChunk, SourceEvent } from '../../../src/source/types.ts';

export function bytesOf(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

/** Cuts `bytes` at the given offsets (sorted, deduplicated, within range). */
export function splitAt(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

export function scanChunks(
  name: string,
  chunks: readonly Uint8Array[],
  format?: RecordingFormat,
): RecordingScan {
  const scanner = createScanner(name, format);
  for (const c of chunks) scanner.push(c);
  return scanner.end();
}

export interface ReadResult {
  scan: RecordingScan;
  events: SourceEvent[];
  summary: ParseSummary | null;
  error: RecordingError | null;
}

/** Scans and parses; a RecordingError from pass 2 is returned with the events delivered before it. */
export function readChunks(
  name: string,
  chunks: readonly Uint8Array[],
  format?: RecordingFormat,
): ReadResult {
  const scan = scanChunks(name, chunks, format);
  const events: SourceEvent[] = [];
  const parser = createParser(scan, (e) => events.push(e));
  try {
    for (const c of chunks) parser.push(c);
    return { scan, events, summary: parser.end(), error: null };
  } catch (err) {
    if (err instanceof RecordingError) return { scan, events, summary: null, error: err };
    throw err;
  }
}

export function readText(name: string, text: string, format?: RecordingFormat): ReadResult {
  return readChunks(name, [bytesOf(text)], format);
}

/** Reads and insists on success. */
export function readOk(name: string, text: string, format?: RecordingFormat) {
  const r = readText(name, text, format);
  if (r.error) throw r.error;
  return { ...r, summary: r.summary as ParseSummary };
}

export const samplesOf = (events: readonly SourceEvent[]) =>
  events.filter((e): e is SampleChunk => e.kind === 'samples');

/** All samples of channel c, concatenated (gaps are not filled in). */
export function channel(events: readonly SourceEvent[], c: number): number[] {
  return samplesOf(events).flatMap((s) => Array.from(s.data[c] ?? []));
}

export function totalSamples(events: readonly SourceEvent[]): number {
  return samplesOf(events).reduce((n, s) => n + s.length, 0);
}

/** A muse-lsl `record` file: `rows` samples at `rate` from `t0`, values from `value(i, c)`. */
export function museLslText(options: {
  rows: number;
  rate?: number;
  t0?: number;
  value?: (i: number, c: number) => number;
  time?: (i: number) => number;
  marker?: (i: number) => number;
  eol?: string;
}): string {
  const rate = options.rate ?? 256;
  const t0 = options.t0 ?? 1_700_000_000;
  const value = options.value ?? ((i, c) => ((i * 7 + c * 13) % 50) - 25 + 0.5);
  const time = options.time ?? ((i) => t0 + i / rate);
  const eol = options.eol ?? '\n';
  const lines = [`timestamps,TP9,AF7,AF8,TP10,Right AUX${options.marker ? ',Marker0' : ''}`];
  for (let i = 0; i < options.rows; i++) {
    const vals = [0, 1, 2, 3].map((c) => value(i, c));
    const marker = options.marker ? `,${options.marker(i)}` : '';
    lines.push(`${time(i).toFixed(6)},${vals.join(',')},0.0${marker}`);
  }
  return lines.join(eol) + eol;
}

export const MIND_MONITOR_HEADER =
  'TimeStamp,Delta_TP9,Delta_AF7,Delta_AF8,Delta_TP10,Theta_TP9,Theta_AF7,Theta_AF8,Theta_TP10,' +
  'Alpha_TP9,Alpha_AF7,Alpha_AF8,Alpha_TP10,Beta_TP9,Beta_AF7,Beta_AF8,Beta_TP10,' +
  'Gamma_TP9,Gamma_AF7,Gamma_AF8,Gamma_TP10,RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10,AUX_RIGHT,' +
  'Accelerometer_X,Accelerometer_Y,Accelerometer_Z,Gyro_X,Gyro_Y,Gyro_Z,HeadBandOn,' +
  'HSI_TP9,HSI_AF7,HSI_AF8,HSI_TP10,Battery,Elements';

/** One Mind Monitor data row (38 fields, trailing Elements absent unless given). */
export function mindMonitorRow(
  stamp: string,
  raw: readonly number[],
  options: { bands?: (b: number, c: number) => number; elements?: string; hsi?: number } = {},
): string {
  const bands: number[] = [];
  for (let b = 0; b < 5; b++)
    for (let c = 0; c < 4; c++) bands.push(options.bands ? options.bands(b, c) : 0.5);
  const hsi = options.hsi ?? 1;
  const tail = ['0.1', '0.2', '0.9', '1.5', '-2.0', '0.3', '1', hsi, hsi, hsi, hsi, '80.0'];
  const row = [stamp, ...bands, ...raw, 800.5, ...tail].join(',');
  return options.elements === undefined ? row : `${row},${options.elements}`;
}

/** A Mind Monitor event row: only TimeStamp and Elements filled. */
export function mindMonitorEvent(stamp: string, label: string): string {
  return `${stamp}${','.repeat(38)}${label}`;
}

/** `YYYY-MM-DD HH:MM:SS.mmm` for `seconds` after 2021-07-27 00:55:00 (same day). */
export function mmStamp(seconds: number): string {
  const ms = Math.floor(seconds * 1000 + 1e-6);
  const s = 55 * 60 + Math.floor(ms / 1000);
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  return `2021-07-27 ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(ms % 1000, 3)}`;
}
