/**
 * `neurosleep analyze`: pass 1, then pass 2 through the DSP and the dream model into CSV rows (analyze.ts); a
 * long CSV written to a file starts pass 2 from a scan of its head (head-scan.ts).
 */
import { truncateSync } from 'node:fs';
import type { EngineRead, RecordingRead } from '../analysis/offline-analysis.ts';
import { scanRecording, type RecordingScan } from '../readers/index.ts';
import { analyzeHeader, analyzeRecording } from './analyze.ts';
import { formatFlag, mainsFlag, onlyFile, resolveMains, scanOptions, type ParsedArgs } from './cli-args.ts';
import { engineShapeFromFlags } from './engine-flags.ts';
import { EngineWorker } from './engine-worker.ts';
import { passTwoFromHead, scanHead } from './head-scan.ts';
import { openFile, outputSink, rewritable } from './node-io.ts';
import { ParseWorker } from './parse-worker.ts';
import { readAhead } from './read-ahead.ts';
import { WorkerArtifacts } from './worker-artifacts.ts';

export async function runAnalyze(parsed: ParsedArgs): Promise<void> {
  const file = onlyFile(parsed, 'analyze');
  mainsFlag(parsed.flags); // a bad --mains is reported before the file is read
  const format = formatFlag(parsed.flags);
  const options = scanOptions(parsed.flags);
  const outPath = parsed.flags.get('--out');
  const out = typeof outPath === 'string' ? outPath : undefined;
  const parsing = new ParseWorker(file, format);
  // EDF/BDF need no parsing worker: a worker decodes them and runs their DSP (engine-worker.ts), started now to
  // load while this thread scans.
  const dsp = parsing.inWorker ? null : new EngineWorker(file);
  // A text recording's blink / jaw-clench detector runs in its parsing worker (worker-artifacts.ts).
  const artifacts = parsing.inWorker ? new WorkerArtifacts() : undefined;
  try {
    // Pass 2 may start from the file's head only where its rows can be written again if the whole file reads
    // otherwise (head-scan.ts): a file, not standard output.
    const head =
      parsing.inWorker && out !== undefined && rewritable(out) ? scanHead(file, format, options) : null;
    if (head) {
      const rows = out as string;
      await passTwoFromHead(
        file,
        head,
        { format, options },
        (w) => parsing.read(w, artifacts),
        (scan, read) => analyzeWithScan(parsed, file, scan, rows, read, undefined, artifacts),
        () => truncateSync(rows, 0),
      );
    } else {
      const scan = await scanRecording(file, openFile(file), format, options);
      await analyzeWithScan(
        parsed,
        file,
        scan,
        out,
        parsing.read(undefined, artifacts),
        dsp?.read,
        artifacts,
      );
    }
  } finally {
    await Promise.all([parsing.dispose(), dsp?.dispose()]);
  }
}

/**
 * `analyze` with pass 1 done: rows to `out` (standard output when undefined). `artifacts`: the detector that `read`
 * (the parsing worker's) runs, when it is given.
 */
async function analyzeWithScan(
  parsed: ParsedArgs,
  file: string,
  scan: RecordingScan,
  out: string | undefined,
  read: RecordingRead | undefined,
  engineRead?: EngineRead,
  artifacts?: WorkerArtifacts,
): Promise<void> {
  // The parsing worker starts on the file while this thread probes the mains frequency.
  const ahead = read ? readAhead(read, scan) : null;
  const detecting = read ? artifacts : undefined;
  try {
    const shape = engineShapeFromFlags(parsed.flags, scan, file);
    const notch = await resolveMains(mainsFlag(parsed.flags), scan, file);
    const harmonics = parsed.flags.has('--harmonics');
    detecting?.decide(notch, harmonics);
    const sink = outputSink(out);
    const bands = shape?.bands?.map((b) => b.name) ?? (scan.hasRawEeg ? undefined : scan.bands);
    try {
      await sink.write(
        analyzeHeader(bands ?? ['delta', 'theta', 'alpha', 'beta', 'gamma'], scan.channels) + '\n',
      );
      await analyzeRecording(scan, openFile(file), (rows) => sink.write(rows), {
        mainsHz: notch,
        mainsHarmonics: harmonics,
        shape,
        read: ahead?.read,
        artifactSpans: detecting?.flags,
        engineRead,
      });
    } finally {
      await sink.close();
    }
  } finally {
    ahead?.cancel();
    detecting?.release();
  }
  if (!scan.hasRawEeg && scan.note) process.stderr.write(`neurosleep: ${file}: ${scan.note}\n`);
}
