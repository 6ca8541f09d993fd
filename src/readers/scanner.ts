/**
 * Pass 1: format, columns, row count, markers and the whole-file sample rate. It reads timestamps and the few
 * fields that tell data rows from event rows, never the EEG values, so it runs well ahead of pass 2.
 */
import { MIND_MONITOR_BANDS, readHeader, type HeaderColumns } from './header.ts';
import { LineSplitter } from './line-splitter.ts';
import { NominalCandidate, RAW_EEG_MIN_RATE_HZ, WholeFileRate } from './rate.ts';
import { RecordingError, type RecordingErrorInfo } from './recording-error.ts';
import type { CsvRecordingFormat, CsvRecordingScan, HeadsetQuality, ReadPlan } from './recording-types.ts';
import { RowFields } from './row-fields.ts';

/** Mind Monitor writes RAW on 0..1682.815 µV; half of it brings it onto zero like muse-js and muse-lsl. */
export const MIND_MONITOR_RAW_OFFSET_UV = 1682.815 / 2;
/** Gaps must exceed BLE/LSL jitter: 0.1 s, plus one 12-sample packet for Mind Monitor, whose timestamps are
 * packet arrival times shared by the packet's rows. */
export const GAP_THRESHOLD_S = 0.1;
export const MUSE_PACKET_SAMPLES = 12;

export const BAND_POWER_NOTE =
  "Band powers come from the file's own Delta/Theta/Alpha/Beta/Gamma columns: Mind Monitor recorded one row " +
  'per second, so RAW holds one sample per second and cannot drive the band-power analysis.';

export interface RecordingScanner {
  push(bytes: Uint8Array): void;
  /** Finishes the scan; throws a RecordingError when nothing can be read (empty file, unknown header, …). */
  end(): CsvRecordingScan;
}

/** Fields of a row, with the time column (when in seconds) and `numeric` columns read as numbers. */
export function rowFieldsFor(
  file: string,
  h: Pick<ReadPlan, 'columns' | 'minFields' | 'timeColumn' | 'timeKind'>,
  numeric: readonly number[] = [],
): RowFields {
  const numbers = h.timeKind === 'seconds' ? [h.timeColumn, ...numeric] : numeric;
  return new RowFields(file, h.columns, h.minFields, h.timeColumn, h.timeKind, numbers);
}

function hasAnyValue(fields: RowFields, columns: readonly number[]): boolean {
  for (const k of columns) if (!fields.isEmpty(k)) return true;
  return false;
}

/** Non-zero marker values are events; 0, empty and NaN mean "no marker on this sample". */
export function markerLabel(fields: RowFields, k: number): string | null {
  if (fields.isEmpty(k)) return null;
  const v = fields.looseNumber(k);
  if (v === 0) return null;
  const text = fields.text(k);
  return v !== v && /^[+-]?nan$/i.test(text) ? null : text;
}

class QualityCounter {
  rows = 0;
  headbandOn = 0;
  headbandRows = 0;
  readonly good: number[];
  readonly ok: number[];
  readonly bad: number[];
  readonly seen: number[];
  batteryFirst = NaN;
  batteryLast = NaN;

  constructor(private readonly h: HeaderColumns) {
    const n = h.channels.length;
    this.good = new Array<number>(n).fill(0);
    this.ok = new Array<number>(n).fill(0);
    this.bad = new Array<number>(n).fill(0);
    this.seen = new Array<number>(n).fill(0);
  }

  add(fields: RowFields): void {
    const { hsiColumns, headbandOnColumn, batteryColumn } = this.h;
    for (let c = 0; c < hsiColumns.length; c++) {
      const k = hsiColumns[c] as number;
      if (k < 0) continue;
      const v = fields.looseNumber(k);
      if (v !== v) continue;
      this.seen[c] = (this.seen[c] as number) + 1;
      if (v === 1) this.good[c] = (this.good[c] as number) + 1;
      else if (v === 2) this.ok[c] = (this.ok[c] as number) + 1;
      else if (v >= 4) this.bad[c] = (this.bad[c] as number) + 1;
    }
    if (headbandOnColumn >= 0) {
      const v = fields.looseNumber(headbandOnColumn);
      if (v === v) {
        this.headbandRows++;
        if (v === 1) this.headbandOn++;
      }
    }
    if (batteryColumn >= 0) {
      const v = fields.looseNumber(batteryColumn);
      if (v === v) {
        if (this.batteryFirst !== this.batteryFirst) this.batteryFirst = v;
        this.batteryLast = v;
      }
    }
  }

  result(): HeadsetQuality {
    const frac = (counts: number[]) =>
      counts.map((n, c) => (this.seen[c] ? n / (this.seen[c] as number) : NaN));
    return {
      headbandOnFraction: this.headbandRows ? this.headbandOn / this.headbandRows : NaN,
      hsiGood: frac(this.good),
      hsiOk: frac(this.ok),
      hsiBad: frac(this.bad),
      batteryFirst: this.batteryFirst,
      batteryLast: this.batteryLast,
    };
  }
}

function gapThreshold(mindMonitor: boolean, sampleRate: number): number {
  return GAP_THRESHOLD_S + (mindMonitor ? MUSE_PACKET_SAMPLES / sampleRate : 0);
}

function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** The data rows' timestamps of a CSV recording, as pass 1 measures them. */
export function wholeFileRateFor(mindMonitor: boolean): WholeFileRate {
  return new WholeFileRate((n) => gapThreshold(mindMonitor, n));
}

export interface RateDecision {
  readonly sampleRate: number;
  readonly measuredRate: number;
  readonly hasRawEeg: boolean;
  /** The nominal rate chosen, when the file is at one. */
  readonly nominal?: NominalCandidate;
}

/**
 * Pass 1's decision from the data rows' timestamps: the sample rate, and whether the file is raw EEG or a
 * 1 row/s band-power file. A string where pass 1 fails: fewer than 2 data rows, time that does not advance,
 * or a band-power file without band columns.
 */
export function decideRate(
  rate: WholeFileRate,
  mindMonitor: boolean,
  hasRawColumns: boolean,
  hasBandColumns: boolean,
): RateDecision | 'too-few-rows' | 'no-time' | 'no-bands' {
  if (rate.meter.rows < 2) return 'too-few-rows';
  const measuredRate = rate.meter.wholeFileRate;
  if (!(measuredRate > 0)) return 'no-time';
  const hasRawEeg = !mindMonitor || (hasRawColumns && measuredRate >= RAW_EEG_MIN_RATE_HZ);
  if (!hasRawEeg) return hasBandColumns ? { sampleRate: measuredRate, measuredRate, hasRawEeg } : 'no-bands';
  const nominal = rate.nominal();
  // Rounding must not turn an absurd rate (timestamps jumping years) into 0 Hz.
  const sampleRate = nominal?.rate ?? (round3(measuredRate) || measuredRate);
  return nominal ? { sampleRate, measuredRate, hasRawEeg, nominal } : { sampleRate, measuredRate, hasRawEeg };
}

export function createScanner(file: string, format?: CsvRecordingFormat): RecordingScanner {
  let header: HeaderColumns | null = null;
  let headerLine = 0;
  let fields: RowFields | null = null;
  let dataColumns: number[] = [];
  let quality: QualityCounter | null = null;
  let wholeRate = wholeFileRateFor(false);
  let markers = 0;
  let skippedRows = 0;
  let startTime: string | undefined;
  let error: RecordingError | null = null;

  const onLine = (buf: Uint8Array, start: number, end: number, line: number, byteOffset: number) => {
    if (!header) {
      header = readHeader(file, buf, start, end, line, byteOffset, format);
      headerLine = line;
      const mm = header.format === 'mind-monitor';
      fields = rowFieldsFor(file, {
        columns: header.columns,
        minFields: header.lastColumnOptional ? header.columns.length - 1 : header.columns.length,
        timeColumn: header.timeColumn,
        timeKind: mm ? 'clock' : 'seconds',
      });
      if (mm) {
        const raw = header.eegColumns.filter((k) => k >= 0);
        dataColumns = raw.length > 0 ? raw : header.bandColumns.filter((k) => k >= 0);
        quality = new QualityCounter(header);
      }
      wholeRate = wholeFileRateFor(mm);
      return;
    }
    const f = fields as RowFields;
    f.split(buf, start, end, line, byteOffset);
    const t = f.time();
    if (header.format === 'mind-monitor') {
      const elements = header.elementsColumn >= 0 && !f.isEmpty(header.elementsColumn);
      if (elements) markers++;
      if (!hasAnyValue(f, dataColumns)) {
        if (!elements) skippedRows++;
        return;
      }
      (quality as QualityCounter).add(f);
      if (wholeRate.meter.rows === 0 && f.clock.form === 'datetime')
        startTime = f.text(header.timeColumn).replace(' ', 'T');
    } else {
      for (const k of header.markerColumns) if (markerLabel(f, k) !== null) markers++;
      // Seconds after 2001 are epoch time; smaller ones are an LSL local_clock, which has no calendar date.
      // Beyond year 275760 there is no Date: such a stamp is garbage, not a start time.
      if (wholeRate.meter.rows === 0 && t > 1e9 && t < 8.64e12) startTime = new Date(t * 1000).toISOString();
    }
    wholeRate.add(t);
  };

  const splitter = new LineSplitter(file, onLine);

  const fail = (line: number, expected: string, found: string) =>
    new RecordingError({ file, line, byteOffset: splitter.byteCount, expected, found });

  return {
    push(bytes) {
      if (error) return;
      try {
        splitter.push(bytes);
      } catch (err) {
        // Past the header, a bad row ends the scan; pass 2 still delivers everything before it.
        if (err instanceof RecordingError && header) error = err;
        else throw err;
      }
    },
    end() {
      if (!error) {
        try {
          splitter.end();
        } catch (err) {
          if (err instanceof RecordingError && header) error = err;
          else throw err;
        }
      }
      if (!header) {
        throw fail(
          Math.max(1, splitter.lineCount),
          'a header line',
          splitter.byteCount === 0 ? 'an empty file' : 'only blank lines',
        );
      }
      const h: HeaderColumns = header;
      const rate = wholeRate.meter;
      const mm = h.format === 'mind-monitor';
      const decision = decideRate(
        wholeRate,
        mm,
        h.eegColumns.some((k) => k >= 0),
        h.bandColumns.some((k) => k >= 0),
      );
      if (decision === 'too-few-rows') {
        if (error) throw error;
        throw fail(
          splitter.lineCount + 1,
          'at least 2 data rows after the header (to measure the sample rate)',
          rate.rows === 0 ? 'none' : '1',
        );
      }
      if (decision === 'no-time') {
        throw fail(
          splitter.lineCount,
          'timestamps that advance over the file',
          `${rate.rows} data rows from ${rate.first} to ${rate.last}`,
        );
      }
      if (decision === 'no-bands') {
        throw fail(
          headerLine,
          'Delta_/Theta_/Alpha_/Beta_/Gamma_ columns in a Mind Monitor file without 256 Hz RAW',
          `rows at ${rate.wholeFileRate.toFixed(2)} Hz and no band columns`,
        );
      }
      const { sampleRate, measuredRate, hasRawEeg, nominal } = decision;
      const warnings: string[] = [];
      if (hasRawEeg && !nominal) {
        warnings.push(
          `measured rate ${measuredRate.toFixed(2)} Hz is not a Muse rate (256 or 220 Hz within 5 %, gaps ` +
            'counted back); using it as is, and gaps are found against it',
        );
        if (measuredRate < RAW_EEG_MIN_RATE_HZ) {
          warnings.push(`rate ${measuredRate.toFixed(2)} Hz is too low for EEG band powers`);
        }
      } else if (nominal && nominal.gaps > 0) {
        warnings.push(
          `${nominal.gaps} gap(s) in the timestamps, ${nominal.lostSamples} samples ` +
            `(${(nominal.lostSamples / sampleRate).toFixed(3)} s) missing: reading reports them as gaps`,
        );
      }
      const form = fields?.clock.form;
      if (form === 'minutes') {
        warnings.push(
          'TimeStamp is minutes:seconds only (a spreadsheet dropped date and hour); hour rollovers were ' +
            `unwrapped (${fields?.clock.rollovers ?? 0}) to keep time monotonic`,
        );
      } else if (form === 'time-of-day') {
        warnings.push('TimeStamp has no date; midnight rollovers were unwrapped to keep time monotonic');
      }
      if (skippedRows > 0) warnings.push(`${skippedRows} row(s) with neither data nor an event were skipped`);
      if (error) warnings.push(`reading stops at line ${error.line}: ${error.message}`);

      const plan: ReadPlan = {
        header: h.header,
        columns: h.columns,
        minFields: h.lastColumnOptional ? h.columns.length - 1 : h.columns.length,
        timeColumn: h.timeColumn,
        timeKind: mm ? 'clock' : 'seconds',
        eegColumns: h.eegColumns,
        dataColumns,
        markerColumns: h.markerColumns,
        elementsColumn: h.elementsColumn,
        bandColumns: h.bandColumns,
        eegOffsetUv: mm ? MIND_MONITOR_RAW_OFFSET_UV : 0,
        gapThresholdS: gapThreshold(mm, sampleRate),
      };
      const errorInfo: RecordingErrorInfo | undefined = error ? (error as RecordingError).info() : undefined;
      return {
        file,
        format: h.format,
        ...(h.layout ? { layout: h.layout } : {}),
        channels: h.channels,
        sampleRate,
        measuredRate,
        hasRawEeg,
        ...(hasRawEeg ? {} : { bands: [...MIND_MONITOR_BANDS], note: BAND_POWER_NOTE }),
        rows: rate.rows,
        markers,
        durationS: rate.latest - rate.first + 1 / sampleRate,
        ...(startTime ? { startTime } : {}),
        ignoredColumns: h.ignoredColumns,
        backwardSteps: rate.backwardSteps,
        ...(quality ? { quality: (quality as QualityCounter).result() } : {}),
        warnings,
        ...(errorInfo ? { error: errorInfo } : {}),
        plan,
      };
    },
  };
}
