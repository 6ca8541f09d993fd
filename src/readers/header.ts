/**
 * Recognises a recording from its header line and finds its columns by name, so header variants (Mellow and
 * Concentration, AUX_LEFT, PPG, Heart_Rate, extra Marker columns, other electrode names) read the same.
 */
import { RecordingError, quoteText } from './recording-error.ts';
import type { CsvRecordingFormat as RecordingFormat, MuseLslLayout } from './recording-types.ts';

export const MIND_MONITOR_BANDS = ['delta', 'theta', 'alpha', 'beta', 'gamma'] as const;

const EXPECTED_MIND_MONITOR =
  'a Mind Monitor header (TimeStamp,Delta_TP9,…,RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10,…)';
const EXPECTED_MUSE_LSL =
  'a muse-lsl header (timestamps,TP9,AF7,AF8,TP10,Right AUX[,Marker0] or ,TP9,AF7,AF8,TP10,Right AUX,timestamps)';

export interface HeaderColumns {
  readonly format: RecordingFormat;
  readonly layout?: MuseLslLayout;
  readonly header: string;
  readonly columns: readonly string[];
  readonly timeColumn: number;
  readonly channels: string[];
  /** RAW_<ch> (Mind Monitor) or <ch> (muse-lsl) per channel; -1 when a Mind Monitor file has no RAW columns. */
  readonly eegColumns: number[];
  readonly markerColumns: number[];
  readonly elementsColumn: number;
  readonly bandColumns: number[];
  readonly hsiColumns: number[];
  readonly headbandOnColumn: number;
  readonly batteryColumn: number;
  readonly ignoredColumns: string[];
  /** True when the last column may be missing from data rows without losing anything. */
  readonly lastColumnOptional: boolean;
}

function cleanName(raw: string): string {
  const t = raw.trim();
  return t.length >= 2 && t.startsWith('"') && t.endsWith('"') ? t.slice(1, -1).trim() : t;
}

const isAux = (name: string) => /aux/i.test(name);
const isMarker = (name: string) => /^marker/i.test(name);
// pandas writes its index column with an empty name; read back and re-saved it becomes "Unnamed: 0".
const isIndexName = (name: string) => name === '' || /^unnamed: ?0$/i.test(name);

function delimiterName(header: string): string | null {
  if (header.includes(',')) return null;
  if (header.includes(';')) return 'semicolons';
  if (header.includes('\t')) return 'tabs';
  return null;
}

function findCi(columns: readonly string[], name: string): number {
  const lower = name.toLowerCase();
  return columns.findIndex((c) => c.toLowerCase() === lower);
}

function mindMonitorColumns(header: string, columns: readonly string[]): HeaderColumns | null {
  const timeColumn = findCi(columns, 'TimeStamp');
  if (timeColumn < 0) return null;
  const rawChannels: string[] = [];
  const rawColumns: number[] = [];
  columns.forEach((name, i) => {
    const m = /^RAW_(.+)$/i.exec(name);
    if (m?.[1] && !isAux(m[1])) {
      rawChannels.push(m[1]);
      rawColumns.push(i);
    }
  });
  const deltaChannels = columns.flatMap((name) => {
    const m = /^Delta_(.+)$/i.exec(name);
    return m?.[1] ? [m[1]] : [];
  });
  if (rawChannels.length === 0 && deltaChannels.length === 0) return null;
  const channels = rawChannels.length > 0 ? rawChannels : deltaChannels;
  const eegColumns = rawChannels.length > 0 ? rawColumns : channels.map(() => -1);
  const bandColumns: number[] = [];
  for (const band of MIND_MONITOR_BANDS) {
    for (const ch of channels) bandColumns.push(findCi(columns, `${band}_${ch}`));
  }
  const hsiColumns = channels.map((ch) => findCi(columns, `HSI_${ch}`));
  const elementsColumn = findCi(columns, 'Elements');
  const used = new Set([timeColumn, elementsColumn, ...eegColumns, ...bandColumns]);
  return {
    format: 'mind-monitor',
    header,
    columns,
    timeColumn,
    channels,
    eegColumns,
    markerColumns: [],
    elementsColumn,
    bandColumns,
    hsiColumns,
    headbandOnColumn: findCi(columns, 'HeadBandOn'),
    batteryColumn: findCi(columns, 'Battery'),
    ignoredColumns: columns.filter((_, i) => !used.has(i)),
    lastColumnOptional: !used.has(columns.length - 1) || elementsColumn === columns.length - 1,
  };
}

function museLslColumns(header: string, columns: readonly string[], lenient: boolean): HeaderColumns | null {
  let timeColumn = findCi(columns, 'timestamps');
  if (timeColumn < 0 && lenient) {
    timeColumn = columns.findIndex((c) => /^(timestamp|time|lsl_timestamp)s?$/i.test(c));
  }
  if (timeColumn < 0) return null;
  const direct = isIndexName(columns[0] ?? 'x') && timeColumn !== 0;
  const channels: string[] = [];
  const eegColumns: number[] = [];
  const markerColumns: number[] = [];
  const ignoredColumns: string[] = [];
  columns.forEach((name, i) => {
    if (i === timeColumn || (direct && i === 0)) return;
    if (isMarker(name)) markerColumns.push(i);
    else if (isAux(name)) ignoredColumns.push(name);
    else {
      channels.push(name);
      eegColumns.push(i);
    }
  });
  if (channels.length === 0) return null;
  const last = columns.length - 1;
  return {
    format: 'muse-lsl',
    layout: direct ? 'record_direct' : 'record',
    header,
    columns,
    timeColumn,
    channels,
    eegColumns,
    markerColumns,
    elementsColumn: -1,
    bandColumns: [],
    hsiColumns: [],
    headbandOnColumn: -1,
    batteryColumn: -1,
    ignoredColumns,
    lastColumnOptional: markerColumns.includes(last) || ignoredColumns.includes(columns[last] ?? ''),
  };
}

/**
 * Reads the header line `buf[start, end)`. With `format` given, only that format is tried (and the muse-lsl
 * time column may also be called timestamp/time); without it Mind Monitor is tried first, then muse-lsl.
 */
export function readHeader(
  file: string,
  buf: Uint8Array,
  start: number,
  end: number,
  line: number,
  byteOffset: number,
  format?: RecordingFormat,
): HeaderColumns {
  const fail = (expected: string, found: string) =>
    new RecordingError({ file, line, byteOffset, expected, found });
  if ((buf[start] === 0xff && buf[start + 1] === 0xfe) || (buf[start] === 0xfe && buf[start + 1] === 0xff)) {
    throw fail('UTF-8 or ASCII text', 'UTF-16 text (byte-order mark); re-save the file as UTF-8');
  }
  const header = new TextDecoder().decode(buf.subarray(start, end));
  const delimiter = delimiterName(header);
  if (delimiter) {
    throw fail('comma-separated columns', `columns separated by ${delimiter} (${quoteText(header)})`);
  }
  const columns = header.split(',').map(cleanName);
  const asMindMonitor = mindMonitorColumns(header, columns);
  const asMuseLsl = museLslColumns(header, columns, format === 'muse-lsl');
  if (format === 'mind-monitor') {
    if (asMindMonitor) return asMindMonitor;
    throw fail(EXPECTED_MIND_MONITOR, asMuseLsl ? 'a muse-lsl header' : quoteText(header));
  }
  if (format === 'muse-lsl') {
    if (asMuseLsl && !asMindMonitor) return asMuseLsl;
    throw fail(EXPECTED_MUSE_LSL, asMindMonitor ? 'a Mind Monitor header' : quoteText(header));
  }
  const detected = asMindMonitor ?? asMuseLsl;
  if (detected) return detected;
  throw fail(`${EXPECTED_MIND_MONITOR} or ${EXPECTED_MUSE_LSL}`, quoteText(header));
}
