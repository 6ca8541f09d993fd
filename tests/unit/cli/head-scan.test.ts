import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import { passTwoFromHead, scanHead } from '../../../src/cli/head-scan.ts';
import { rewritable } from '../../../src/cli/node-io.ts';
import { openFile } from '../../../src/cli/node-io.ts';
import { RecordingReadWorker, type WholeFileVerdict } from '../../../src/cli/worker-read.ts';
import {
  RecordingError,
  readRecording,
  sameReadingPlan,
  scanRecording,
  type RecordingScan,
} from '../../../src/readers/index.ts';
import type { SourceEvent } from '../../../src/source/types.ts';
import type { RecordingRead } from '../../../src/analysis/offline-analysis.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-head-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HEAD = 1 << 16;

/** 30 s of muse-lsl CSV (≈ 400 KB), its lines changed by `edit` first. */
function csvFile(name: string, edit: (lines: string[]) => void = () => {}): string {
  const synth = new EegSynthesizer({ seed: 9, timeline: 'calm-anxious-recovery', mainsHz: 50 });
  const lines = [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 30 })]
    .join('')
    .split('\n');
  edit(lines);
  const path = join(dir, name);
  writeFileSync(path, lines.join('\n'));
  return path;
}

/** From row `from` (1-based, after the header) on, rows follow each other every `stepS` seconds. */
function retime(lines: string[], from: number, stepS: number): void {
  const t0 = Number(lines[from - 1]!.split(',')[0]);
  for (let i = from; i < lines.length; i++) {
    const line = lines[i]!;
    if (line === '') continue;
    lines[i] = (t0 + (i - from + 1) * stepS).toFixed(6) + line.slice(line.indexOf(','));
  }
}

async function fromHead(path: string) {
  const head = scanHead(path, undefined, {}, HEAD);
  if (!head) throw new Error(`${path}: no head scan`);
  const events: SourceEvent[] = [];
  const got: { verdict?: WholeFileVerdict } = {};
  let error: unknown = null;
  try {
    await new RecordingReadWorker().read(path, head, (e) => void events.push(e), {
      readBytes: 1 << 15,
      wholeFileScan: { options: {}, onWholeFile: (v) => (got.verdict = v) },
    });
  } catch (err) {
    error = err;
  }
  return { head, events, verdict: got.verdict, error };
}

async function twoPass(path: string) {
  const scan = await scanRecording(path, openFile(path));
  const events: SourceEvent[] = [];
  let error: unknown = null;
  try {
    await readRecording(scan, openFile(path), (e) => void events.push(e));
  } catch (err) {
    error = err;
  }
  return { scan, events, error };
}

describe('pass 2 from a scan of the head, with the whole file measured beside it', () => {
  it('scans only the head of a longer file, and nothing of a file that fits in it', async () => {
    const path = csvFile('plain.csv');
    const head = scanHead(path, undefined, {}, HEAD) as RecordingScan;
    const whole = await scanRecording(path, openFile(path));
    expect(head.rows).toBeGreaterThan(1000);
    expect(head.rows).toBeLessThan(whole.rows / 4);
    expect(sameReadingPlan(head, whole)).toBe(true);
    expect(scanHead(path, undefined, {}, 1 << 20)).toBeNull();
    expect(scanHead(join(dir, 'missing.csv'), undefined, {}, HEAD)).toBeNull();
  });

  it('stops at its line limit when the head holds more lines', () => {
    const path = csvFile('lines.csv');
    const byBytes = scanHead(path, undefined, {}, HEAD) as RecordingScan;
    const byLines = scanHead(path, undefined, {}, HEAD, 1001) as RecordingScan;
    // The header, then 1,000 data rows.
    expect(byLines.rows).toBe(1000);
    expect(byBytes.rows).toBeGreaterThan(1000);
    expect(sameReadingPlan(byLines, byBytes)).toBe(true);
  });

  it('says the head holds when the whole file reads the same, and gives the events of two passes', async () => {
    const path = csvFile('holds.csv');
    const got = await fromHead(path);
    const want = await twoPass(path);
    expect(got.error).toBeNull();
    expect(got.verdict).toEqual({ headHolds: true });
    expect(got.events).toEqual(want.events);
  });

  it('gives the whole-file scan when the rate after the head differs, and it reads differently', async () => {
    // 10 s at 256 Hz, then the remaining 20 s of rows 16 times as fast: ≈ 720 Hz over the whole file.
    const path = csvFile('faster.csv', (lines) => retime(lines, 2561, 1 / 4096));
    const got = await fromHead(path);
    const want = await twoPass(path);
    expect(got.head.sampleRate).toBe(256);
    expect(want.scan.sampleRate).toBeGreaterThan(600);
    expect(got.verdict && 'scan' in got.verdict ? got.verdict.scan : null).toEqual(want.scan);
    expect(sameReadingPlan(got.head, want.scan)).toBe(false);
  });

  it('after a bad row, gives the whole-file scan (it stops there) and the same error as two passes', async () => {
    const path = csvFile('bad.csv', (lines) => {
      lines[6000] = lines[6000]!.replace(/,([^,]+),/, ',twelve,');
    });
    const got = await fromHead(path);
    const want = await twoPass(path);
    expect(want.error).toBeInstanceOf(RecordingError);
    expect(got.error).toBeInstanceOf(RecordingError);
    expect((got.error as RecordingError).message).toBe((want.error as RecordingError).message);
    expect(got.events).toEqual(want.events);
    expect(got.verdict && 'scan' in got.verdict ? got.verdict.scan : null).toEqual(want.scan);
  });

  it('rewrites only regular files or new ones', () => {
    const path = csvFile('out.csv');
    expect(rewritable(path)).toBe(true);
    expect(rewritable(join(dir, 'new.csv'))).toBe(true);
    expect(rewritable('/dev/null')).toBe(false);
    expect(rewritable(dir)).toBe(false);
  });
});

describe('passTwoFromHead', () => {
  /** Pass 2 (collecting events) from the head scan through the parsing worker; the scans it ran with. */
  async function viaHead(path: string) {
    const head = scanHead(path, undefined, {}, HEAD) as RecordingScan;
    const rates: number[] = [];
    let discarded = 0;
    const worker = new RecordingReadWorker();
    const inThread: RecordingRead = (scan, onEvent) => readRecording(scan, openFile(path), onEvent);
    let events: SourceEvent[] = [];
    let error: unknown = null;
    try {
      events = await passTwoFromHead(
        path,
        head,
        { options: {} },
        (w) => (scan, onEvent) => worker.read(path, scan, onEvent, { readBytes: 1 << 15, wholeFileScan: w }),
        async (scan, read) => {
          rates.push(scan.sampleRate);
          const got: SourceEvent[] = [];
          await (read ?? inThread)(scan, (e) => void got.push(e));
          return got;
        },
        () => discarded++,
      );
    } catch (err) {
      error = err;
    }
    return { rates, events, error, discarded };
  }

  it('keeps pass 2 from the head when the whole file reads the same', async () => {
    const path = csvFile('p-holds.csv');
    const got = await viaHead(path);
    expect(got.error).toBeNull();
    expect(got.rates).toEqual([256]);
    expect(got.events).toEqual((await twoPass(path)).events);
  });

  it('runs pass 2 again with the whole-file scan when the rate differs', async () => {
    const path = csvFile('p-faster.csv', (lines) => retime(lines, 2561, 1 / 4096));
    const want = await twoPass(path);
    const got = await viaHead(path);
    expect(got.error).toBeNull();
    expect(got.rates).toEqual([256, want.scan.sampleRate]);
    expect(got.events).toEqual(want.events);
  });

  it('throws the bad row’s error as two passes do, without running again', async () => {
    const path = csvFile('p-bad.csv', (lines) => {
      lines[6000] = lines[6000]!.replace(/,([^,]+),/, ',twelve,');
    });
    const want = await twoPass(path);
    const got = await viaHead(path);
    expect(got.rates).toEqual([256]);
    expect((got.error as RecordingError).message).toBe((want.error as RecordingError).message);
  });

  it('discards what pass 2 wrote and throws pass 1’s error when the whole file does not scan', async () => {
    // A last row stamped before the first: pass 2 re-anchors its clock, pass 1 finds no time elapsed.
    const path = csvFile('p-backwards.csv', (lines) => {
      lines[lines.length - 1] = '1600000000.000000,1.0,2.0,3.0,4.0,0.0';
    });
    await expect(scanRecording(path, openFile(path))).rejects.toThrow(/timestamps that advance/);
    const got = await viaHead(path);
    expect(got.rates).toEqual([256]);
    expect(got.discarded).toBe(1);
    expect((got.error as RecordingError).message).toMatch(/timestamps that advance/);
  });
});
