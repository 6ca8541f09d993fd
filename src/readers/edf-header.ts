/**
 * The EDF/BDF header: a fixed 256-byte part, then 256 bytes per signal, each field space-padded ASCII.
 * Every field is checked where it sits, so an error names its byte offset and the field; claims that would
 * need absurd memory (signals, samples per record, annotation bytes) are refused before anything is allocated.
 */
import { normalizeLabel } from '../../dsp/electrodes.ts';
import { RecordingError, quoteBytes } from './recording-error.ts';
import type { EdfRecordingFormat, EdfSignal, EdfSignalRole, EdfVariant } from './recording-types.ts';

export const EDF_FIXED_HEADER_BYTES = 256;
export const EDF_SIGNAL_HEADER_BYTES = 256;
/** More signals than any cap or PSG montage has; the header alone would pass 1 MB. */
export const MAX_SIGNALS = 4096;
/** Samples of one signal in one data record: an hour at 2 kHz. Beyond it the header is not believed. */
export const MAX_SAMPLES_PER_RECORD = 8_000_000;
/** Samples of the streamed channels held for one data record (16 MB of Float32): 64 channels at 2 kHz for
 * 30 s records fit. */
export const MAX_RECORD_SAMPLES = 1 << 22;
/** Bytes of all annotation signals kept for one data record (real files use a few hundred). */
export const MAX_ANNOTATION_BYTES = 1 << 22;

const EXPECT_VERSION = `"0       " (EDF) or "\\xFFBIOSEMI" (BDF)`;

/** Field name, width and where it starts within one signal header block (offsets are × number of signals). */
const SIGNAL_FIELDS = [
  ['label', 16],
  ['transducer type', 80],
  ['physical dimension', 8],
  ['physical minimum', 8],
  ['physical maximum', 8],
  ['digital minimum', 8],
  ['digital maximum', 8],
  ['prefiltering', 80],
  ['number of samples in each data record', 8],
  ['reserved', 32],
] as const;

export interface EdfFixedHeader {
  readonly format: EdfRecordingFormat;
  readonly variant: EdfVariant;
  readonly bytesPerSample: 2 | 3;
  readonly headerText: string;
  readonly patient: string;
  readonly recording: string;
  readonly startDate: string;
  readonly startTime: string;
  readonly headerBytes: number;
  readonly recordsClaimed: number;
  readonly recordDurationS: number;
  readonly signalCount: number;
}

export interface EdfHeader extends EdfFixedHeader {
  readonly signals: EdfSignal[];
  readonly recordBytes: number;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i] as number);
  return s;
}

/** Reads fields of a header block whose first byte is at `base` in the file. */
class FieldReader {
  constructor(
    private readonly file: string,
    private readonly buf: Uint8Array,
    private readonly base: number,
  ) {}

  fail(at: number, width: number, field: string, expected: string): RecordingError {
    return new RecordingError({
      file: this.file,
      line: 0,
      byteOffset: this.base + at,
      field,
      expected,
      found: width > 0 ? quoteBytes(this.buf, at, at + width) : 'the end of the header',
    });
  }

  text(at: number, width: number): string {
    return latin1(this.buf, at, at + width).replace(/[\s\0]+$/, '');
  }

  /** A number written in ASCII, padded with spaces. Integers only when `integer`. */
  number(at: number, width: number, field: string, integer: boolean): number {
    const t = this.text(at, width).trim();
    const ok = integer ? /^[+-]?\d+$/.test(t) : /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t);
    const v = ok ? Number(t) : NaN;
    if (!Number.isFinite(v)) {
      throw this.fail(at, width, field, integer ? 'an integer in ASCII' : 'a number in ASCII');
    }
    return v;
  }
}

/** What the first bytes say: 'edf', 'bdf', or null when the file is neither. */
export function sniffEdf(buf: Uint8Array): EdfRecordingFormat | null {
  if (buf.length >= 8 && buf[0] === 0x30) {
    for (let i = 1; i < 8; i++) if (buf[i] !== 0x20) return null;
    return 'edf';
  }
  if (buf.length >= 8 && buf[0] === 0xff && latin1(buf, 1, 8) === 'BIOSEMI') return 'bdf';
  return null;
}

/** Parses the fixed 256-byte part (`buf` holds at least those bytes, from byte 0 of the file). */
export function readFixedHeader(file: string, buf: Uint8Array): EdfFixedHeader {
  const f = new FieldReader(file, buf, 0);
  const format = sniffEdf(buf);
  if (!format) throw f.fail(0, 8, 'version', EXPECT_VERSION);
  const reserved = f.text(192, 44).trim();
  const plus = reserved.slice(0, 5).toUpperCase();
  let variant: EdfVariant;
  if (format === 'edf') variant = plus === 'EDF+C' ? 'EDF+C' : plus === 'EDF+D' ? 'EDF+D' : 'EDF';
  else variant = plus === 'BDF+C' ? 'BDF+C' : plus === 'BDF+D' ? 'BDF+D' : 'BDF';
  const headerBytes = f.number(184, 8, 'number of bytes in header record', true);
  const recordsClaimed = f.number(236, 8, 'number of data records', true);
  if (recordsClaimed < -1) throw f.fail(236, 8, 'number of data records', 'a count ≥ 0, or -1 (unknown)');
  const recordDurationS = f.number(244, 8, 'duration of a data record', false);
  if (recordDurationS < 0) throw f.fail(244, 8, 'duration of a data record', 'seconds ≥ 0');
  const signalCount = f.number(252, 4, 'number of signals', true);
  if (signalCount < 1 || signalCount > MAX_SIGNALS) {
    throw f.fail(252, 4, 'number of signals', `1 to ${MAX_SIGNALS} signals`);
  }
  const expectedBytes = EDF_FIXED_HEADER_BYTES + signalCount * EDF_SIGNAL_HEADER_BYTES;
  if (headerBytes !== expectedBytes) {
    throw f.fail(
      184,
      8,
      'number of bytes in header record',
      `256 × (1 + number of signals) = ${expectedBytes} for ${signalCount} signals`,
    );
  }
  return {
    format,
    variant,
    bytesPerSample: format === 'bdf' ? 3 : 2,
    headerText: latin1(buf, 0, EDF_FIXED_HEADER_BYTES),
    patient: f.text(8, 80).trim(),
    recording: f.text(88, 80).trim(),
    startDate: f.text(168, 8).trim(),
    startTime: f.text(176, 8).trim(),
    headerBytes,
    recordsClaimed,
    recordDurationS,
    signalCount,
  };
}

const VOLTAGE_UV: Readonly<Record<string, number>> = { uv: 1, µv: 1, mv: 1000, v: 1e6, nv: 1e-3 };

/** µV per physical unit, or null when the dimension is not a voltage. */
export function microvoltsPer(dimension: string): number | null {
  return VOLTAGE_UV[dimension.trim().toLowerCase().replace('\u00b5', 'µ')] ?? null;
}

const NON_EEG_TYPES =
  /^(eog|emg|ecg|ekg|resp|sao2|spo2|temp|event|light|sound|pos|pleth|hr|ppg|status|trigger|accel|gyro|marker|ms|ergo|nib|mic)\b/i;

function roleOf(label: string, dimension: string, format: EdfRecordingFormat): EdfSignalRole {
  const l = label.trim();
  if (l === (format === 'bdf' ? 'BDF Annotations' : 'EDF Annotations') || l === 'EDF Annotations') {
    return 'annotations';
  }
  if (/^eeg\b/i.test(l)) return 'eeg';
  if (NON_EEG_TYPES.test(l)) return 'other';
  return microvoltsPer(dimension) !== null ? 'eeg' : 'other';
}

/** Parses the signal headers (`buf` holds `256 × signalCount` bytes starting at file byte 256). */
export function readSignalHeaders(file: string, fixed: EdfFixedHeader, buf: Uint8Array): EdfHeader {
  const ns = fixed.signalCount;
  const f = new FieldReader(file, buf, EDF_FIXED_HEADER_BYTES);
  const starts: number[] = [];
  let at = 0;
  for (const [, width] of SIGNAL_FIELDS) {
    starts.push(at);
    at += width * ns;
  }
  const pos = (field: number, i: number) => (starts[field] as number) + i * (SIGNAL_FIELDS[field]?.[1] ?? 0);
  const digitalLimit = fixed.bytesPerSample === 3 ? 8388608 : 32768;
  const signals: EdfSignal[] = [];
  let recordBytes = 0;
  let annotationBytes = 0;
  for (let i = 0; i < ns; i++) {
    const label = f.text(pos(0, i), 16).trim();
    const physicalDimension = f.text(pos(2, i), 8).trim();
    const num = (field: number, integer: boolean) =>
      f.number(pos(field, i), SIGNAL_FIELDS[field]?.[1] ?? 0, fieldName(field, i, label), integer);
    const physicalMin = num(3, false);
    const physicalMax = num(4, false);
    const digitalMin = num(5, true);
    const digitalMax = num(6, true);
    const samplesPerRecord = num(8, true);
    const name = (field: number) => fieldName(field, i, label);
    if (digitalMin < -digitalLimit || digitalMin > digitalLimit - 1) {
      throw f.fail(pos(5, i), 8, name(5), `a value in ${-digitalLimit}..${digitalLimit - 1}`);
    }
    if (digitalMax <= digitalMin || digitalMax > digitalLimit - 1) {
      throw f.fail(
        pos(6, i),
        8,
        name(6),
        `a value above the digital minimum ${digitalMin}, at most ${digitalLimit - 1}`,
      );
    }
    if (physicalMax === physicalMin) {
      throw f.fail(pos(4, i), 8, name(4), `a value other than the physical minimum ${physicalMin}`);
    }
    if (samplesPerRecord < 1 || samplesPerRecord > MAX_SAMPLES_PER_RECORD) {
      throw f.fail(pos(8, i), 8, name(8), `1 to ${MAX_SAMPLES_PER_RECORD} samples`);
    }
    const role = roleOf(label, physicalDimension, fixed.format);
    if (role === 'annotations') {
      annotationBytes += samplesPerRecord * fixed.bytesPerSample;
      if (annotationBytes > MAX_ANNOTATION_BYTES) {
        throw f.fail(
          pos(8, i),
          8,
          name(8),
          `at most ${MAX_ANNOTATION_BYTES} bytes of annotations per data record over all annotation signals`,
        );
      }
    }
    if (role !== 'annotations' && fixed.recordDurationS === 0) {
      throw new RecordingError({
        file,
        line: 0,
        byteOffset: 244,
        field: 'duration of a data record',
        expected: 'a duration > 0 when the file has signals other than annotations',
        found: `0 with signal ${i + 1} ${JSON.stringify(label)}`,
      });
    }
    recordBytes += samplesPerRecord * fixed.bytesPerSample;
    signals.push({
      index: i,
      label,
      transducer: f.text(pos(1, i), 80).trim(),
      physicalDimension,
      physicalMin,
      physicalMax,
      digitalMin,
      digitalMax,
      prefiltering: f.text(pos(7, i), 80).trim(),
      samplesPerRecord,
      sampleRate: fixed.recordDurationS > 0 ? samplesPerRecord / fixed.recordDurationS : 0,
      role,
    });
  }
  return { ...fixed, signals, recordBytes };
}

function fieldName(field: number, i: number, label: string): string {
  return `${SIGNAL_FIELDS[field]?.[0] ?? 'field'} of signal ${i + 1} ${JSON.stringify(label)}`;
}

/** `dd.mm.yy` + `hh.mm.ss` as ISO 8601 without zone; EDF+ years 85..99 are 19xx, the rest 20xx. */
export function isoStartTime(date: string, time: string, recording: string): string | undefined {
  const d = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(date);
  const t = /^(\d\d)\.(\d\d)\.(\d\d)$/.exec(time);
  if (!d || !t) return undefined;
  // EDF+ spells the 4-digit year out in the recording field: "Startdate 12-AUG-2009 …".
  const full = /^Startdate \d\d-[A-Z]{3}-(\d{4})\b/.exec(recording)?.[1];
  const yy = Number(d[3]);
  const year = full ?? String(yy >= 85 ? 1900 + yy : 2000 + yy);
  return `${year}-${d[2]}-${d[1]}T${t[1]}:${t[2]}:${t[3]}`;
}

export { normalizeLabel };

/** The signals to stream: the requested ones (all at one rate), or EEG-typed signals at their highest rate. */
export function selectSignals(
  file: string,
  signals: readonly EdfSignal[],
  requested: readonly string[] | undefined,
): number[] {
  const data = signals.filter((s) => s.role !== 'annotations');
  if (requested && requested.length > 0) {
    const picked: EdfSignal[] = [];
    for (const name of requested) {
      const want = normalizeLabel(name);
      const s =
        data.find((x) => x.label === name.trim()) ?? data.find((x) => normalizeLabel(x.label) === want);
      if (!s) {
        throw new RecordingError({
          file,
          line: 0,
          byteOffset: EDF_FIXED_HEADER_BYTES,
          field: 'label',
          expected: `a signal named ${JSON.stringify(name)} (signals: ${data.map((x) => x.label).join(', ')})`,
          found: 'none',
        });
      }
      if (!picked.includes(s)) picked.push(s);
    }
    const rates = [...new Set(picked.map((s) => s.sampleRate))];
    if (rates.length > 1) {
      throw new RecordingError({
        file,
        line: 0,
        byteOffset: EDF_FIXED_HEADER_BYTES,
        field: 'number of samples in each data record',
        expected: 'channels that share one sample rate',
        found: picked.map((s) => `${s.label} at ${s.sampleRate} Hz`).join(', '),
      });
    }
    return picked.map((s) => s.index);
  }
  const eeg = data.filter((s) => s.role === 'eeg');
  const pool = eeg.length > 0 ? eeg : data;
  const top = pool.reduce((m, s) => Math.max(m, s.sampleRate), 0);
  return pool.filter((s) => s.sampleRate === top).map((s) => s.index);
}
