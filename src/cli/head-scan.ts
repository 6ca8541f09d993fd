/**
 * Pass 1 over a file's head. A CSV recording's pass 1 reads every row for the whole-file sample rate (≈ 0.25 s
 * of CPU per hour of Muse CSV), and pass 2 could only start after it. `analyze --out` instead starts pass 2
 * from a scan of the file's head; the parsing worker makes pass 1's rate decision from the rows it
 * parses (worker-read.ts), and what pass 2 gave stands only when that decision is the head's. Otherwise pass 2
 * runs again with the whole-file scan, so the rows are always those of pass 1 over the whole file first.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import type { RecordingRead } from '../analysis/offline-analysis.ts';
import {
  RecordingError,
  createAnyScanner,
  sameReadingPlan,
  type RecordingFormat,
  type RecordingScan,
  type ScanOptions,
} from '../readers/index.ts';
import type { WholeFileScanRequest, WholeFileVerdict, WorkerReadOptions } from './worker-read.ts';

/**
 * At most 1 MB: ≈ 80 s of a muse-lsl CSV, ≈ 11 s of a Mind Monitor one. 8 MB took ≈ 70 ms, and pass 2 waited
 * for it (the worker was ready first). The rate is whole-file statistics, and the parsing worker checks the
 * head's decision against the whole file anyway.
 */
export const HEAD_BYTES = 1 << 20;
/**
 * At most this many lines of it: 32 s at 256 Hz. A muse-lsl CSV's 1 MB took 28–40 ms to scan, on the thread
 * that must also probe the mains before the first batch can be analysed; its first 8,192 lines 16–18 ms. A Mind
 * Monitor CSV's 1 MB holds fewer lines (≈ 2,800), so it keeps its 11 s.
 */
export const HEAD_LINES = 1 << 13;

const LF = 10;

/**
 * Pass 1 over the first `lines` lines of `file` that end within its first `bytes`. Null when the file is no
 * longer than `bytes` (pass 1 then reads it all as quickly), when the head has no line break, is not a raw-EEG CSV (Mind Monitor,
 * muse-lsl), or does not scan cleanly: scanRecording over the whole file then says what it finds.
 */
export function scanHead(
  file: string,
  format: RecordingFormat | undefined,
  options: ScanOptions,
  bytes = HEAD_BYTES,
  lines = HEAD_LINES,
): RecordingScan | null {
  let fd = -1;
  try {
    fd = openSync(file, 'r');
    if (fstatSync(fd).size <= bytes) return null;
    const head = new Uint8Array(bytes);
    let n = 0;
    for (let got = 1; got > 0 && n < bytes; n += got) got = readSync(fd, head, n, bytes - n, n);
    const cut = cutAfterLines(head.subarray(0, n), lines);
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

/** The index of the line break that ends line `lines` of `head`, or of its last line break if it has fewer. */
function cutAfterLines(head: Uint8Array, lines: number): number {
  let cut = -1;
  for (let k = 0; k < lines; k++) {
    const next = head.indexOf(LF, cut + 1);
    if (next < 0) break;
    cut = next;
  }
  return cut;
}

/**
 * Runs `pass2` from `head` (scanHead's), with pass 2 read by `readWith` (the parsing worker, asked for the whole
 * file's verdict), and returns or throws what `pass2` does with the plan of a whole-file scan:
 * - the whole file reads as `head` does (the same rate; columns and channels come from the header): `pass2`'s
 *   own result or error stands;
 * - it reads otherwise: `pass2` runs again, with the whole-file scan, read on this thread;
 * - it does not scan: `discard` undoes what `pass2` wrote, and pass 1's error is thrown.
 */
export async function passTwoFromHead<T>(
  file: string,
  head: RecordingScan,
  request: WholeFileScanRequest,
  readWith: (wholeFileScan: WorkerReadOptions['wholeFileScan']) => RecordingRead | undefined,
  pass2: (scan: RecordingScan, read: RecordingRead | undefined) => Promise<T>,
  discard: () => void = () => {},
): Promise<T> {
  const got: { verdict?: WholeFileVerdict } = {};
  let result: { value: T } | null = null;
  let failure: unknown = null;
  try {
    result = { value: await pass2(head, readWith({ ...request, onWholeFile: (v) => (got.verdict = v) })) };
  } catch (err) {
    failure = err; // settled below, once the whole file says whether the head's reading stands
  }
  const verdict = got.verdict;
  if (verdict === undefined)
    throw failure ?? new Error(`${file}: the parsing worker gave no whole-file verdict`);
  if ('error' in verdict) {
    discard();
    throw verdict.error;
  }
  // A whole-file scan that stopped at a row pass 2 read through (a parser given that scan throws it at its end)
  // is not the head's reading either: pass 2 runs again to end as it would.
  const holds =
    'headHolds' in verdict ||
    (sameReadingPlan(head, verdict.scan) && (failure !== null || verdict.scan.error === undefined));
  if (!holds) return pass2(verdict.scan, undefined);
  if (result === null) throw failure;
  return result.value;
}
