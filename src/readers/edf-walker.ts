/**
 * Walks the bytes of an EDF/BDF file as they arrive: the header, then data records, decoding the selected
 * signals straight into per-record Float32Arrays and keeping annotation signals' bytes for TAL parsing.
 * Nothing is allocated from a header claim until the header has been checked (edf-header.ts caps every size);
 * unselected signals are skipped without being copied. Both reader passes use it; pass 1 decodes no samples.
 */
import {
  EDF_FIXED_HEADER_BYTES,
  MAX_RECORD_SAMPLES,
  microvoltsPer,
  readFixedHeader,
  readSignalHeaders,
  type EdfFixedHeader,
  type EdfHeader,
} from './edf-header.ts';
import { parseTals, type Tal } from './edf-tal.ts';
import { RecordingError } from './recording-error.ts';

export interface EdfRecord {
  /** 0-based data record number. */
  readonly index: number;
  /** File offset of the record's first byte. */
  readonly byteOffset: number;
  /** Samples of each selected signal, in µV (pass 2 only; empty in pass 1). */
  readonly data: Float32Array[];
  /** TALs of each annotation signal, in header order. */
  readonly tals: Tal[][];
}

export interface WalkerCallbacks {
  /** Called once the header is read; returns the signal indices to decode (pass 1 returns them too). */
  header(header: EdfHeader): readonly number[];
  record(record: EdfRecord): void;
}

type Segment =
  | { kind: 'skip'; start: number; end: number }
  | { kind: 'annotations'; start: number; end: number; slot: number; field: string }
  | { kind: 'channel'; start: number; end: number; slot: number; scale: number; offset: number };

export class EdfWalker {
  /** Bytes consumed so far. */
  byteCount = 0;
  /** Complete data records so far. */
  records = 0;
  /** Bytes after the last record the header claims. */
  extraBytes = 0;
  header: EdfHeader | null = null;
  selected: readonly number[] = [];

  private fixed: EdfFixedHeader | null = null;
  private headerBuf = new Uint8Array(EDF_FIXED_HEADER_BYTES);
  private headerFill = 0;
  private segments: Segment[] = [];
  private segment = 0;
  private recordPos = 0;
  private recordBytes = 0;
  private annotationBufs: Uint8Array[] = [];
  private data: Float32Array[] = [];
  private samplesPerRecord = 0;
  private readonly carry = new Uint8Array(3);
  private carryN = 0;
  private bps: 2 | 3 = 2;

  constructor(
    private readonly file: string,
    private readonly decode: boolean,
    private readonly callbacks: WalkerCallbacks,
  ) {}

  /** Bytes of the record in progress (0 between records). */
  get partialBytes(): number {
    return this.recordPos;
  }

  get recordSize(): number {
    return this.recordBytes;
  }

  push(bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length) {
      if (!this.header) {
        i = this.feedHeader(bytes, i);
        continue;
      }
      const claimed = this.header.recordsClaimed;
      if (claimed >= 0 && this.records >= claimed) {
        this.extraBytes += bytes.length - i;
        this.byteCount += bytes.length - i;
        return;
      }
      const seg = this.segments[this.segment] as Segment;
      const take = Math.min(bytes.length - i, seg.end - this.recordPos);
      if (seg.kind === 'annotations') {
        (this.annotationBufs[seg.slot] as Uint8Array).set(
          bytes.subarray(i, i + take),
          this.recordPos - seg.start,
        );
      } else if (seg.kind === 'channel') {
        this.decodeSamples(seg, bytes, i, take);
      }
      i += take;
      this.recordPos += take;
      this.byteCount += take;
      if (this.recordPos === seg.end) {
        this.segment++;
        if (this.segment === this.segments.length) this.finishRecord();
      }
    }
  }

  private feedHeader(bytes: Uint8Array, i: number): number {
    const need = this.headerBuf.length - this.headerFill;
    const take = Math.min(need, bytes.length - i);
    this.headerBuf.set(bytes.subarray(i, i + take), this.headerFill);
    this.headerFill += take;
    this.byteCount += take;
    if (this.headerFill < this.headerBuf.length) return i + take;
    if (!this.fixed) {
      this.fixed = readFixedHeader(this.file, this.headerBuf);
      this.headerBuf = new Uint8Array(this.fixed.headerBytes - EDF_FIXED_HEADER_BYTES);
      this.headerFill = 0;
      return i + take;
    }
    this.setUp(readSignalHeaders(this.file, this.fixed, this.headerBuf));
    return i + take;
  }

  private setUp(header: EdfHeader): void {
    // Selection errors are header errors: the header counts as read only once they pass.
    const selected = this.callbacks.header(header);
    this.selected = selected;
    this.bps = header.bytesPerSample;
    this.recordBytes = header.recordBytes;
    const first = selected[0];
    this.samplesPerRecord = first === undefined ? 0 : (header.signals[first]?.samplesPerRecord ?? 0);
    if (this.decode && this.samplesPerRecord * selected.length > MAX_RECORD_SAMPLES) {
      throw new RecordingError({
        file: this.file,
        line: 0,
        byteOffset: EDF_FIXED_HEADER_BYTES,
        field: 'number of samples in each data record',
        expected: `at most ${MAX_RECORD_SAMPLES} samples per data record over the streamed channels`,
        found: `${this.samplesPerRecord} × ${selected.length} channels`,
      });
    }
    let at = 0;
    for (const s of header.signals) {
      const end = at + s.samplesPerRecord * this.bps;
      const slot = selected.indexOf(s.index);
      if (s.role === 'annotations') {
        this.segments.push({
          kind: 'annotations',
          start: at,
          end,
          slot: this.annotationBufs.length,
          field: `annotations (signal ${s.index + 1} ${JSON.stringify(s.label)})`,
        });
        this.annotationBufs.push(new Uint8Array(end - at));
      } else if (this.decode && slot >= 0) {
        const uv = microvoltsPer(s.physicalDimension) ?? 1;
        const gain = (s.physicalMax - s.physicalMin) / (s.digitalMax - s.digitalMin);
        this.segments.push({
          kind: 'channel',
          start: at,
          end,
          slot,
          scale: gain * uv,
          offset: (s.physicalMin - s.digitalMin * gain) * uv,
        });
      } else {
        const last = this.segments[this.segments.length - 1];
        if (last?.kind === 'skip') last.end = end;
        else this.segments.push({ kind: 'skip', start: at, end });
      }
      at = end;
    }
    this.newRecordData();
    this.header = header;
  }

  private newRecordData(): void {
    this.data = [];
    if (this.decode)
      for (let c = 0; c < this.selected.length; c++) this.data.push(new Float32Array(this.samplesPerRecord));
  }

  private decodeSamples(
    seg: Extract<Segment, { kind: 'channel' }>,
    bytes: Uint8Array,
    from: number,
    take: number,
  ): void {
    const out = this.data[seg.slot] as Float32Array;
    const bps = this.bps;
    const { scale, offset } = seg;
    const end = from + take;
    let k = from;
    let sample = Math.floor((this.recordPos - seg.start) / bps);
    const carry = this.carry;
    while (this.carryN > 0 && k < end) {
      carry[this.carryN++] = bytes[k++] as number;
      if (this.carryN === bps) {
        out[sample++] = scale * digital(carry, 0, bps) + offset;
        this.carryN = 0;
      }
    }
    if (bps === 2) {
      for (; k + 1 < end; k += 2) {
        const v = (bytes[k] as number) | ((bytes[k + 1] as number) << 8);
        out[sample++] = scale * (v >= 0x8000 ? v - 0x10000 : v) + offset;
      }
    } else {
      for (; k + 2 < end; k += 3) out[sample++] = scale * digital(bytes, k, 3) + offset;
    }
    while (k < end) carry[this.carryN++] = bytes[k++] as number;
  }

  private finishRecord(): void {
    const header = this.header as EdfHeader;
    const byteOffset = header.headerBytes + this.records * this.recordBytes;
    const tals: Tal[][] = [];
    for (const seg of this.segments) {
      if (seg.kind !== 'annotations') continue;
      const buf = this.annotationBufs[seg.slot] as Uint8Array;
      tals.push(parseTals(this.file, buf, 0, buf.length, byteOffset + seg.start, seg.field));
    }
    const record: EdfRecord = { index: this.records, byteOffset, data: this.data, tals };
    this.segment = 0;
    this.recordPos = 0;
    this.records++;
    this.newRecordData();
    this.callbacks.record(record);
  }

  /** Whether the whole header has been read. */
  get headerDone(): boolean {
    return this.header !== null;
  }

  /** The error for a file that ends inside the header. */
  headerTruncated(): RecordingError {
    const fixedDone = this.fixed !== null;
    const want = fixedDone ? (this.fixed as EdfFixedHeader).headerBytes : EDF_FIXED_HEADER_BYTES;
    return new RecordingError({
      file: this.file,
      line: 0,
      byteOffset: this.byteCount,
      field: fixedDone ? 'signal headers' : 'header',
      expected: fixedDone
        ? `${want} header bytes (256 × (1 + ${(this.fixed as EdfFixedHeader).signalCount} signals))`
        : `the ${want}-byte EDF/BDF header`,
      found: `the end of the file after ${this.byteCount} bytes`,
    });
  }
}

function digital(buf: Uint8Array, k: number, bps: 2 | 3): number {
  if (bps === 2) {
    const v = (buf[k] as number) | ((buf[k + 1] as number) << 8);
    return v >= 0x8000 ? v - 0x10000 : v;
  }
  const v = (buf[k] as number) | ((buf[k + 1] as number) << 8) | ((buf[k + 2] as number) << 16);
  return v >= 0x800000 ? v - 0x1000000 : v;
}
