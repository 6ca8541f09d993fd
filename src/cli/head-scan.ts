/**
 * Pass 1 over a file's head. A CSV recording's pass 1 reads every row for the whole-file sample rate (≈ 0.25 s
 * of CPU per hour of Muse CSV), and pass 2 could only start after it. `analyze --out` instead starts pass 2
 * from a scan of the file's first minutes; the parsing worker makes pass 1's rate decision from the rows it
 * parses (worker-read.ts), and what pass 2 gave stands only when that decision is the head's. Otherwise pass 2
 * runs again with the whole-file scan, so the rows are always those of pass 1 over the whole file first.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import {
  RecordingError,
  createAnyScanner,
  type RecordingFormat,
  type RecordingScan,
  type ScanOptions,
} from '../readers/index.ts';

/** 8 MB: ≈ 10 minutes of a Muse CSV, scanned in ≈ 40 ms while the parsing worker starts. */
export const HEAD_BYTES = 8 << 20;

const LF = 10;

/**
 * Pass 1 over the first `bytes` of `file`, up to its last line break. Null when the file is no longer than that
 * (pass 1 then reads it all as quickly), when the head has no line break, is not a raw-EEG CSV (Mind Monitor,
 * muse-lsl), or does not scan cleanly: scanRecording over the whole file then says what it finds.
 */
export function scanHead(
  file: string,
  format: RecordingFormat | undefined,
  options: ScanOptions,
  bytes = HEAD_BYTES,
): RecordingScan | null {
  let fd = -1;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).size <= bytes) return null;
    const head = new Uint8Array(bytes);
    let n = 0;
    for (let got = 1; got > 0 && n < bytes; n += got) got = readSync(fd, head, n, bytes - n, n);
    const cut = head.lastIndexOf(LF, n - 1);
    if (cut < 0) return null;
    const scanner = createAnyScanner(file, format, options);
    scanner.push(head.subarray(0, cut + 1));
    const scan = scanner.end();
    return scan.error || !scan.hasRawEeg || !('plan' in scan) ? null : scan;
  } catch (err) {
    // Bad input or an unreadable file: the whole-file scan that follows reports it, with the whole file's line.
    if (err instanceof RecordingError || (err as NodeJS.ErrnoException).code !== undefined) return null;
    throw err;
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * Whether `path` can be written again from its start if pass 2 must run twice: a regular file, or one that
 * does not exist yet. Not standard output, a pipe or a device.
 */
export function rewritable(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT';
  }
}
