/**
 * The one error a reader throws for bad input. Its message is `FILE:LINE: expected <what>, found <what>` for
 * text formats and `FILE: byte N: field '<name>': expected <what>, found <what>` for binary ones (EDF, BDF), so
 * a CLI can print it as is and a UI can show it without a stack trace.
 */
export interface RecordingErrorInfo {
  readonly file: string;
  /** 1-based line of the offending row (the header is line 1 unless blank lines precede it); 0 in binary
   * formats, which have no lines: there `byteOffset` and `field` say where. */
  readonly line: number;
  /** Offset from the start of the file of the offending field, or of the line when no field is to blame. */
  readonly byteOffset: number;
  readonly expected: string;
  readonly found: string;
  /** The header field or record part at fault, in binary formats. */
  readonly field?: string;
}

/** `FILE:LINE: …` for text formats, `FILE: byte N: field 'F': …` for binary ones (line 0). */
export function recordingErrorMessage(info: RecordingErrorInfo): string {
  const what = `expected ${info.expected}, found ${info.found}`;
  if (info.line > 0) return `${info.file}:${info.line}: ${what}`;
  return `${info.file}: byte ${info.byteOffset}: ${info.field ? `field '${info.field}': ` : ''}${what}`;
}

export class RecordingError extends Error implements RecordingErrorInfo {
  override readonly name = 'RecordingError';
  readonly file: string;
  readonly line: number;
  readonly byteOffset: number;
  readonly expected: string;
  readonly found: string;
  readonly field?: string;

  constructor(info: RecordingErrorInfo) {
    super(recordingErrorMessage(info));
    this.file = info.file;
    this.line = info.line;
    this.byteOffset = info.byteOffset;
    this.expected = info.expected;
    this.found = info.found;
    if (info.field !== undefined) this.field = info.field;
  }

  /** Plain data, so a scan carrying the error survives structured cloning (workers) and JSON. */
  info(): RecordingErrorInfo {
    const { file, line, byteOffset, expected, found, field } = this;
    return { file, line, byteOffset, expected, found, ...(field !== undefined ? { field } : {}) };
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
