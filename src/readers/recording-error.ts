/**
 * The one error a reader throws for bad input. Its message is always `FILE:LINE: expected <what>, found <what>`
 * so a CLI can print it as is and a UI can show it without a stack trace.
 */
export interface RecordingErrorInfo {
  readonly file: string;
  /** 1-based line of the offending row (the header is line 1 unless blank lines precede it). */
  readonly line: number;
  /** Offset from the start of the file of the offending field, or of the line when no field is to blame. */
  readonly byteOffset: number;
  readonly expected: string;
  readonly found: string;
}

export class RecordingError extends Error implements RecordingErrorInfo {
  override readonly name = 'RecordingError';
  readonly file: string;
  readonly line: number;
  readonly byteOffset: number;
  readonly expected: string;
  readonly found: string;

  constructor(info: RecordingErrorInfo) {
    super(`${info.file}:${info.line}: expected ${info.expected}, found ${info.found}`);
    this.file = info.file;
    this.line = info.line;
    this.byteOffset = info.byteOffset;
    this.expected = info.expected;
    this.found = info.found;
  }

  /** Plain data, so a scan carrying the error survives structured cloning (workers) and JSON. */
  info(): RecordingErrorInfo {
    const { file, line, byteOffset, expected, found } = this;
    return { file, line, byteOffset, expected, found };
  }
}

const MAX_QUOTED = 60;

/** Quotes bytes for an error message: printable ASCII as is, anything else as \xNN, long text cut short. */
export function quoteBytes(buf: Uint8Array, start: number, end: number): string {
  let s = '';
  const stop = Math.min(end, start + MAX_QUOTED);
  for (let i = start; i < stop; i++) {
    const c = buf[i] as number;
    if (c === 34 || c === 92) s += '\\' + String.fromCharCode(c);
    else if (c >= 32 && c < 127) s += String.fromCharCode(c);
    else s += '\\x' + c.toString(16).padStart(2, '0').toUpperCase();
  }
  return `"${s}${end > stop ? '…' : ''}"`;
}

export function quoteText(text: string): string {
  const bytes = new TextEncoder().encode(text);
  return quoteBytes(bytes, 0, bytes.length);
}
