/**
 * Issue 4, benchmark 3: `neurosleep analyze` on synthesized muse-lsl recordings of 1 hour and 8 hours (written
 * to the OS temp directory, deleted afterwards). The CLI is spawned as a user runs it (bin/neurosleep.mjs, rows
 * to a file with --out, in the temp directory too) under /usr/bin/time -v, which reports the child's wall time, CPU time and peak RSS. Without
 * /usr/bin/time only wall time is measured (peak RSS is then null). Targets (issue 4): ≥ 5,000× real time,
 * peak RSS flat in file length and ≤ 150 MB. `NEUROSLEEP_BENCH_HOURS=1` limits the run to the 1-hour file.
 * Each recording is also exported to EDF+ (`neurosleep export`, not timed; overnight recordings are usually
 * EDF) and analyzed again: `analyze_<h>h_edf`, same signal, binary samples instead of CSV text. `bundle` says
 * whether the CLI ran its prebuilt bundle (made by `npm ci`, bin/build-cli.mjs) or, with none fresh, the
 * TypeScript sources through tsx (NEUROSLEEP_NO_BUNDLE=1 forces that).
 *
 * Each file is analysed RUNS times (5; NEUROSLEEP_BENCH_RUNS sets it) and the median wall and CPU times are
 * reported, with the fastest and slowest wall times and the highest peak RSS of the runs: on this two-vCPU
 * machine one run of the 1 h CSV measured anywhere from 0.71 to 0.99 s within minutes, with the same code.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, createWriteStream, existsSync, fsyncSync, openSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freshBundle } from '../bin/cli-bundle.mjs';
import { museLslCsvChunks } from '../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../hardware-mocks/synth/synthesizer.ts';
import { report } from './synth-data.ts';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'bin', 'neurosleep.mjs');
const TIME = '/usr/bin/time';
const hours = process.env.NEUROSLEEP_BENCH_HOURS === '1' ? [1] : [1, 8];
const BUNDLED = process.env.NEUROSLEEP_NO_BUNDLE !== '1' && freshBundle(pathToFileURL(ROOT)) !== null;
const RUNS = Math.max(1, Math.round(Number(process.env.NEUROSLEEP_BENCH_RUNS ?? 5)) || 5);

async function writeRecording(path: string, seconds: number): Promise<void> {
  const synth = new EegSynthesizer({ seed: 1, timeline: 'demo', mainsHz: 50 });
  await pipeline(
    Readable.from(museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: seconds })),
    createWriteStream(path),
  );
}

interface Run {
  wallS: number;
  cpuS: number | null;
  peakRssMb: number | null;
}

/** "h:mm:ss" or "m:ss.cc" from time -v, in s. */
function clockSeconds(text: string): number {
  return text.split(':').reduce((acc, part) => acc * 60 + Number(part), 0);
}

function field(out: string, label: string): string {
  const m = new RegExp(`${label}[^:]*: (.+)`).exec(out);
  if (!m?.[1]) throw new Error(`/usr/bin/time -v output has no '${label}' line:\n${out}`);
  return m[1].trim();
}

function analyze(path: string, rows: string): Run {
  const args = [CLI, 'analyze', path, '--out', rows];
  const useTime = existsSync(TIME);
  const t0 = performance.now();
  const r = useTime
    ? spawnSync(TIME, ['-v', process.execPath, ...args], { encoding: 'utf8' })
    : spawnSync(process.execPath, args, { encoding: 'utf8' });
  const wallS = (performance.now() - t0) / 1000;
  if (r.status !== 0) throw new Error(`neurosleep analyze failed (${r.status}): ${r.stderr}`);
  if (!useTime) return { wallS, cpuS: null, peakRssMb: null };
  const err = r.stderr;
  return {
    wallS: clockSeconds(field(err, 'Elapsed \\(wall clock\\) time \\(h:mm:ss or m:ss\\)')),
    cpuS: Number(field(err, 'User time \\(seconds\\)')) + Number(field(err, 'System time \\(seconds\\)')),
    peakRssMb: Number(field(err, 'Maximum resident set size \\(kbytes\\)')) / 1024,
  };
}

function exportEdf(csv: string, edf: string): void {
  const r = spawnSync(process.execPath, [CLI, 'export', csv, '--to', 'edf', '--out', edf], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`neurosleep export failed (${r.status}): ${r.stderr}`);
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/**
 * Flushes a recording just written to disk before it is timed: the kernel's writeback of tens of MB otherwise
 * competes with the first runs for the two cores.
 */
function settle(path: string): void {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

function reportRun(name: string, path: string, seconds: number): void {
  settle(path);
  const bytes = statSync(path).size;
  const rows = `${path}.rows.csv`;
  const runs: Run[] = [];
  let rowBytes: number;
  try {
    for (let k = 0; k < RUNS; k++) runs.push(analyze(path, rows));
    rowBytes = statSync(rows).size;
  } finally {
    rmSync(rows, { force: true });
  }
  const walls = runs.map((r) => r.wallS);
  const wallS = median(walls);
  const cpus = runs.flatMap((r) => (r.cpuS === null ? [] : [r.cpuS]));
  const cpuS = cpus.length === runs.length ? median(cpus) : null;
  const rss = runs.flatMap((r) => (r.peakRssMb === null ? [] : [r.peakRssMb]));
  const peakRssMb = rss.length === runs.length ? Math.max(...rss) : null;
  report({
    name,
    wall_s: +wallS.toFixed(2),
    x_realtime: Math.round(seconds / wallS),
    runs: RUNS,
    wall_s_fastest: +Math.min(...walls).toFixed(2),
    wall_s_slowest: +Math.max(...walls).toFixed(2),
    cpu_s: cpuS === null ? null : +cpuS.toFixed(2),
    x_realtime_cpu: cpuS === null ? null : Math.round(seconds / cpuS),
    peak_rss_mb: peakRssMb === null ? null : +peakRssMb.toFixed(1),
    file_mb: +(bytes / 2 ** 20).toFixed(1),
    rows_mb: +(rowBytes / 2 ** 20).toFixed(1),
    signal_s: seconds,
    // Whether the CLI ran its prebuilt bundle (bin/build-cli.mjs) or the sources through tsx.
    bundle: BUNDLED,
  });
}

for (const h of hours) {
  const seconds = h * 3600;
  const path = join(tmpdir(), `neurosleep-bench-${process.pid}-${h}h.csv`);
  const edf = join(tmpdir(), `neurosleep-bench-${process.pid}-${h}h.edf`);
  try {
    await writeRecording(path, seconds);
    reportRun(`analyze_${h}h`, path, seconds);
    exportEdf(path, edf);
    rmSync(path, { force: true });
    reportRun(`analyze_${h}h_edf`, edf, seconds);
  } finally {
    rmSync(path, { force: true });
    rmSync(edf, { force: true });
  }
}
