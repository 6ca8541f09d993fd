/**
 * Mind Monitor's TimeStamp column, in the forms found in the wild: `2021-07-23 17:14:44.250` as written, the
 * same without milliseconds (event rows), `19:18.8` (minutes:seconds, after a spreadsheet re-saved the file and
 * dropped date and hour) and plain seconds. Local wall-clock time is read as if it were UTC: only differences
 * matter.
 */
import { parseAsciiNumber } from './ascii-number.ts';

export type ClockTimeForm = 'datetime' | 'time-of-day' | 'minutes' | 'seconds';

export const CLOCK_FORM_EXAMPLES: Record<ClockTimeForm, string> = {
  datetime: 'a TimeStamp like 2021-07-23 17:14:44.250',
  'time-of-day': 'a TimeStamp like 17:14:44.250',
  minutes: 'a TimeStamp like 19:18.8 (minutes:seconds)',
  seconds: 'a TimeStamp in seconds',
};

/** Periods after which a truncated form wraps around, so that time can be unwrapped to stay monotonic. */
const PERIOD: Record<ClockTimeForm, number> = {
  datetime: Infinity,
  'time-of-day': 86400,
  minutes: 3600,
  seconds: Infinity,
};

function digit(buf: Uint8Array, i: number): number {
  const d = (buf[i] as number) - 48;
  return d >= 0 && d <= 9 ? d : NaN;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function parseDateTime(buf: Uint8Array, s: number, e: number): number {
  if (e - s < 19 || buf[s + 4] !== 45 || buf[s + 7] !== 45 || buf[s + 13] !== 58 || buf[s + 16] !== 58) {
    return NaN;
  }
  const sep = buf[s + 10];
  if (sep !== 32 && sep !== 84) return NaN;
  const y = digit(buf, s) * 1000 + digit(buf, s + 1) * 100 + digit(buf, s + 2) * 10 + digit(buf, s + 3);
  const mo = digit(buf, s + 5) * 10 + digit(buf, s + 6);
  const d = digit(buf, s + 8) * 10 + digit(buf, s + 9);
  const h = digit(buf, s + 11) * 10 + digit(buf, s + 12);
  const mi = digit(buf, s + 14) * 10 + digit(buf, s + 15);
  const sec = parseAsciiNumber(buf, s + 17, e);
  if (!(mo >= 1 && mo <= 12 && d >= 1 && d <= 31 && h < 24 && mi < 60 && sec >= 0 && sec < 61)) return NaN;
  return daysFromCivil(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
}

/** `[H]H:MM:SS[.f]` (two colons) or `[M]M:SS[.f]` (one colon); NaN when the colon count differs. */
function parseColonTime(buf: Uint8Array, s: number, e: number, colons: 1 | 2): number {
  let total = 0;
  let p = s;
  for (let k = 0; k < colons; k++) {
    let group = 0;
    const groupStart = p;
    while (p < e && buf[p] !== 58) {
      const dg = digit(buf, p);
      if (dg !== dg) return NaN;
      group = group * 10 + dg;
      p++;
    }
    if (p === e || p === groupStart || p - groupStart > 2) return NaN;
    if (k > 0 && group >= 60) return NaN;
    total = total * 60 + group;
    p++;
  }
  for (let i = p; i < e; i++) if (buf[i] === 58) return NaN;
  const sec = parseAsciiNumber(buf, p, e);
  if (!(sec >= 0 && sec < 61)) return NaN;
  return total * 60 + sec;
}

function parseForm(form: ClockTimeForm, buf: Uint8Array, s: number, e: number): number {
  switch (form) {
    case 'datetime':
      return parseDateTime(buf, s, e);
    case 'time-of-day':
      return parseColonTime(buf, s, e, 2);
    case 'minutes':
      return parseColonTime(buf, s, e, 1);
    case 'seconds':
      return parseAsciiNumber(buf, s, e);
  }
}

const DETECTION_ORDER: readonly ClockTimeForm[] = ['datetime', 'time-of-day', 'minutes', 'seconds'];

/**
 * Reads successive TimeStamps of one file. The first one fixes the form; truncated forms are unwrapped across
 * hour (or midnight) rollovers, a step back of more than half the period being taken as a rollover.
 */
export class ClockTimeReader {
  form: ClockTimeForm | null = null;
  rollovers = 0;
  private offset = 0;
  private last = -Infinity;

  /** Seconds, unwrapped; NaN when the bytes are not a TimeStamp of the file's form. */
  read(buf: Uint8Array, s: number, e: number): number {
    let t: number;
    if (this.form === null) {
      t = NaN;
      for (const form of DETECTION_ORDER) {
        t = parseForm(form, buf, s, e);
        if (t === t) {
          this.form = form;
          break;
        }
      }
      if (t !== t) return NaN;
    } else {
      t = parseForm(this.form, buf, s, e);
      if (t !== t) return NaN;
    }
    const period = PERIOD[this.form as ClockTimeForm];
    if (period !== Infinity) {
      t += this.offset;
      if (t < this.last - period / 2) {
        this.offset += period;
        this.rollovers++;
        t += period;
      }
      this.last = t;
    }
    return t;
  }

  /** What a bad TimeStamp should have looked like, for error messages. */
  expected(): string {
    return this.form === null
      ? 'a TimeStamp like 2021-07-23 17:14:44.250 (or 19:18.8, or seconds)'
      : CLOCK_FORM_EXAMPLES[this.form];
  }
}
