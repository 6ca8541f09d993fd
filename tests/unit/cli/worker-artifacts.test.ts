import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import {
  runOfflineAnalysis,
  type ArtifactRead,
  type OfflineAnalysisOptions,
} from '../../../src/analysis/offline-analysis.ts';
import { openFile } from '../../../src/cli/node-io.ts';
import { ParseWorker } from '../../../src/cli/parse-worker.ts';
import { RecordingReadWorker } from '../../../src/cli/worker-read.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';
import { RecordingError, scanRecording } from '../../../src/readers/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-worker-artifacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * 60 s of muse-lsl CSV (blinks and clenches) with a second cut out at 20 s (a gap), AF7 missing in one row (a
 * one-sample hole for the detector) and `tail` appended.
 */
function csvFile(name: string, tail = ''): string {
  const synth = new EegSynthesizer({ seed: 3, timeline: 'demo', mainsHz: 50 });
  const lines = [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 60 })]
    .join('')
    .split('\n');
  const kept = [...lines.slice(0, 1 + 256 * 20), ...lines.slice(1 + 256 * 21)];
  const row = (kept[1 + 256 * 30] as string).split(',');
  row[2] = 'NaN';
  kept[1 + 256 * 30] = row.join(',');
  const path = join(dir, name);
  writeFileSync(path, kept.join('\n').trimEnd() + '\n' + tail);
  return path;
}

function snapshot(frame: BandPowerFrame) {
  return {
    t: frame.t,
    artifact: frame.artifact ?? false,
    arrays: [frame.absolute, frame.relative, frame.valid, frame.quality].map((a) => [...a]),
  };
}

async function analysis(path: string, options: OfflineAnalysisOptions) {
  const open = openFile(path);
  const scan = await scanRecording(path, open);
  const frames: ReturnType<typeof snapshot>[] = [];
  const dreams: string[] = [];
  let error: unknown = null;
  try {
    await runOfflineAnalysis(
      scan,
      open,
      (frame, dream) => {
        frames.push(snapshot(frame));
        dreams.push(JSON.stringify(dream));
      },
      { mainsHz: 50, ...options },
    );
  } catch (err) {
    error = err;
  }
  return { frames, dreams, error };
}

/** The parsing worker with the detector, read in pieces of `readBytes`; counts the span reports it hands over. */
function workerRead(path: string, readBytes: number, reports: { closed: number }[]): ArtifactRead {
  return (scan, options, onSpans, onEvent) =>
    new RecordingReadWorker().read(path, scan, onEvent, {
      readBytes,
      ...(options
        ? {
            artifacts: {
              options,
              onSpans: (closed, since) => {
                reports.push({ closed: closed.length / 2 });
                onSpans(closed, since);
              },
            },
          }
        : {}),
    });
}

describe('artifact detection in the parsing worker (analyze of a CSV)', () => {
  it('flags every update as the in-thread engine does, across a gap, a missing value and many batches', async () => {
    const path = csvFile('demo.csv');
    const want = await analysis(path, {});
    const reports: { closed: number }[] = [];
    const got = await analysis(path, { artifactRead: workerRead(path, 5000, reports) });
    expect(want.error).toBeNull();
    expect(got.error).toBeNull();
    expect(want.frames.filter((f) => f.artifact).length).toBeGreaterThan(20);
    expect(reports.length).toBeGreaterThan(50);
    expect(reports.reduce((n, r) => n + r.closed, 0)).toBeGreaterThan(5);
    expect(got.frames).toEqual(want.frames);
    expect(got.dreams).toEqual(want.dreams);
  });

  it('as the CLI reads it (ParseWorker), gives the same frames', async () => {
    const path = csvFile('cli.csv');
    const want = await analysis(path, {});
    const parsing = new ParseWorker(path, undefined);
    const got = await analysis(path, { artifactRead: parsing.artifactRead() });
    await parsing.dispose();
    expect(got.error).toBeNull();
    expect(got.frames).toEqual(want.frames);
  });

  it('gives the flagged updates before a malformed row, then its RecordingError', async () => {
    const path = csvFile('bad.csv', '1700000061.0,1,2,x,4,0\n');
    const want = await analysis(path, {});
    const got = await analysis(path, { artifactRead: workerRead(path, 5000, []) });
    expect(want.error).toBeInstanceOf(RecordingError);
    expect((got.error as RecordingError).message).toBe((want.error as RecordingError).message);
    expect(got.frames.length).toBeGreaterThan(500);
    expect(got.frames).toEqual(want.frames);
  });

  it('runs no detector for channels it has none for, and reads them all the same', async () => {
    const path = join(dir, 'occipital.csv');
    const rows = ['timestamps,O1,O2'];
    for (let i = 0; i < 256 * 20; i++) {
      const t = 1_700_000_000 + i / 256;
      rows.push(`${t.toFixed(6)},${(20 * Math.sin(i / 4)).toFixed(3)},${(15 * Math.cos(i / 5)).toFixed(3)}`);
    }
    writeFileSync(path, rows.join('\n') + '\n');
    const want = await analysis(path, {});
    const reports: { closed: number }[] = [];
    const got = await analysis(path, { artifactRead: workerRead(path, 5000, reports) });
    expect(got.error).toBeNull();
    expect(want.frames.length).toBeGreaterThan(100);
    expect(got.frames).toEqual(want.frames);
    expect(reports).toEqual([]);
  });
});
