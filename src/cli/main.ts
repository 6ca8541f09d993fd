/**
 * The `neurosleep` command line: inspect and analyze recordings with the app's own readers and dsp/ code.
 * Exit 0 on success; bad input exits 2 with `neurosleep: FILE:LINE: …` and no stack trace.
 */
import { closeSync, openSync, readSync, truncateSync } from 'node:fs';
import type { RecordingRead } from '../analysis/offline-analysis.ts';
import { probeRecordingMains } from '../analysis/recording-mains.ts';
import {
  RecordingError,
  sameReadingPlan,
  scanRecording,
  sniffEdf,
  type RecordingFormat,
  type RecordingScan,
  type ScanOptions,
} from '../readers/index.ts';
import { analyzeHeader, analyzeRecording } from './analyze.ts';
import { ENGINE_FLAGS, engineShapeFromFlags } from './engine-flags.ts';
import { exportEdf } from './export.ts';
import { inspectRecording } from './inspect.ts';
import { reportFromRecording, writeReport } from './report.ts';
import { CliError, OutputClosed, openFile, outputSink, unreadableReason } from './node-io.ts';
import { rewritable, scanHead } from './head-scan.ts';
import {
  RecordingReadWorker,
  type WholeFileScanRequest,
  type WholeFileVerdict,
  type WorkerReadOptions,
} from './worker-read.ts';

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

const FORMATS: readonly RecordingFormat[] = [
  'mind-monitor',
  'muse-lsl',
  'edf',
  'bdf',
  'openbci',
  'brainflow',
];

interface ParsedArgs {
  positional: string[];
  flags: Map<string, string | true>;
}

const VALUE_FLAGS = new Set(['--out', '--format', '--mains', '--csv', '--channels', '--to', ...ENGINE_FLAGS]);
const BOOLEAN_FLAGS = new Set(['--help', '-h', '--json', '--harmonics']);

function parseArgs(args: readonly string[]): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? arg.split(/=(.*)/s) : [arg, undefined];
    if (name === undefined) continue;
    if (VALUE_FLAGS.has(name)) {
      const value = inline ?? args[++i];
      if (value === undefined || value.startsWith('--')) throw new CliError(`${name} needs a value`);
      flags.set(name, value);
    } else if (BOOLEAN_FLAGS.has(name)) {
      flags.set(name, true);
    } else if (name.startsWith('-') && name !== '-') {
      throw new CliError(`unknown option ${name} (see --help)`);
    } else {
      positional.push(arg);
    }
  }
  return { positional, flags };
}

function formatFlag(flags: ParsedArgs['flags']): RecordingFormat | undefined {
  const f = flags.get('--format');
  if (f === undefined) return undefined;
  if (typeof f === 'string' && (FORMATS as readonly string[]).includes(f)) return f as RecordingFormat;
  throw new CliError(`--format: expected one of ${FORMATS.join(', ')}, found ${String(f)}`);
}

function scanOptions(flags: ParsedArgs['flags']): ScanOptions {
  const c = flags.get('--channels');
  if (c === undefined) return {};
  const channels = String(c)
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  if (channels.length === 0) throw new CliError('--channels: expected signal labels such as O1,O2,Oz');
  return { channels };
}

function mainsFlag(flags: ParsedArgs['flags']): 50 | 60 | null | 'auto' {
  const m = flags.get('--mains');
  if (m === undefined || m === 'auto') return 'auto';
  if (m === '50') return 50;
  if (m === '60') return 60;
  if (m === 'none') return null;
  throw new CliError(`--mains: expected auto, 50, 60 or none, found ${String(m)}`);
}

/** The notch: as asked, or with `auto` the mains the recording's start shows (mains-probe.ts), else 50 Hz. */
async function resolveMains(
  mains: 50 | 60 | null | 'auto',
  scan: RecordingScan,
  file: string,
): Promise<50 | 60 | null> {
  if (mains !== 'auto') return mains;
  // Read in small pieces: the probe wants half a minute, and a reader parses a whole piece before it stops.
  return (await probeRecordingMains(scan, openFile(file, PROBE_READ_BYTES)))?.mainsHz ?? 50;
}

/** 64 KB: ≈ 5 s of a Muse CSV, ≈ 30 s of its EDF. */
const PROBE_READ_BYTES = 1 << 16;

function onlyFile(parsed: ParsedArgs, command: string): string {
  if (parsed.positional.length !== 1) {
    throw new CliError(
      `${command}: expected one FILE, found ${parsed.positional.length === 0 ? 'none' : parsed.positional.join(' ')}`,
    );
  }
  const file = parsed.positional[0] as string;
  const reason = unreadableReason(file);
  if (reason) throw new CliError(`${file}: ${reason}`);
  return file;
}

async function runInspect(parsed: ParsedArgs): Promise<void> {
  const file = onlyFile(parsed, 'inspect');
  const open = openFile(file);
  const scan = await scanRecording(file, open, formatFlag(parsed.flags), scanOptions(parsed.flags));
  const report = await inspectRecording(scan, open);
  process.stdout.write(parsed.flags.has('--json') ? JSON.stringify(report.json) + '\n' : report.text);
  if (report.error) throw report.error;
}

/** Whether `file` starts like an EDF or BDF (as the scanner sniffs it); false when it cannot be read. */
function isEdfOrBdf(file: string): boolean {
  const head = new Uint8Array(8);
  let fd = -1;
  try {
    fd = openSync(file, 'r');
    const n = readSync(fd, head, 0, head.length, 0);
    return sniffEdf(head.subarray(0, n)) !== null;
  } catch {
    return false; // the scan that follows reports why the file cannot be read
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * Pass 2 of a text recording is parsed in a worker thread, beside the DSP on this one: parsing CSV costs about
 * as much as the DSP (worker-read.ts). EDF/BDF decode cheaply and stay on this thread: moving their DSP to a
 * worker as well measured faster on 8 h files, but with ≈ 185 MB peak memory against the 150 MB target (two
 * heaps, each holding its garbage). The worker starts before the scan, to load while this thread scans.
 */
class ParseWorker {
  private readonly reader: RecordingReadWorker | null;

  constructor(
    private readonly file: string,
    format: RecordingFormat | undefined,
  ) {
    const binary = format ? format === 'edf' || format === 'bdf' : isEdfOrBdf(file);
    this.reader = binary ? null : new RecordingReadWorker();
  }

  /** Whether pass 2 runs in the worker (a text recording). */
  get inWorker(): boolean {
    return this.reader !== null;
  }

  /** Pass 2 in the worker (scanning the whole file too when asked), or undefined (readRecording on this thread). */
  read(wholeFileScan?: WorkerReadOptions['wholeFileScan']): RecordingRead | undefined {
    const reader = this.reader;
    return reader
      ? (scan, onEvent) => reader.read(this.file, scan, onEvent, wholeFileScan ? { wholeFileScan } : {})
      : undefined;
  }

  async dispose(): Promise<void> {
    await this.reader?.dispose();
  }
}

async function runAnalyze(parsed: ParsedArgs): Promise<void> {
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
 * `analyze` with pass 2 started from `head`, the scan of the file's first minutes, while the worker scans the
 * whole file. The rows stand when the whole-file scan reads the file as `head` does (the same rate, columns and
 * channels): then they are exactly the rows of a whole-file scan first. Otherwise `out` is written again from a
 * pass 2 with the whole-file scan, and a whole file that does not scan leaves `out` empty, with its error.
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

async function runReport(parsed: ParsedArgs): Promise<void> {
  const file = onlyFile(parsed, 'report');
  const mainsHz = mainsFlag(parsed.flags);
  const format = formatFlag(parsed.flags);
  const parsing = new ParseWorker(file, format);
  try {
    const open = openFile(file);
    const scan = await scanRecording(file, open, format, scanOptions(parsed.flags));
    const out = parsed.flags.get('--out');
    const csv = parsed.flags.get('--csv');
    const label = file.split(/[\\/]/).pop() ?? file;
    const { record, summary, error } = await reportFromRecording(
      scan,
      open,
      label,
      {
        mainsHz: await resolveMains(mainsHz, scan, file),
        mainsHarmonics: parsed.flags.has('--harmonics'),
      },
      parsing.read(),
    );
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
