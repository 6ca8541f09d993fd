/**
 * One CSV row, split into field positions (no strings) and read field by field on demand. Shared by both passes
 * so that they agree on what a row holds and fail on the same line with the same message.
 */
import { ClockTimeReader } from './clock-time.ts';
import { isMissingToken, parseAsciiNumber, scanNumberInto, scanned } from './ascii-number.ts';
import { RecordingError, quoteBytes } from './recording-error.ts';

const COMMA = 44;
const EMPTY = new Uint8Array(0);
const decoder = new TextDecoder();

export type TimeKind = 'seconds' | 'clock';

export class RowFields {
  line = 0;
  buf: Uint8Array = EMPTY;
  /** Fields in the current row. */
  count = 0;
  /** Missing values (empty, NaN, ±Inf) met by {@link number}. */
  missingValues = 0;
  readonly clock = new ClockTimeReader();
  private lineStart = 0;
  private lineEnd = 0;
  private lineOffset = 0;
  // starts[k] is the first byte of field k; starts[count] = lineEnd + 1, so field k ends at starts[k + 1] - 1.
  private readonly starts: Int32Array;
  private readonly columnCount: number;
  // Filled by split for the columns marked in `numeric`; NaN where the quick read failed.
  private readonly values: Float64Array;
  private readonly numeric: Uint8Array;

  constructor(
    private readonly file: string,
    private readonly columns: readonly string[],
    private readonly minFields: number,
    private readonly timeColumn: number,
    private readonly timeKind: TimeKind,
    numericColumns: readonly number[] = [],
  ) {
    this.columnCount = columns.length;
    this.starts = new Int32Array(columns.length + 1);
    this.values = new Float64Array(columns.length);
    this.numeric = new Uint8Array(columns.length);
    for (const k of numericColumns) if (k >= 0) this.numeric[k] = 1;
  }

  /**
   * Splits `buf[start, end)` into fields and reads the numeric columns in the same walk over the bytes (this
   * loop is where the readers spend their time). Throws unless the row has the header's field count, or one
   * fewer when allowed.
   */
  split(buf: Uint8Array, start: number, end: number, line: number, byteOffset: number): void {
    this.buf = buf;
    this.line = line;
    this.lineStart = start;
    this.lineEnd = end;
    this.lineOffset = byteOffset;
    const { starts, values, numeric } = this;
    const cap = this.columnCount;
    let n = 0;
    let p = start;
    for (;;) {
      if (n < cap) {
        starts[n] = p;
        if (numeric[n] === 1) {
          scanNumberInto(buf, p, end, values, n);
          p = scanned.end;
          // Anything else before the comma (spaces, a word): leave NaN for value() to sort out.
          if (p < end && buf[p] !== COMMA) values[n] = NaN;
        }
      }
      while (p < end && buf[p] !== COMMA) p++;
      n++;
      if (p >= end) break;
      p++;
    }
    this.count = n;
    if (n <= cap) starts[n] = end + 1;
    if (n > cap || n < this.minFields) this.failFieldCount();
  }

  /** A numeric column: as {@link number}, quick when the field is a plain number. */
  value(k: number): number {
    const v = k < this.count ? (this.values[k] as number) : NaN;
    return v === v ? v : this.number(k);
  }

  /**
   * {@link value} of each of `columns` into `out`, in order. The parsers call this for every row: stored, not
   * returned, and written so that V8 keeps the quick value unboxed (`k < count ? values[k] : NaN` was boxed on the
   * heap, 16 bytes a value).
   */
  valuesInto(columns: ArrayLike<number>, out: Float64Array): void {
    const values = this.values;
    const count = this.count;
    for (let c = 0; c < columns.length; c++) {
      const k = columns[c] as number;
      if (k < count) {
        const v = values[k] as number;
        if (v === v) {
          out[c] = v;
          continue;
        }
      }
      out[c] = this.number(k);
    }
  }

  fieldStart(k: number): number {
    return k < this.count ? (this.starts[k] as number) : this.lineEnd;
  }

  fieldEnd(k: number): number {
    return k < this.count ? (this.starts[k + 1] as number) - 1 : this.lineEnd;
  }

  /** True when field k holds nothing but spaces (or is absent from a one-short row). */
  isEmpty(k: number): boolean {
    const end = this.fieldEnd(k);
    for (let p = this.fieldStart(k); p < end; p++) if (this.buf[p] !== 32) return false;
    return true;
  }

  /** Field k as a number; NaN (counted in `missingValues`) when empty, NaN or ±Inf; throws on anything else. */
  number(k: number): number {
    const s = this.fieldStart(k);
    const e = this.fieldEnd(k);
    const v = parseAsciiNumber(this.buf, s, e);
    if (v === v) return v;
    if (isMissingToken(this.buf, s, e)) {
      this.missingValues++;
      return NaN;
    }
    throw this.fail(k, `a number in column ${this.columnLabel(k)}`);
  }

  /** Field k as a number, or NaN for anything that is not one: for columns that are only informative. */
  looseNumber(k: number): number {
    return parseAsciiNumber(this.buf, this.fieldStart(k), this.fieldEnd(k));
  }

  /** The row's time in seconds: epoch/LSL seconds, or an unwrapped Mind Monitor TimeStamp. */
  time(): number {
    // Small enough for V8 to inline into the parsers' row handlers: a double returned from a call it does not
    // inline is boxed, 16 bytes a row (≈ 15 MB an hour of muse-lsl CSV in the parsing worker).
    const k = this.timeColumn;
    if (this.numeric[k] === 1 && k < this.count) {
      const v = this.values[k] as number;
      if (v === v) return v;
    }
    return this.unquickTime(k);
  }

  /** {@link time} of a field the quick read could not take: a clock time, a padded number, or bad input. */
  private unquickTime(k: number): number {
    const s = this.fieldStart(k);
    const e = this.fieldEnd(k);
    if (this.timeKind === 'seconds') {
      const t = parseAsciiNumber(this.buf, s, e);
      if (t === t) return t;
      throw this.fail(k, `a timestamp in seconds in column ${this.columnLabel(k)}`);
    }
    const t = this.clock.read(this.buf, s, e);
    if (t === t) return t;
    throw this.fail(k, `${this.clock.expected()} in column ${this.columnLabel(k)}`);
  }

  text(k: number): string {
    return decoder.decode(this.buf.subarray(this.fieldStart(k), this.fieldEnd(k))).trim();
  }

  /** An error about field k: found defaults to the field's bytes. */
  fail(k: number, expected: string, found?: string): RecordingError {
    const s = this.fieldStart(k);
    return new RecordingError({
      file: this.file,
      line: this.line,
      byteOffset: this.lineOffset + (s - this.lineStart),
      expected,
      found: found ?? quoteBytes(this.buf, s, this.fieldEnd(k)),
    });
  }

  private columnLabel(k: number): string {
    return `"${this.columns[k] ?? ''}" (field ${k + 1})`;
  }

  private failFieldCount(): never {
    const cap = this.columnCount;
    const allowed = this.minFields < cap ? `${cap} (or ${this.minFields})` : `${cap}`;
    let separator = '';
    for (let p = this.lineStart; p < this.lineEnd; p++) {
      const c = this.buf[p];
      if (c === 59) separator = ' (separated by semicolons: expected commas)';
      else if (c === 9) separator = ' (separated by tabs: expected commas)';
      if (separator) break;
    }
    throw new RecordingError({
      file: this.file,
      line: this.line,
      byteOffset: this.lineOffset,
      expected: `${allowed} comma-separated fields as in the header`,
      found: `${this.count} field${this.count === 1 ? '' : 's'}${separator}`,
    });
  }
}
