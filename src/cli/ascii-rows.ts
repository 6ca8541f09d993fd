/**
 * CSV rows built as ASCII bytes: `neurosleep analyze` writes about 24 numbers per update, 864,000 per hour of
 * signal, and `Number.prototype.toFixed` with string concatenation was ≈ 10 % of its CPU time. `fixed` writes the
 * very characters `x.toFixed(digits)` gives, without making a string.
 */

const POW10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9];
// Below this, |x|·10^digits is within 2^-13 of the exact product, so rounding it is exact except within that
// distance of a half, where toFixed decides.
const EXACT_BELOW = 2 ** 40;
const HALF_MARGIN = 1e-3;
const MINUS = 0x2d;
const DOT = 0x2e;
const ZERO = 0x30;
/** The ASCII digits of 00…99, two bytes each. */
const TWO_DIGITS = Uint8Array.from({ length: 200 }, (_, k) =>
  k % 2 === 0 ? ZERO + Math.floor(k / 20) : ZERO + (((k - 1) / 2) % 10),
);

export class AsciiRows {
  private bytes = new Uint8Array(1 << 17);
  private used = 0;
  private readonly digits = new Uint8Array(24);

  /** Bytes written since the last {@link take}. */
  get length(): number {
    return this.used;
  }

  private readonly one = new Float64Array(1);

  /** Appends exactly `x.toFixed(digits)` (digits 0…9). */
  fixed(x: number, digits: number): void {
    this.one[0] = x;
    this.fixedAt(this.one, 0, digits);
  }

  /**
   * {@link fixed} of `values[at]`. Read here, the value is never boxed: a double passed to a call V8 does not
   * inline is allocated on the heap, which for `analyze`'s 20 band powers per row was 12 MB of garbage an hour.
   */
  fixedAt(values: Float64Array, at: number, digits: number): void {
    const x = values[at] as number;
    const scale = POW10[digits];
    if (scale === undefined) throw new RangeError(`digits must be an integer in [0, 9], got ${digits}`);
    const a = x < 0 ? -x : x;
    const y = a * scale;
    // NaN, ±Infinity and large values fail the first test.
    if (!(y < EXACT_BELOW) || Math.abs(y - Math.floor(y) - 0.5) < HALF_MARGIN) {
      this.ascii(x.toFixed(digits));
      return;
    }
    const r = Math.round(y);
    let whole = Math.floor(r / scale);
    // Below 10^9, so int32 arithmetic: two digits per integer division instead of one per float division.
    let frac = (r - whole * scale) | 0;
    this.reserve(24);
    const out = this.bytes;
    if (x < 0) out[this.used++] = MINUS;
    if (whole < 10) out[this.used++] = ZERO + whole;
    else {
      const tmp = this.digits;
      let n = 0;
      do {
        const q = Math.floor(whole / 10);
        tmp[n++] = ZERO + whole - q * 10;
        whole = q;
      } while (whole > 0);
      while (n > 0) out[this.used++] = tmp[--n] as number;
    }
    if (digits === 0) return;
    out[this.used++] = DOT;
    let i = this.used + digits - 1;
    for (; i > this.used; i -= 2) {
      const q = (frac / 100) | 0;
      const pair = frac - q * 100;
      out[i] = TWO_DIGITS[2 * pair + 1] as number;
      out[i - 1] = TWO_DIGITS[2 * pair] as number;
      frac = q;
    }
    if (i === this.used) out[i] = ZERO + frac;
    this.used += digits;
  }

  /** Appends one byte (an ASCII character code). */
  byte(code: number): void {
    this.reserve(1);
    this.bytes[this.used++] = code;
  }

  /** Appends an ASCII string. */
  ascii(text: string): void {
    this.reserve(text.length);
    for (let i = 0; i < text.length; i++) this.bytes[this.used++] = text.charCodeAt(i);
  }

  /** The bytes written so far (a copy), and a fresh start. */
  take(): Uint8Array {
    const out = this.bytes.slice(0, this.used);
    this.used = 0;
    return out;
  }

  private reserve(n: number): void {
    if (this.used + n <= this.bytes.length) return;
    const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.used + n));
    grown.set(this.bytes.subarray(0, this.used));
    this.bytes = grown;
  }
}
