/**
 * The `neurosleep` command line: inspect and analyze recordings with the app's own readers and dsp/ code.
 * Exit 0 on success; bad input exits 2 with `neurosleep: FILE:LINE: …` and no stack trace.
 */
import type { RecordingRead } from '../analysis/offline-analysis.ts';
import { RecordingError, scanRecording, type RecordingScan } from '../readers/index.ts';
import { runAnalyze } from './analyze-command.ts';
import {
  formatFlag,
  mainsFlag,
  onlyFile,
  parseArgs,
  resolveMains,
  scanOptions,
  type ParsedArgs,
} from './cli-args.ts';
import { ENGINE_FLAGS } from './engine-flags.ts';
import { exportEdf } from './export.ts';
import { inspectRecording } from './inspect.ts';
import { CliError, OutputClosed, openFile } from './node-io.ts';
import { passTwoFromHead, scanHead } from './head-scan.ts';
import { ParseWorker } from './parse-worker.ts';
import { reportFromRecording, writeReport } from './report.ts';

const USAGE = `Usage: neurosleep <command> [options]

Commands:
  inspect FILE            format, channels, sample rate, duration, gaps and markers of a recording
  analyze FILE            band powers and dream state, one CSV row per update (10 per second)
  export FILE             the recording as EDF+ (--to edf --out OUT.edf)
  report FILE             the session report: self-contained HTML (and CSV) from any recording

Run 'neurosleep <command> --help' for a command's options.
Formats: Mind Monitor CSV, muse-lsl CSV (record and record_direct), EDF/EDF+, BDF/BDF+, OpenBCI GUI .txt
and BrainFlow Muse files, detected from content.`;

const CHANNELS_HELP = `  --channels A,B,…  the channels to read, by label (case, spaces, an "EEG " prefix and trailing dots
               are ignored: O1 picks "O1..", "exg channel 2" OpenBCI's "EXG Channel 2"), in that order,
               all at one rate. Default: a CSV, OpenBCI or BrainFlow file's every EEG column; an EDF/BDF's
               every EEG signal at the highest EEG rate (other signals are listed, not read).`;

const INSPECT_USAGE = `Usage: neurosleep inspect FILE [--format F] [--channels A,B,…] [--json]

Prints the recording's format, channels, sample rate, duration, gaps and markers.
  --format F   skip detection and read FILE as format F (mind-monitor, muse-lsl, edf, bdf)
${CHANNELS_HELP}
  --json       print one JSON object instead of text`;

const MAINS_HELP = `  --mains HZ   line-noise notch: auto (default: 50 or 60 Hz, whichever stands out in the first 30 s;
               50 when neither does; 'neurosleep inspect' shows what it found), 50, 60 or none
  --harmonics  notch the mains harmonics below Nyquist too (100 or 120 Hz at 256 Hz, where jaw EMG is sought)`;

const ANALYZE_USAGE = `Usage: neurosleep analyze FILE [--out OUT.csv] [--format F] [--channels A,B,…] [--mains auto|50|60|none]
                        [--harmonics] [--bands NAME:LOW-HIGH,…] [--window N] [--taper hann|hamming] [--rate HZ]
                        [--preset mind-monitor]

Writes one CSV row per band-power update (10 per second for raw EEG; one per row for 1 row/s Mind Monitor
files, which replay their own recorded band powers):
  TimeStamp (s since the recording's start, 3 decimals),
  Delta_TP9,…,Gamma_TP10 (log10 of the summed PSD, band-major as Mind Monitor orders them, with the
  recording's own channel names; empty = no complete window on that electrode), then Calm,Dread,Wonder,Glitch.
  --out F      write to F instead of standard output; faster for a long CSV, whose analysis then starts
               while its sample rate is measured over the whole file (F is written again if that rate is not
               the one its first minutes show)
  --format F   mind-monitor, muse-lsl, edf or bdf, skipping detection
${CHANNELS_HELP}
${MAINS_HELP}
Band powers from raw EEG (default: Muse's documented pipeline, a 256-sample Hamming window 10 times a second
and Mind Monitor's bands delta:1-4,theta:4-8,alpha:7.5-13,beta:13-30,gamma:30-44):
  --bands B    the bands, NAME:LOW-HIGH in Hz (LOW ≤ f < HIGH), comma-separated, in column order; the dream
               columns need theta, alpha and beta, and hold calm without them
  --window N   analysis window in samples (256 = 1 s at 256 Hz): longer is steadier and later
  --taper T    the window's shape: hamming (default) or hann
  --rate HZ    updates (rows) per second of signal, at most the sample rate; default 10
  --preset P   mind-monitor: a 768-sample Hamming window, which agrees best with Mind Monitor's own
               band-power columns (r ≈ 0.9, against ≈ 0.7 for 256 samples); flags after it override it`;

const REPORT_USAGE = `Usage: neurosleep report FILE [--out report.html] [--csv OUT.csv] [--format F] [--mains auto|50|60|none]
                       [--harmonics]

Analyzes FILE as the app would and writes the session report: a self-contained HTML file that opens offline
(dream state, band powers and signal quality timelines; time in calm, dread and wonder; recoveries from dread;
markers and gaps), to standard output unless --out is given.
  --out F      write the HTML report to F
  --csv F      also write the report's time series as CSV to F
  --format F   mind-monitor or muse-lsl, skipping detection
${MAINS_HELP}`;

const EXPORT_USAGE = `Usage: neurosleep export FILE --to edf --out OUT.edf [--format F] [--channels A,B,…]

Writes the recording's EEG as EDF+ (EDF+C, or EDF+D when samples were lost), with its markers and gaps in the
annotation signal; physical ranges are each channel's own, so no sample clips.
  --to edf     the output format (EDF+ is the only one)
  --out F      the file to write
  --format F   mind-monitor, muse-lsl, edf or bdf, skipping detection
${CHANNELS_HELP}`;

async function runInspect(parsed: ParsedArgs): Promise<void> {
  const file = onlyFile(parsed, 'inspect');
  const open = openFile(file);
  const scan = await scanRecording(file, open, formatFlag(parsed.flags), scanOptions(parsed.flags));
  const report = await inspectRecording(scan, open);
  process.stdout.write(parsed.flags.has('--json') ? JSON.stringify(report.json) + '\n' : report.text);
  if (report.error) throw report.error;
}

async function runReport(parsed: ParsedArgs): Promise<void> {
  const file = onlyFile(parsed, 'report');
  const mainsHz = mainsFlag(parsed.flags);
  const format = formatFlag(parsed.flags);
  const options = scanOptions(parsed.flags);
  const parsing = new ParseWorker(file, format);
  try {
    const open = openFile(file);
    const out = parsed.flags.get('--out');
    const csv = parsed.flags.get('--csv');
    const label = file.split(/[\\/]/).pop() ?? file;
    const report = async (scan: RecordingScan, read: RecordingRead | undefined) =>
      reportFromRecording(
        scan,
        open,
        label,
        {
          mainsHz: await resolveMains(mainsHz, scan, file),
          mainsHarmonics: parsed.flags.has('--harmonics'),
        },
        read,
      );
    // The report is written once complete, so a long CSV's pass 2 can always start from its head (head-scan.ts).
    const head = parsing.inWorker ? scanHead(file, format, options) : null;
    const { record, summary, error } = head
      ? await passTwoFromHead(file, head, { format, options }, (w) => parsing.read(w), report)
      : await report(await scanRecording(file, open, format, options), parsing.read());
    await writeReport(
      record,
      summary,
      typeof out === 'string' ? out : undefined,
      typeof csv === 'string' ? csv : undefined,
    );
    if (error) throw error;
  } finally {
    await parsing.dispose();
  }
}

async function runExport(parsed: ParsedArgs): Promise<void> {
  const file = onlyFile(parsed, 'export');
  const to = parsed.flags.get('--to');
  if (to !== 'edf')
    throw new CliError(`--to: expected edf, found ${to === undefined ? 'nothing' : String(to)}`);
  const out = parsed.flags.get('--out');
  if (typeof out !== 'string') throw new CliError('export: expected --out OUT.edf');
  const open = openFile(file);
  const scan = await scanRecording(file, open, formatFlag(parsed.flags), scanOptions(parsed.flags));
  const { result, error } = await exportEdf(scan, open, out);
  process.stderr.write(
    `neurosleep: ${out}: ${result.variant}, ${result.records} records of ${result.recordDurationS} s, ` +
      `${scan.channels.length} channels, ${result.annotations} annotations\n`,
  );
  if (error) throw error;
}

// bin/neurosleep.mjs hands over the worker thread it started before it loaded this bundle.
export { offerStartedWorker } from './worker-batches.ts';

/** Runs the CLI and returns its exit code; never throws. */
export async function main(args: readonly string[]): Promise<number> {
  try {
    const [command, ...rest] = args;
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      process.stdout.write(USAGE + '\n');
      return command === undefined ? 2 : 0;
    }
    const parsed = parseArgs(rest);
    const help = parsed.flags.has('--help') || parsed.flags.has('-h');
    const engineFlag = ENGINE_FLAGS.find((f) => parsed.flags.has(f));
    if (command !== 'analyze' && command !== 'report' && parsed.flags.has('--harmonics')) {
      throw new CliError(`--harmonics: only 'neurosleep analyze' and 'report' take it`);
    }
    if (command !== 'analyze' && engineFlag !== undefined) {
      throw new CliError(
        `${engineFlag}: only 'neurosleep analyze' takes it (see 'neurosleep analyze --help')`,
      );
    }
    switch (command) {
      case 'inspect':
        if (help) process.stdout.write(INSPECT_USAGE + '\n');
        else await runInspect(parsed);
        return 0;
      case 'analyze':
        if (help) process.stdout.write(ANALYZE_USAGE + '\n');
        else await runAnalyze(parsed);
        return 0;
      case 'report':
        if (help) process.stdout.write(REPORT_USAGE + '\n');
        else await runReport(parsed);
        return 0;
      case 'export':
        if (help) process.stdout.write(EXPORT_USAGE + '\n');
        else await runExport(parsed);
        return 0;
      default:
        throw new CliError(
          `unknown command '${command}': expected inspect, analyze, report or export (see --help)`,
        );
    }
  } catch (err) {
    if (err instanceof OutputClosed) return 0;
    if (err instanceof RecordingError || err instanceof CliError) {
      process.stderr.write(`neurosleep: ${err.message}\n`);
      return 2;
    }
    // A bug, not bad input: still one line for the user, with the detail for a bug report.
    process.stderr.write(`neurosleep: internal error: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}
