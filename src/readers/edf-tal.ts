/**
 * EDF+ time-stamped annotation lists (TAL): `+Onset[\x15Duration]\x14[text\x14]…\x00`, zero-padded to the end of
 * the annotation signal. The first TAL of a data record's first annotation signal keeps time: its first text is
 * empty and its onset is the record's start (seconds after the header's start time).
 */
import { RecordingError, quoteBytes } from './recording-error.ts';

export interface Tal {
  readonly onsetS: number;
  /** null when the TAL gives no duration. */
  readonly durationS: number | null;
  /** Texts in order; an empty first text marks the record's time-keeping TAL. */
  readonly texts: string[];
  /** File offset of the TAL's first byte. */
  readonly byteOffset: number;
}

const DC4 = 0x14;
const NAK = 0x15;
const utf8 = new TextDecoder('utf-8');

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** End of a `[+-]?digits[.digits]` number at `pos`, or -1 when there is none. */
function numberEnd(buf: Uint8Array, pos: number, end: number, signed: boolean): number {
  let p = pos;
  if (signed) {
    if (buf[p] !== 0x2b && buf[p] !== 0x2d) return -1;
    p++;
  }
  const digits = p;
  while (p < end && isDigit(buf[p])) p++;
  if (p === digits) return -1;
  if (p < end && buf[p] === 0x2e) {
    p++;
    const frac = p;
    while (p < end && isDigit(buf[p])) p++;
    if (p === frac) return -1;
  }
  return p;
}

/**
 * Every TAL in `buf[start, end)`, whose first byte is file byte `fileOffset`. `field` names the signal for
 * errors. Malformed TALs throw a RecordingError at the offending byte.
 */
export function parseTals(
  file: string,
  buf: Uint8Array,
  start: number,
  end: number,
  fileOffset: number,
  field: string,
): Tal[] {
  const tals: Tal[] = [];
  const fail = (at: number, expected: string, found?: string) =>
    new RecordingError({
      file,
      line: 0,
      byteOffset: fileOffset + (at - start),
      field,
      expected,
      found: found ?? (at < end ? quoteBytes(buf, at, Math.min(end, at + 16)) : 'the end of the signal'),
    });
  let p = start;
  while (p < end) {
    if (buf[p] === 0) {
      p++;
      continue;
    }
    const talStart = p;
    const onsetEnd = numberEnd(buf, p, end, true);
    if (onsetEnd < 0) throw fail(p, 'a TAL onset such as "+12.5"');
    const onsetS = Number(latin1(buf, p, onsetEnd));
    p = onsetEnd;
    let durationS: number | null = null;
    if (buf[p] === NAK) {
      const durEnd = numberEnd(buf, p + 1, end, false);
      if (durEnd < 0) throw fail(p + 1, 'a TAL duration such as "30" after 0x15');
      durationS = Number(latin1(buf, p + 1, durEnd));
      p = durEnd;
    }
    if (buf[p] !== DC4) throw fail(p, '0x14 after the TAL onset');
    p++;
    const texts: string[] = [];
    for (;;) {
      if (p >= end) throw fail(p, 'a TAL ending in 0x14 0x00');
      if (buf[p] === 0) {
        p++;
        break;
      }
      let q = p;
      while (q < end && buf[q] !== DC4 && buf[q] !== 0) q++;
      if (q >= end || buf[q] !== DC4) throw fail(q, 'annotation text ending in 0x14');
      texts.push(utf8.decode(buf.subarray(p, q)));
      p = q + 1;
    }
    tals.push({ onsetS, durationS, texts, byteOffset: fileOffset + (talStart - start) });
  }
  return tals;
}

function latin1(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i] as number);
  return s;
}
