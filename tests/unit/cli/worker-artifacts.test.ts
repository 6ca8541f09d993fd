import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import { runOfflineAnalysis } from '../../../src/analysis/offline-analysis.ts';
import { openFile } from '../../../src/cli/node-io.ts';
import { WorkerArtifacts } from '../../../src/cli/worker-artifacts.ts';
import { RecordingReadWorker } from '../../../src/cli/worker-read.ts';
import { RecordingError, scanRecording, type RecordingScan } from '../../../src/readers/index.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-worker-artifacts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FS = 256;

/**
 * 70 s of the synthesizer's demo session (blinks, jaw clenches) as muse-lsl CSV, with 10 s of strong 50 Hz hum on TP9
 * and TP10 (which the jaw detector takes for a clench unless its notch removes it), 3 s cut out (a gap), half a second of rows whose EEG reads `nan`,
 * and `tail` appended.
 */
function csvFile(name: string, tail = ''): string {
  const synth = new EegSynthesizer({ seed: 3, timeline: 'demo', mainsHz: 50 });
  const lines = [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 70 })]
    .join('')
    .trimEnd()
    .split('\n');
  for (let k = 1 + FS * 40; k < 1 + FS * 50; k++) {
    const cells = (lines[k] as string).split(',');
    const hum = 150 * Math.sin((2 * Math.PI * 50 * k) / FS);
    for (const c of [1, 4]) cells[c] = (Number(cells[c]) + hum).toFixed(3);
    lines[k] = cells.join(',');
  }
  for (let k = 1 + FS * 30; k < 1 + FS * 30.5; k++) {
    const cells = (lines[k] as string).split(',');
    lines[k] = [cells[0], 'nan', 'nan', 'nan', 'nan', ...cells.slice(5)].join(',');
  }
  const kept = [...lines.slice(0, 1 + FS * 20), ...lines.slice(1 + FS * 23)];
  const path = join(dir, name);
  writeFileSync(path, kept.join('\n') + '\n' + tail);
  return path;
}

interface Row {
  readonly t: number;
  readonly artifact: boolean;
  readonly absolute: number[];
  readonly state: unknown;
}

/** Every update of offline analysis, and its error; `worker`: read and detect in the parsing worker. */
async function analyze(
  path: string,
  scan: RecordingScan,
  worker?: { readonly artifacts: WorkerArtifacts; readonly readBytes: number },
  mainsHz: 50 | 60 = 50,
): Promise<{ rows: Row[]; error: unknown }> {
  const rows: Row[] = [];
  let error: unknown = null;
  try {
    await runOfflineAnalysis(
      scan,
      openFile(path),
      (frame, dream) =>
        rows.push({
          t: frame.t,
          artifact: frame.artifact === true,
          absolute: [...frame.absolute],
          state: dream.state,
        }),
      {
        mainsHz,
        ...(worker
          ? {
              read: (s, onEvent) =>
                new RecordingReadWorker().read(path, s, onEvent, {
                  readBytes: worker.readBytes,
                  artifacts: worker.artifacts,
                }),
              artifactSpans: worker.artifacts.flags,
            }
          : {}),
      },
    );
  } catch (err) {
    error = err;
  }
  return { rows, error };
}

describe('the blink / jaw-clench detector in the parsing worker (analyze)', () => {
  it('flags every update as the detector beside the engine does, with a gap and missing samples', async () => {
    const path = csvFile('demo.csv');
    const scan = await scanRecording(path, openFile(path));
    const want = await analyze(path, scan);
    expect(want.error).toBeNull();
    const flagged = want.rows.filter((r) => r.artifact).length;
    expect(flagged).toBeGreaterThan(20);
    expect(want.rows.length - flagged).toBeGreaterThan(200);
    for (const readBytes of [3000, 1 << 20]) {
      const artifacts = new WorkerArtifacts();
      artifacts.decide(50, false);
      const got = await analyze(path, scan, { artifacts, readBytes });
      expect(got.error).toBeNull();
      expect(got.rows).toEqual(want.rows);
    }
  });

  it('waits for the notch decided after its read began, and detects with it', async () => {
    const path = csvFile('late.csv');
    const scan = await scanRecording(path, openFile(path));
    const want = await analyze(path, scan, undefined, 60);
    // The hum on TP9/TP10 makes the notch matter to the jaw detector's flags, not only to the band powers.
    const at50 = await analyze(path, scan);
    const flags = (rows: Row[]) => rows.map((r) => r.artifact);
    expect(flags(want.rows)).not.toEqual(flags(at50.rows));
    const artifacts = new WorkerArtifacts();
    const got = analyze(path, scan, { artifacts, readBytes: 4096 }, 60);
    await new Promise((resolve) => setTimeout(resolve, 300));
    artifacts.decide(60, false);
    expect((await got).rows).toEqual(want.rows);
    expect(() => artifacts.decide(60, false)).toThrow('decided once');
    artifacts.release(); // after a decision: nothing to release
  });

  it('keeps the flagged updates before a malformed row, then rejects with its RecordingError', async () => {
    const path = csvFile('bad.csv', '1700000071.000000,1.0,oops,2.0,3.0,0.0\n');
    const scan = await scanRecording(path, openFile(path));
    const want = await analyze(path, scan);
    const artifacts = new WorkerArtifacts();
    artifacts.decide(50, false);
    const got = await analyze(path, scan, { artifacts, readBytes: 1 << 20 });
    expect(want.error).toBeInstanceOf(RecordingError);
    expect((got.error as RecordingError).message).toBe((want.error as RecordingError).message);
    expect(got.rows.length).toBeGreaterThan(600);
    expect(got.rows).toEqual(want.rows);
  });

  it('stops a worker released without a decision instead of leaving it waiting', async () => {
    const path = csvFile('released.csv');
    const scan = await scanRecording(path, openFile(path));
    const artifacts = new WorkerArtifacts();
    let events = 0;
    const read = new RecordingReadWorker().read(path, scan, () => void events++, { artifacts });
    await new Promise((resolve) => setTimeout(resolve, 200));
    artifacts.release();
    await expect(read).rejects.toThrow(/stopped/); // a hang here would time the test out
    expect(events).toBe(0);
    expect(() => artifacts.decide(50, false)).toThrow('decided once');
  });
});
