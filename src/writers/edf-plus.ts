/**
 * EDF+ export of a session (live or replayed): sample chunks, gaps and markers in, a conformant EDF+ file out.
 *
 * - Ranges: each signal's physical range is its own minimum and maximum, rounded outwards to what 8 ASCII
 *   characters can hold, so no sample clips; digital range is the full 16-bit one (-32768..32767), so the
 *   resolution is (max - min) / 65535 µV.
 * - Records: EDF+C when nothing was lost, EDF+D with gaps. Record length is chosen so that the recording and
 *   every gap start and end on a record boundary (the largest divisor of one second's samples, ≥ 4 samples,
 *   whose duration 8 characters spell exactly): gaps are then exact, as records that are simply not there.
 *   When no such length exists, the rest of a partly filled record is filler (0 µV), and an annotation says
 *   where and how much.
 * - Missing samples inside chunks (NaN) are written as 0 µV and annotated, since EDF has no missing value.
 * - The annotation signal ("EDF Annotations") holds each record's time-keeping TAL, the markers, every gap
 *   ("gap: N samples missing: reason") and any note passed to `annotate` (e.g. reconnects).
 *
 * Everything is kept until `finish()` (the ranges depend on every sample): 4 channels at 256 Hz is 15 MB an hour.
 */
import type { SourceEvent } from '../source/types.ts';

export interface EdfPlusOptions {
  readonly channels: readonly string[];
  /** Samples per second; must make whole records (integer rates always do). */
  readonly sampleRate: number;
  /** Wall-clock start, written as the header's start date and time (UTC fields). */
  readonly startTime?: Date;
  /** EDF+ patient subfields "code sex birthdate name"; default "X X X X" (anonymous). */
  readonly patient?: string;
  /** Equipment, after "Startdate dd-MMM-yyyy X X"; default "NeuroSleep". */
  readonly equipment?: string;
}

export interface EdfPlusResult {
  /** The file, in parts (header, then blocks of records): `new Blob(parts)` or concatenate. */
  readonly parts: Uint8Array[];
  readonly bytes: number;
  readonly variant: 'EDF+C' | 'EDF+D';
  readonly samplesPerRecord: number;
  readonly recordDurationS: number;
  readonly records: number;
  readonly fillerSamples: number;
  readonly missingWrittenAsZero: number;
  readonly annotations: number;
}

interface Run {
  /** Sample index of the run's first sample. */
  readonly start: number;
  readonly data: Float32Array[];
  length: number;
}

interface Note {
  readonly t: number;
  readonly durationS: number | null;
  readonly text: string;
}

const DIGITAL_MIN = -32768;
const DIGITAL_MAX = 32767;
const LIMIT_UV = 9_999_999;
/** 8 characters cannot spell shorter durations at 256 Hz (4 / 256 = 0.015625). */
const MIN_RECORD_SAMPLES = 4;
const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

export class EdfPlusWriter {
  private readonly runs: Run[] = [];
  private readonly notes: Note[] = [];
  private next = 0;
  private readonly nc: number;

  constructor(private readonly options: EdfPlusOptions) {
    if (!(options.sampleRate > 0) || !Number.isFinite(options.sampleRate)) {
      throw new RangeError(`sample rate ${options.sampleRate} Hz cannot be written to EDF`);
    }
    if (options.channels.length === 0) throw new RangeError('nothing to write: no channels');
    this.nc = options.channels.length;
  }

  /** Takes the session's events in order. */
  push(e: SourceEvent): void {
    switch (e.kind) {
      case 'samples':
        this.samples(e.index, e.data, e.length);
        break;
      case 'gap':
        this.notes.push({
          t: e.t,
          durationS: e.missingSamples / this.options.sampleRate,
          text: `gap: ${e.missingSamples} samples missing: ${e.reason}`,
        });
        break;
      case 'marker':
        this.notes.push({ t: e.t, durationS: null, text: e.label });
        break;
      case 'recorded-bandpowers':
        break;
    }
  }

  /** A note on the timeline (a reconnect, a user key), at `t` s of session time. */
  annotate(t: number, text: string, durationS: number | null = null): void {
    this.notes.push({ t, durationS, text });
  }

  private samples(index: number, data: readonly Float32Array[], length: number): void {
    if (length <= 0) return;
    const start = Math.max(index, this.next);
    const skip = start - index;
    if (skip >= length) return;
    let run = this.runs[this.runs.length - 1];
    if (!run || run.start + run.length !== start) {
      run = { start, data: [], length: 0 };
      for (let c = 0; c < this.nc; c++) run.data.push(new Float32Array(Math.max(1024, length)));
      this.runs.push(run);
    }
    const n = length - skip;
    const r = run;
    if (r.length + n > (r.data[0] as Float32Array).length) {
      const size = Math.max(r.length + n, (r.data[0] as Float32Array).length * 2);
      r.data.forEach((d, c) => {
        const grown = new Float32Array(size);
        grown.set(d.subarray(0, r.length));
        r.data[c] = grown;
      });
    }
    for (let c = 0; c < this.nc; c++) {
      const src = data[c];
      const dst = r.data[c] as Float32Array;
      if (src) dst.set(src.subarray(skip, length), r.length);
      else dst.fill(NaN, r.length, r.length + n);
    }
    r.length += n;
    this.next = start + n;
  }

  /** Builds the file. The writer can be finished once; events pushed later are not in it. */
  finish(): EdfPlusResult {
    const fs = this.options.sampleRate;
    const nc = this.nc;
    const runs = this.runs.filter((r) => r.length > 0);
    const perSecond = fs;
    const variant: 'EDF+C' | 'EDF+D' = runs.length > 1 || (runs[0]?.start ?? 0) > 0 ? 'EDF+D' : 'EDF+C';
    const n = recordSamples(fs, runs, perSecond);
    const durationText = spell(n / fs);
    const notes = [...this.notes];

    // Physical ranges over every finite sample, per channel.
    const lo = new Float64Array(nc).fill(Infinity);
    const hi = new Float64Array(nc).fill(-Infinity);
    let missing = 0;
    for (const run of runs) {
      for (let c = 0; c < nc; c++) {
        const d = run.data[c] as Float32Array;
        for (let i = 0; i < run.length; i++) {
          const v = d[i] as number;
          if (v === v && Math.abs(v) <= LIMIT_UV) {
            if (v < (lo[c] as number)) lo[c] = v;
            if (v > (hi[c] as number)) hi[c] = v;
          } else missing++;
        }
      }
    }
    const physMin: string[] = [];
    const physMax: string[] = [];
    for (let c = 0; c < nc; c++) {
      let a = lo[c] as number;
      let b = hi[c] as number;
      if (a > b) [a, b] = [0, 0];
      // 0 µV (filler, missing samples) must be representable too.
      a = Math.min(a, 0);
      b = Math.max(b, 0);
      if (a === b) [a, b] = [a - 1, b + 1];
      physMin.push(spellOutward(a, -1));
      physMax.push(spellOutward(b, 1));
    }
    if (missing > 0)
      notes.push({ t: 0, durationS: null, text: `${missing} missing samples are written as 0 uV` });

    // Records: grid-aligned per run; the rest of a run's last record is filler.
    interface RecordRef {
      readonly onsetIndex: number;
      readonly run: Run;
      readonly offset: number;
    }
    const records: RecordRef[] = [];
    let filler = 0;
    for (const run of runs) {
      const first = Math.floor(run.start / n) * n;
      for (let at = first; at < run.start + run.length; at += n) {
        records.push({ onsetIndex: at, run, offset: at - run.start });
        filler += Math.max(0, run.start - at) + Math.max(0, at + n - (run.start + run.length));
      }
    }
    if (filler > 0) {
      for (const run of runs) {
        const end = run.start + run.length;
        const tail = (n - (end % n)) % n;
        if (tail > 0)
          notes.push({ t: end / fs, durationS: tail / fs, text: `filler: ${tail} samples of 0 uV` });
        const head = run.start % n;
        if (head > 0) {
          notes.push({
            t: (run.start - head) / fs,
            durationS: head / fs,
            text: `filler: ${head} samples of 0 uV`,
          });
        }
      }
    }
    if (records.length === 0) throw new RangeError('nothing to write: no samples');

    // Annotations go into the record holding their onset (or the last one).
    const enc = new TextEncoder();
    const perRecord: Uint8Array[][] = records.map(() => []);
    notes.sort((x, y) => x.t - y.t);
    let r = 0;
    for (const note of notes) {
      const at = Math.round(note.t * fs);
      while (r + 1 < records.length && (records[r + 1] as RecordRef).onsetIndex <= at) r++;
      const text = Array.from(note.text, (ch) => (ch.charCodeAt(0) < 32 ? ' ' : ch)).join('');
      const dur = note.durationS === null ? '' : `\x15${spellFree(note.durationS)}`;
      (perRecord[r] as Uint8Array[]).push(
        enc.encode(`+${spellFree(Math.max(0, note.t))}${dur}\x14${text}\x14\x00`),
      );
    }
    const timeKeeping = records.map((rec) => enc.encode(`+${spellFree(rec.onsetIndex / fs)}\x14\x14\x00`));
    let annotationBytes = 0;
    records.forEach((_, k) => {
      const size = (perRecord[k] as Uint8Array[]).reduce(
        (s, b) => s + b.length,
        (timeKeeping[k] as Uint8Array).length,
      );
      annotationBytes = Math.max(annotationBytes, size);
    });
    const annotationSamples = Math.ceil((annotationBytes + 1) / 2);

    const ns = nc + 1;
    const headerBytes = 256 * (ns + 1);
    const header = this.header(
      variant,
      records.length,
      durationText,
      headerBytes,
      physMin,
      physMax,
      n,
      annotationSamples,
    );
    const recordBytes = (nc * n + annotationSamples) * 2;
    const parts: Uint8Array[] = [header];
    const perBlock = Math.max(1, Math.floor((1 << 20) / recordBytes));
    for (let k0 = 0; k0 < records.length; k0 += perBlock) {
      const count = Math.min(perBlock, records.length - k0);
      const block = new Uint8Array(count * recordBytes);
      const view = new DataView(block.buffer);
      for (let j = 0; j < count; j++) {
        const k = k0 + j;
        const rec = records[k] as RecordRef;
        let p = j * recordBytes;
        for (let c = 0; c < nc; c++) {
          const a = Number(physMin[c]);
          const b = Number(physMax[c]);
          const gain = (DIGITAL_MAX - DIGITAL_MIN) / (b - a);
          const d = rec.run.data[c] as Float32Array;
          for (let i = 0; i < n; i++) {
            const src = rec.offset + i;
            let v = src >= 0 && src < rec.run.length ? (d[src] as number) : 0;
            if (!(v === v) || Math.abs(v) > LIMIT_UV) v = 0;
            const dig = Math.round((v - a) * gain + DIGITAL_MIN);
            view.setInt16(p, Math.min(DIGITAL_MAX, Math.max(DIGITAL_MIN, dig)), true);
            p += 2;
          }
        }
        let q = p;
        block.set(timeKeeping[k] as Uint8Array, q);
        q += (timeKeeping[k] as Uint8Array).length;
        for (const b of perRecord[k] as Uint8Array[]) {
          block.set(b, q);
          q += b.length;
        }
      }
      parts.push(block);
    }
    return {
      parts,
      bytes: headerBytes + records.length * recordBytes,
      variant,
      samplesPerRecord: n,
      recordDurationS: Number(durationText),
      records: records.length,
      fillerSamples: filler,
      missingWrittenAsZero: missing,
      annotations: notes.length,
    };
  }

  private header(
    variant: string,
    records: number,
    duration: string,
    headerBytes: number,
    physMin: readonly string[],
    physMax: readonly string[],
    n: number,
    annotationSamples: number,
  ): Uint8Array {
    const o = this.options;
    const start = o.startTime ?? new Date(Date.UTC(2000, 0, 1));
    const dd = pad2(start.getUTCDate());
    const mm = pad2(start.getUTCMonth() + 1);
    const yyyy = start.getUTCFullYear();
    const equipment = ascii(o.equipment ?? 'NeuroSleep').replace(/ /g, '_');
    let h = field('0', 8);
    h += field(ascii(o.patient ?? 'X X X X'), 80);
    h += field(`Startdate ${dd}-${MONTHS[start.getUTCMonth()]}-${yyyy} X X ${equipment}`, 80);
    h += `${dd}.${mm}.${pad2(yyyy % 100)}`;
    h += `${pad2(start.getUTCHours())}.${pad2(start.getUTCMinutes())}.${pad2(start.getUTCSeconds())}`;
    h += field(String(headerBytes), 8) + field(variant, 44) + field(String(records), 8) + field(duration, 8);
    const labels = o.channels.map((c) => eegLabel(c));
    const ns = labels.length + 1;
    h += field(String(ns), 4);
    const each = (values: readonly string[], last: string, width: number) =>
      values.map((v) => field(v, width)).join('') + field(last, width);
    h += each(labels, 'EDF Annotations', 16);
    h += each(
      labels.map(() => ''),
      '',
      80,
    );
    h += each(
      labels.map(() => 'uV'),
      '',
      8,
    );
    h += each(physMin, '-1', 8);
    h += each(physMax, '1', 8);
    h += each(
      labels.map(() => String(DIGITAL_MIN)),
      String(DIGITAL_MIN),
      8,
    );
    h += each(
      labels.map(() => String(DIGITAL_MAX)),
      String(DIGITAL_MAX),
      8,
    );
    h += each(
      labels.map(() => ''),
      '',
      80,
    );
    h += each(
      labels.map(() => String(n)),
      String(annotationSamples),
      8,
    );
    h += each(
      labels.map(() => ''),
      '',
      32,
    );
    const out = new Uint8Array(h.length);
    for (let i = 0; i < h.length; i++) out[i] = h.charCodeAt(i);
    return out;
  }
}

/** Concatenates the parts (for tests and small files; a Blob or a stream takes the parts as they are). */
export function concatParts(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

function pad2(x: number): string {
  return String(x).padStart(2, '0');
}

function ascii(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, '_');
}

function field(s: string, width: number): string {
  return s.slice(0, width).padEnd(width, ' ');
}

/** EDF+ labels start with the signal type; names that already name one are kept. */
function eegLabel(name: string): string {
  const clean = ascii(name.trim());
  return /^(eeg|eog|emg|ecg)\b/i.test(clean) ? clean : `EEG ${clean}`;
}

/**
 * Samples per record: one second's worth when there is nothing to align to; with gaps, the largest divisor of
 * it (≥ 4 samples, its duration spelled exactly in 8 characters) on which every run starts and ends.
 */
function recordSamples(fs: number, runs: readonly Run[], perSecond: number): number {
  const whole = Number.isInteger(perSecond) ? perSecond : wholeRecord(fs);
  if (runs.length === 0) return whole;
  for (let d = whole; d >= MIN_RECORD_SAMPLES; d--) {
    if (whole % d !== 0 || spell(d / fs).length > 8 || Number(spell(d / fs)) !== d / fs) continue;
    if (runs.every((r) => r.start % d === 0 && (r.start + r.length) % d === 0)) return d;
  }
  return whole;
}

/** Samples in the shortest record of ≤ 100 s that holds a whole number of samples, for fractional rates. */
function wholeRecord(fs: number): number {
  for (const seconds of [1, 2, 4, 5, 8, 10, 20, 25, 40, 50, 100]) {
    const n = fs * seconds;
    if (Math.abs(n - Math.round(n)) < 1e-9) return Math.round(n);
  }
  throw new RangeError(`sample rate ${fs} Hz makes no whole data record of up to 100 s`);
}

/** A number in at most 8 characters (record durations). */
function spell(x: number): string {
  for (let k = 6; k >= 0; k--) {
    const s = String(Number(x.toFixed(k)));
    if (s.length <= 8) return s;
  }
  return String(Math.round(x));
}

/** A TAL number: plain decimal, no exponent, up to microseconds. */
function spellFree(x: number): string {
  return String(Number(x.toFixed(6)));
}

/** `x` rounded away from zero in direction `dir` to what fits 8 characters, so no sample lies outside. */
function spellOutward(x: number, dir: -1 | 1): string {
  for (let k = 6; k >= 0; k--) {
    const scale = 10 ** k;
    const v = (dir < 0 ? Math.floor(x * scale) : Math.ceil(x * scale)) / scale;
    const s = String(v);
    if (s.length <= 8 && !s.includes('e')) return s;
  }
  return String(dir < 0 ? -LIMIT_UV : LIMIT_UV);
}
