import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOfflineAnalysis, type OfflineAnalysisOptions } from '../../../src/analysis/offline-analysis.ts';
import { EngineWorker } from '../../../src/cli/engine-worker.ts';
import { openFile } from '../../../src/cli/node-io.ts';
import type { DreamUpdate } from '../../../src/dream/dream-model.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';
import { RecordingError, scanRecording } from '../../../src/readers/index.ts';
import { museEdfWithGap } from '../../helpers/muse-edf-with-gap.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-engine-worker-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function edfFile(name: string, seconds: number): Promise<string> {
  return museEdfWithGap(dir, name, seconds);
}

/** What the dream model and a row see of each update, and each lost span, in order. */
function snapshot(frame: BandPowerFrame, dream: DreamUpdate) {
  return {
    t: frame.t,
    artifact: frame.artifact ?? false,
    bands: [...frame.bands],
    arrays: [frame.absolute, frame.relative, frame.meanAbsolute, frame.meanRelative].map((a) => [...a]),
    valid: [...frame.valid],
    quality: [...frame.quality],
    dream: JSON.stringify(dream), // its `why` says what share of the last second was lost
  };
}

async function analysis(path: string, options: OfflineAnalysisOptions) {
  const open = openFile(path);
  const scan = await scanRecording(path, open);
  const updates: ReturnType<typeof snapshot>[] = [];
  let summary: unknown = null;
  let error: unknown = null;
  let gaps = 0;
  try {
    summary = await runOfflineAnalysis(scan, open, (frame, dream) => updates.push(snapshot(frame, dream)), {
      mainsHz: 60,
      onEvent: (e) => void (gaps += e.kind === 'gap' ? 1 : 0),
      ...options,
    });
  } catch (err) {
    error = err;
  }
  return { updates, summary, error, gaps };
}

describe('EngineWorker (analyze: EDF/BDF with the DSP in a worker thread)', () => {
  it('gives the frames, dream and summary of the in-thread engine for an EDF+ with a gap, over many batches', async () => {
    const path = await edfFile('gap', 70);
    const want = await analysis(path, {});
    // Reads of a size that cuts records, on both threads.
    const worker = new EngineWorker(path, 4096, 1000);
    let slow = 0;
    const got = await analysis(path, {
      engineRead: worker.read,
      // Every 50th update waits: the worker must keep order behind a slow consumer.
      afterEvent: () => (++slow % 50 === 0 ? new Promise((r) => setTimeout(r, 1)) : undefined),
    });
    expect(want.error).toBeNull();
    expect(got.error).toBeNull();
    expect(want.updates.length).toBeGreaterThan(256 * 2); // three batches of records at least
    expect(want.gaps).toBe(1);
    expect(want.updates.some((u) => /"lostSampleShare":0\.\d*[1-9]/.test(u.dream))).toBe(true);
    expect(want.updates.some((u) => u.artifact)).toBe(true);
    expect(got.updates).toEqual(want.updates);
    expect(got.summary).toEqual(want.summary);
  });

  it('delivers every update before a truncated record, then rejects with the same RecordingError', async () => {
    const whole = await edfFile('whole', 40);
    const path = join(dir, 'cut.edf');
    const bytes = readFileSync(whole);
    writeFileSync(path, bytes.subarray(0, bytes.length - 700));
    const want = await analysis(path, {});
    const got = await analysis(path, { engineRead: new EngineWorker(path).read });
    expect(want.error).toBeInstanceOf(RecordingError);
    expect(got.error).toBeInstanceOf(RecordingError);
    expect((got.error as RecordingError).message).toBe((want.error as RecordingError).message);
    expect(got.updates.length).toBeGreaterThan(0);
    expect(got.updates).toEqual(want.updates);
  });

  it('stops the worker and rejects with the consumer’s own error', async () => {
    const path = await edfFile('stop', 60);
    const scan = await scanRecording(path, openFile(path));
    const stop = new Error('output closed');
    let seen = 0;
    await expect(
      runOfflineAnalysis(
        scan,
        openFile(path),
        () => {
          if (++seen === 300) throw stop;
        },
        { engineRead: new EngineWorker(path).read },
      ),
    ).rejects.toBe(stop);
    expect(seen).toBe(300);
  });

  it("rejects with the file system's error when the file is gone", async () => {
    const path = await edfFile('gone', 20);
    const scan = await scanRecording(path, openFile(path));
    rmSync(path);
    await expect(
      runOfflineAnalysis(scan, openFile(path), () => undefined, { engineRead: new EngineWorker(path).read }),
    ).rejects.toMatchObject({ code: 'ENOENT', message: expect.stringContaining('gone.edf') });
  });

  it('stops a worker that never ran when disposed', async () => {
    await new EngineWorker(join(dir, 'never.edf')).dispose(); // a hang here would time the test out
  });
});
