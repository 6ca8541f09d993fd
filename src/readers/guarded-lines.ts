import type { LineSplitter } from './line-splitter.ts';
import { RecordingError, type RecordingErrorInfo } from './recording-error.ts';

/**
 * Wraps a reader's steps: on bad input (a RecordingError) it first delivers everything read before it
 * (`deliverRead`), then rethrows, so nothing already read is lost; once failed, every later step rethrows the
 * same error.
 */
export function failOnce(deliverRead: () => void): (step: () => void) => void {
  let failure: unknown = null;
  return (step) => {
    if (failure !== null) throw failure;
    try {
      step();
    } catch (err) {
      failure = err;
      if (err instanceof RecordingError) deliverRead();
      throw err;
    }
  };
}

/**
 * The push/end half every line-based reader shares, guarded by {@link failOnce} with `flush`. `end` also
 * rethrows the scan's own error (pass 2 read past the row the scan stopped at: the file changed, but that
 * error is still the answer), runs the reader's own end checks, then flushes the rest.
 */
export function guardedLines(
  splitter: LineSplitter,
  flush: () => void,
  scanError: RecordingErrorInfo | undefined,
  endChecks: () => void = () => {},
): { push(bytes: Uint8Array): void; end(): void } {
  const guarded = failOnce(flush);
  return {
    push: (bytes) => guarded(() => splitter.push(bytes)),
    end: () =>
      guarded(() => {
        splitter.end();
        if (scanError) throw new RecordingError(scanError);
        endChecks();
        flush();
      }),
  };
}
