/**
 * Decimal numbers straight from bytes: no string per field, which is what keeps the readers above a million
 * rows per second. Accepts `-12`, `+0.5`, `.5`, `3.`, `6.1317877E-4`, surrounding spaces.
 */

// Powers of ten up to 1e22 are exact doubles, so one multiply or divide by them rounds once, like parseFloat.
const POW10 = Float64Array.from({ length: 23 }, (_, i) => 10 ** i);

/** Where the last {@link scanNumber} or {@link scanNumberInto} stopped: read it right after the call. */
export const scanned = { end: 0 };

/**
 * Reads the longest number at `buf[p]` (no leading spaces) before `end` and returns it, NaN when there is no
 * mantissa digit or the exponent is cut short. `scanned.end` is left on the first byte not taken, so a caller
 * walking a CSV row checks it is a comma. Up to 15 significant digits and exponents within ±22 the result
 * equals `parseFloat`; beyond, it is within a few ulps (17-digit epoch timestamps stay within a microsecond).
 */
export function scanNumber(buf: Uint8Array, p: number, end: number): number {
  scanNumberInto(buf, p, end, SCRATCH, 0);
  return SCRATCH[0] as number;
}

const SCRATCH = new Float64Array(1);

/**
 * {@link scanNumber} with its value stored in `out[slot]` instead of returned. A double returned from a call that
 * V8 does not inline is boxed on the heap: in the readers' hot loop that was 16 bytes of garbage per number, ≈ 75 MB
 * for an hour of muse-lsl CSV.
 */
export function scanNumberInto(
  buf: Uint8Array,
  p: number,
  end: number,
  out: Float64Array,
  slot: number,
): void {
  let c = p < end ? (buf[p] as number) : 0;
  const negative = c === 45;
  if (negative || c === 43) p++;
  // Integer digits, then (after a point) fraction digits, one loop each: this function is most of the readers'
  // time, and a single loop that also watched for the point measured ≈ 10 % slower. `c >>> 0 > 9` is "not a
  // digit" in one comparison.
  let mantissa = 0;
  const intStart = p;
  for (; p < end; p++) {
    c = (buf[p] as number) - 48;
    if (c >>> 0 > 9) break;
    mantissa = mantissa * 10 + c;
  }
  let digits = p - intStart;
  let exponent = 0;
  if (p < end && buf[p] === 46) {
    const fracStart = ++p;
    for (; p < end; p++) {
      c = (buf[p] as number) - 48;
      if (c >>> 0 > 9) break;
      mantissa = mantissa * 10 + c;
    }
    digits += p - fracStart;
    exponent = fracStart - p;
  }
  scanned.end = p;
  if (digits === 0) {
    out[slot] = NaN;
    return;
  }
  if (p < end && (buf[p] === 101 || buf[p] === 69)) {
    p++;
    let expNegative = false;
    if (p < end && (buf[p] === 45 || buf[p] === 43)) {
      expNegative = buf[p] === 45;
      p++;
    }
    let e = 0;
    const expStart = p;
    while (p < end) {
      c = (buf[p] as number) - 48;
      if (c < 0 || c > 9) break;
      // Saturate: anything past 1e400 over/underflows anyway, and this keeps `e` an exact integer.
      if (e < 100000) e = e * 10 + c;
      p++;
    }
    scanned.end = p;
    if (p === expStart) {
      out[slot] = NaN;
      return;
    }
    exponent += expNegative ? -e : e;
  }
  let value: number;
  if (exponent === 0) value = mantissa;
  else if (exponent > 0 && exponent <= 22) value = mantissa * (POW10[exponent] as number);
  else if (exponent < 0 && exponent >= -22) value = mantissa / (POW10[-exponent] as number);
  else {
    // Two steps for tiny values: 10 ** 316 overflows where 1e22 * 10 ** 294 does not.
    value = exponent > 0 ? mantissa * 10 ** exponent : mantissa / 1e22 / 10 ** (-exponent - 22);
    if (!Number.isFinite(value)) value = NaN;
  }
  out[slot] = negative ? -value : value;
}

/**
 * The value of `buf[start, end)`, spaces around it allowed, or NaN when the bytes are not one plain finite
 * decimal number (then {@link isMissingToken} tells a deliberate "missing" apart from garbage).
 */
export function parseAsciiNumber(buf: Uint8Array, start: number, end: number): number {
  while (start < end && buf[start] === 32) start++;
  while (end > start && buf[end - 1] === 32) end--;
  if (start === end) return NaN;
  const v = scanNumber(buf, start, end);
  return scanned.end === end ? v : NaN;
}

/** Tokens that mean "no value" rather than a typo: empty, NaN, ±Inf, ±Infinity (any case, spaces allowed). */
export function isMissingToken(buf: Uint8Array, start: number, end: number): boolean {
  while (start < end && buf[start] === 32) start++;
  while (end > start && buf[end - 1] === 32) end--;
  if (start === end) return true;
  const c = buf[start];
  if (c === 43 || c === 45) start++;
  const n = end - start;
  if (n !== 3 && n !== 8) return false;
  let word = '';
  for (let i = start; i < end; i++) word += String.fromCharCode((buf[i] as number) | 0x20);
  return word === 'nan' || word === 'inf' || word === 'infinity';
}
