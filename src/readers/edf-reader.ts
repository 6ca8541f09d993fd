/**
 * The two reader passes for EDF, EDF+, BDF and BDF+ (see index.ts for the API).
 *
 * - Channels: the requested signals (`--channels O1,O2,Oz`, matched by label without "EEG " or trailing dots),
 *   all at one rate; by default every EEG-typed signal at the highest EEG rate. The annotation signal is never
 *   EEG; signals at other rates are listed in `scan.ignoredColumns` with their rates and not streamed.
 * - Samples are physical values (`physical min + (digital - digital min) × gain`, so inverted physical ranges
 *   invert the signal), converted to µV when the dimension is a voltage. One SampleChunk per data record.
 * - Time: session time 0 is the first record's onset. Record onsets come from each record's time-keeping TAL
 *   (EDF+/BDF+), otherwise record × duration. A record starting later than the previous one ended (EDF+D) is a
 *   GapMarker of exactly round(gap × rate) samples; a record starting before the previous one ended is an error.
 * - Annotations become EventMarkers (label = text) at their onset, delivered once the samples before them are.
 * - Truncated files: every complete record is delivered, then a RecordingError says how much is missing.
 */
import { isoStartTime, selectSignals, type EdfHeader } from './edf-header.ts';
import type { Tal } from './edf-tal.ts';
import { CrlfCounter, CrlfRepair } from './crlf-repair.ts';
import { EdfWalker, type EdfRecord } from './edf-walker.ts';
import { RecordingError, type RecordingErrorInfo } from './recording-error.ts';
import type { EdfPlan, EdfRecordingScan, ParseSummary } from './recording-types.ts';
import type { EventMarker, SourceEvent } from '../source/types.ts';
import { failOnce } from './guarded-lines.ts';

export interface EdfScanOptions {
  /** Signal labels to stream, in this order; default: EEG-typed signals at the highest EEG rate. */
  readonly channels?: readonly string[];
}

export const ANNOTATION_ONLY_NOTE =
  'This file holds annotations only (e.g. a hypnogram): there is no signal to replay, only its events.';

/** Onset of a record from its time-keeping TAL, or null when it has none. */
function recordOnset(tals: readonly Tal[][]): Tal | null {
  const first = tals[0]?.[0];
  return first && first.texts[0] === '' ? first : null;
}

/** The annotations of a record: every non-empty text, the time-keeping TAL's own empty text excluded. */
export function recordAnnotations(tals: readonly Tal[][]): { tal: Tal; text: string }[] {
  const out: { tal: Tal; text: string }[] = [];
  for (const list of tals)
    for (const tal of list) for (const text of tal.texts) if (text !== '') out.push({ tal, text });
  return out;
}

/** Follows record onsets; finds gaps between records and records that overlap. */
class RecordClock {
  firstOnset = NaN;
  private nextOnset = NaN;
  hasTimeKeeping = true;

  constructor(
    private readonly file: string,
    private readonly durationS: number,
    private readonly rate: number,
  ) {}

  /** Samples missing before this record (0 for contiguous records). */
  advance(record: EdfRecord): number {
    const tk = recordOnset(record.tals);
    if (!tk) this.hasTimeKeeping = false;
    const onset = tk ? tk.onsetS : record.index * this.durationS;
    if (this.firstOnset !== this.firstOnset) {
      this.firstOnset = onset;
      this.nextOnset = onset + this.durationS;
      return 0;
    }
    const delta = onset - this.nextOnset;
    const missing = this.rate > 0 ? Math.round(delta * this.rate) : 0;
    // Half a sample of slack: onsets are decimal text, record durations may be fractions like 0.1.
    if (this.rate > 0 && missing < 0) {
      throw new RecordingError({
        file: this.file,
        line: 0,
        byteOffset: tk?.byteOffset ?? record.byteOffset,
        field: `onset of data record ${record.index + 1}`,
        expected: `a record starting at or after ${fmt(this.nextOnset)} s (the previous record's end)`,
        found: `+${fmt(onset)} s: records overlap or go backwards`,
      });
    }
    this.nextOnset = onset + this.durationS;
    return missing;
  }
}

function fmt(x: number): string {
  return String(Math.round(x * 1e6) / 1e6);
}

function describeSignal(h: EdfHeader, i: number): string {
  const s = h.signals[i];
  if (!s) return '';
  if (s.role === 'annotations') return `${s.label} (annotations)`;
  return h.recordDurationS > 0 ? `${s.label} (${fmt(s.sampleRate)} Hz)` : s.label;
}

/** The error for a file that ends before the records its header claims, or inside a record. */
function truncationError(file: string, walker: EdfWalker): RecordingError | null {
  const h = walker.header as EdfHeader;
  const claimed = h.recordsClaimed;
  const partial = walker.partialBytes;
  if (partial === 0 && (claimed < 0 || walker.records >= claimed)) return null;
  const dur = h.recordDurationS;
  const read = `${walker.records} complete data record(s) (${fmt(walker.records * dur)} s) replayed`;
  const partialText =
    partial > 0 ? ` and ${partial} of the ${h.recordBytes} bytes of record ${walker.records + 1}` : '';
  if (claimed < 0) {
    return new RecordingError({
      file,
      line: 0,
      byteOffset: walker.byteCount,
      field: `data record ${walker.records + 1}`,
      expected: `${h.recordBytes} bytes per data record`,
      found: `the end of the file after ${partial} bytes of it: the file is truncated; ${read}`,
    });
  }
  return new RecordingError({
    file,
    line: 0,
    byteOffset: walker.byteCount,
    field: 'number of data records',
    expected: `${claimed} data records of ${h.recordBytes} bytes (${fmt(claimed * dur)} s), as the header says`,
    found:
      `the end of the file after ${walker.records} record(s)${partialText}: the file is truncated; ${read}, ` +
      `${fmt((claimed - walker.records) * dur)} s missing`,
  });
}

export interface EdfScanner {
  push(bytes: Uint8Array): void;
  end(): EdfRecordingScan;
}

/** One walk of pass 1 over the file as it is, or as repaired from a text-mode transfer. */
class ScanPass {
  clock: RecordClock | null = null;
  rate = 0;
  markers = 0;
  gaps = 0;
  gapSamples = 0;
  lastOnset = NaN;
  error: RecordingError | null = null;
  readonly walker: EdfWalker;

  constructor(file: string, options: EdfScanOptions) {
    this.walker = new EdfWalker(file, false, {
      header: (h) => {
        const selected = selectSignals(file, h.signals, options.channels);
        this.rate = selected.length > 0 ? (h.signals[selected[0] as number]?.sampleRate ?? 0) : 0;
        this.clock = new RecordClock(file, h.recordDurationS, this.rate);
        return selected;
      },
      record: (record) => {
        const missing = (this.clock as RecordClock).advance(record);
        if (missing > 0) {
          this.gaps++;
          this.gapSamples += missing;
        }
        this.markers += recordAnnotations(record.tals).length;
        this.lastOnset = recordOnset(record.tals)?.onsetS ?? NaN;
      },
    });
  }

  push(bytes: Uint8Array): void {
    if (this.error) return;
    try {
      this.walker.push(bytes);
    } catch (err) {
      // Past the header, a bad record ends the scan; pass 2 still delivers everything before it.
      if (err instanceof RecordingError && this.walker.headerDone) this.error = err;
      else throw err;
    }
  }

  /** Finishes the walk: the truncation error, if the file ends early. */
  finish(file: string): void {
    if (this.walker.headerDone && !this.error) this.error = truncationError(file, this.walker);
  }
}

export function createEdfScanner(file: string, options: EdfScanOptions = {}): EdfScanner {
  const raw = new ScanPass(file, options);
  const counter = new CrlfCounter();
  // Walked beside the file as is while every LF so far has a CR before it; dropped at the first bare LF.
  let repaired: { pass: ScanPass; repair: CrlfRepair } | null = {
    pass: new ScanPass(file, options),
    repair: new CrlfRepair(),
  };

  return {
    push(bytes) {
      raw.push(bytes);
      if (!repaired) return;
      counter.push(bytes);
      if (counter.lf > counter.crlf) repaired = null;
      else {
        try {
          repaired.pass.push(repaired.repair.push(bytes));
        } catch (err) {
          if (!(err instanceof RecordingError)) throw err;
          repaired = null;
        }
      }
    },
    end() {
      raw.finish(file);
      let chosen = raw;
      let crRemoved = 0;
      if (repaired && counter.mangled && (raw.error || raw.walker.extraBytes > 0)) {
        const tail = repaired.repair.end();
        if (tail.length > 0) repaired.pass.push(tail);
        repaired.pass.finish(file);
        const flaws = (p: ScanPass) => (p.error ? 1 : 0) + (p.walker.extraBytes > 0 ? 1 : 0);
        const better =
          repaired.pass.walker.headerDone &&
          (flaws(repaired.pass) < flaws(raw) ||
            (flaws(repaired.pass) === flaws(raw) && repaired.pass.walker.records > raw.walker.records));
        if (better) {
          chosen = repaired.pass;
          crRemoved = repaired.repair.removed;
        }
      }
      const { walker, markers, gaps, gapSamples, lastOnset, rate } = chosen;
      const error = chosen.error;
      if (!walker.headerDone) {
        if (error) throw error;
        throw walker.headerTruncated();
      }
      const h = walker.header as EdfHeader;
      const selected = walker.selected;
      const c = chosen.clock as RecordClock;
      const warnings: string[] = [];
      const records = walker.records;
      if (records === 0 && !error) {
        throw new RecordingError({
          file,
          line: 0,
          byteOffset: h.headerBytes,
          field: 'number of data records',
          expected: 'at least one data record after the header',
          found: `${h.recordsClaimed} claimed and none in the file`,
        });
      }
      if (crRemoved > 0) {
        warnings.push(
          `the file was damaged by a text-mode transfer (a CR written before each of its ${crRemoved} LF bytes, ` +
            'e.g. git autocrlf): the CRs are removed while reading, and byte offsets below count without them',
        );
      }
      if (walker.extraBytes > 0) {
        warnings.push(
          `${walker.extraBytes} bytes after the ${h.recordsClaimed} data records the header claims were ignored`,
        );
      }
      if (h.variant.endsWith('+C') && gaps > 0) {
        warnings.push(`the header says continuous (${h.variant}) but record onsets leave ${gaps} gap(s)`);
      }
      if (h.variant.includes('+') && records > 0 && !c.hasTimeKeeping) {
        warnings.push('some data records lack a time-keeping annotation; they are taken as contiguous');
      }
      const hasRawEeg = selected.length > 0;
      const fs = hasRawEeg ? rate : 1;
      const perRecord = hasRawEeg ? (h.signals[selected[0] as number]?.samplesPerRecord ?? 0) : 0;
      const firstOnset = c.firstOnset === c.firstOnset ? c.firstOnset : 0;
      const spanS =
        lastOnset === lastOnset ? lastOnset - firstOnset + h.recordDurationS : records * h.recordDurationS;
      const durationS = hasRawEeg ? (records * perRecord + gapSamples) / fs : spanS;
      if (gaps > 0) {
        warnings.push(
          `${gaps} gap(s) between data records, ${gapSamples} samples (${fmt(gapSamples / fs)} s) missing`,
        );
      }
      if (error) warnings.push(`reading stops at byte ${error.byteOffset}: ${error.message}`);
      const selectedSet = new Set(selected);
      const plan: EdfPlan = {
        variant: h.variant,
        bytesPerSample: h.bytesPerSample,
        header: h.headerText,
        headerBytes: h.headerBytes,
        recordDurationS: h.recordDurationS,
        recordBytes: h.recordBytes,
        recordsClaimed: h.recordsClaimed,
        records,
        patient: h.patient,
        recording: h.recording,
        signals: h.signals,
        selected,
        annotationSignals: h.signals.filter((s) => s.role === 'annotations').map((s) => s.index),
        firstOnsetS: firstOnset,
        crlfRepaired: crRemoved > 0,
      };
      const startTime = isoStartTime(h.startDate, h.startTime, h.recording);
      const errorInfo: RecordingErrorInfo | undefined = error ? error.info() : undefined;
      return {
        file,
        format: h.format,
        layout: h.variant,
        channels: selected.map((i) => h.signals[i]?.label ?? ''),
        sampleRate: fs,
        measuredRate: hasRawEeg ? rate : 0,
        hasRawEeg,
        rows: records * perRecord,
        markers,
        durationS,
        ...(startTime ? { startTime } : {}),
        ignoredColumns: h.signals
          .filter((s) => !selectedSet.has(s.index))
          .map((s) => describeSignal(h, s.index)),
        backwardSteps: 0,
        ...(hasRawEeg ? {} : { note: ANNOTATION_ONLY_NOTE }),
        warnings,
        ...(errorInfo ? { error: errorInfo } : {}),
        edf: plan,
      };
    },
  };
}

export interface EdfParser {
  push(bytes: Uint8Array): void;
  end(): ParseSummary;
}

interface PendingMarker {
  readonly index: number;
  readonly event: EventMarker;
}

export function createEdfParser(scan: EdfRecordingScan, onEvent: (e: SourceEvent) => void): EdfParser {
  const plan = scan.edf;
  const file = scan.file;
  const fs = scan.sampleRate;
  const raw = scan.hasRawEeg;
  const clock = new RecordClock(file, plan.recordDurationS, raw ? fs : 0);
  const pending: PendingMarker[] = [];
  let index = 0;
  let rows = 0;
  let markers = 0;
  let gaps = 0;
  let gapSamples = 0;

  const emitMarkersBefore = (limit: number) => {
    let n = 0;
    while (n < pending.length && (pending[n] as PendingMarker).index < limit) n++;
    for (const m of pending.splice(0, n)) onEvent(m.event);
  };

  const walker = new EdfWalker(file, true, {
    header(h) {
      if (h.headerText !== plan.header) {
        throw new RecordingError({
          file,
          line: 0,
          byteOffset: 0,
          field: 'header',
          expected: 'the header the scan read',
          found: 'a different one: did the file change between the two passes?',
        });
      }
      return plan.selected;
    },
    record(record) {
      const missing = clock.advance(record);
      if (missing > 0) {
        emitMarkersBefore(index);
        onEvent({
          kind: 'gap',
          t: index / fs,
          index,
          missingSamples: missing,
          reason: `data record ${record.index + 1} starts ${fmt(missing / fs)} s after the previous one ended`,
        });
        gaps++;
        gapSamples += missing;
        index += missing;
      }
      const length = record.data[0]?.length ?? 0;
      if (raw && length > 0) {
        onEvent({ kind: 'samples', t0: index / fs, index, sampleRate: fs, data: record.data, length });
        index += length;
        rows += length;
      }
      for (const { tal, text } of recordAnnotations(record.tals)) {
        markers++;
        const t = Math.max(0, tal.onsetS - clock.firstOnset);
        const at = raw ? Math.round(t * fs) : 0;
        const m: PendingMarker = { index: at, event: { kind: 'marker', t, label: text } };
        let k = pending.length;
        while (k > 0 && (pending[k - 1] as PendingMarker).index > at) k--;
        pending.splice(k, 0, m);
      }
      emitMarkersBefore(raw ? index : Infinity);
    },
  });

  const guarded = failOnce(() => emitMarkersBefore(index));

  const repair = plan.crlfRepaired ? new CrlfRepair() : null;
  return {
    push(bytes) {
      guarded(() => walker.push(repair ? repair.push(bytes) : bytes));
    },
    end() {
      guarded(() => {
        const tail = repair?.end();
        if (tail && tail.length > 0) walker.push(tail);
        if (!walker.headerDone) throw walker.headerTruncated();
        const truncated = truncationError(file, walker);
        if (truncated) throw truncated;
        if (scan.error) throw new RecordingError(scan.error);
        emitMarkersBefore(Infinity);
      });
      const warnings: string[] = [];
      if (gaps > 0) warnings.push(`${gaps} gap(s) between data records, ${gapSamples} samples missing`);
      return {
        rows,
        sampleCount: raw ? index : 0,
        durationS: raw ? index / fs : scan.durationS,
        gaps,
        gapSamples,
        zeroFilledRuns: 0,
        zeroFilledSamples: 0,
        markers,
        missingValues: 0,
        skippedRows: 0,
        clockResets: 0,
        warnings,
      };
    },
  };
}
