/**
 * `neurosleep analyze`: pass 1, then pass 2 through the DSP and the dream model into CSV rows (analyze.ts); a
 * long CSV written to a file starts pass 2 from a scan of its head (head-scan.ts).
 */
import { truncateSync } from 'node:fs';
import type { RecordingRead } from '../analysis/offline-analysis.ts';
import { RecordingError, sameReadingPlan, scanRecording, type RecordingScan } from '../readers/index.ts';
import { analyzeHeader, analyzeRecording } from './analyze.ts';
import { formatFlag, mainsFlag, onlyFile, resolveMains, scanOptions, type ParsedArgs } from './cli-args.ts';
import { engineShapeFromFlags } from './engine-flags.ts';
import { rewritable, scanHead } from './head-scan.ts';
import { openFile, outputSink } from './node-io.ts';
import { ParseWorker } from './parse-worker.ts';
import type { WholeFileScanRequest, WholeFileVerdict } from './worker-read.ts';

export async function runAnalyze(parsed: ParsedArgs): Promise<void> {
  const file = onlyFile(parsed, 'analyze');
  mainsFlag(parsed.flags); // a bad --mains is reported before the file is read
  const format = formatFlag(parsed.flags);
  const options = scanOptions(parsed.flags);
  const outPath = parsed.flags.get('--out');
  const out = typeof outPath === 'string' ? outPath : undefined;
  const parsing = new ParseWorker(file, format);
  try {
    // Pass 2 may start from the file's head only where its rows can be written again if the whole file reads
    // otherwise (head-scan.ts): a file, not standard output.
    const head =
      parsing.inWorker && out !== undefined && rewritable(out) ? scanHead(file, format, options) : null;
    if (head) {
      await analyzeFromHead(parsed, file, head, out as string, (w) => parsing.read(w), { format, options });
    } else {
      const scan = await scanRecording(file, openFile(file), format, options);
      await analyzeWithScan(parsed, file, scan, out, parsing.read());
    }
  } finally {
    await parsing.dispose();
  }
}

/**
 * `analyze` with pass 2 started from `head`, the scan of the file's first minutes, while the worker measures
 * the whole file. The rows stand when the whole file reads as `head` does (the same rate; columns and channels
 * come from the header): then they are exactly the rows of a whole-file scan first. Otherwise `out` is written
 * again from a pass 2 with the whole-file scan, and a whole file that does not scan leaves `out` empty, with its
 * error.
 */
async function analyzeFromHead(
  parsed: ParsedArgs,
  file: string,
  head: RecordingScan,
  out: string,
  read: ParseWorker['read'],
  scanRequest: WholeFileScanRequest,
): Promise<void> {
  const got: { verdict?: WholeFileVerdict } = {};
  let failure: unknown = null;
  try {
    await analyzeWithScan(
      parsed,
      file,
      head,
      out,
      read({ ...scanRequest, onWholeFile: (v) => (got.verdict = v) }),
    );
  } catch (err) {
    failure = err; // settled below, once the whole file says whether the head's reading stands
  }
  const verdict = got.verdict;
  if (verdict === undefined)
    throw failure ?? new Error(`${file}: the parsing worker gave no whole-file verdict`);
  if ('headHolds' in verdict) {
    if (failure !== null) throw failure;
    return;
  }
  if ('error' in verdict) {
    truncateSync(out, 0);
    throw verdict.error;
  }
  const whole = verdict.scan;
  if (!sameReadingPlan(head, whole)) {
    await analyzeWithScan(parsed, file, whole, out, undefined);
    return;
  }
  if (failure !== null) throw failure;
  // A row the whole-file scan stopped at but pass 2 read through: a parser given that scan throws it at its end.
  if (whole.error) throw new RecordingError(whole.error);
}

/** `analyze` with pass 1 done: rows to `out` (standard output when undefined). */
async function analyzeWithScan(
  parsed: ParsedArgs,
  file: string,
  scan: RecordingScan,
  out: string | undefined,
  read: RecordingRead | undefined,
): Promise<void> {
  const shape = engineShapeFromFlags(parsed.flags, scan, file);
  const notch = await resolveMains(mainsFlag(parsed.flags), scan, file);
  const sink = outputSink(out);
  const bands = shape?.bands?.map((b) => b.name) ?? (scan.hasRawEeg ? undefined : scan.bands);
  try {
    await sink.write(
      analyzeHeader(bands ?? ['delta', 'theta', 'alpha', 'beta', 'gamma'], scan.channels) + '\n',
    );
    await analyzeRecording(scan, openFile(file), (rows) => sink.write(rows), {
      mainsHz: notch,
      mainsHarmonics: parsed.flags.has('--harmonics'),
      shape,
      read,
    });
  } finally {
    await sink.close();
  }
  if (!scan.hasRawEeg && scan.note) process.stderr.write(`neurosleep: ${file}: ${scan.note}\n`);
}
