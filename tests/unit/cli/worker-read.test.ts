import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import { openFile } from '../../../src/cli/node-io.ts';
import { RecordingReadWorker } from '../../../src/cli/worker-read.ts';
import {
  RecordingError,
  readRecording,
  scanRecording,
  type ParseSummary,
} from '../../../src/readers/index.ts';
import type { SourceEvent } from '../../../src/source/types.ts';
import { recordingToEdfPlus } from '../../../src/writers/recording-to-edf.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-worker-read-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** 20 s of muse-lsl CSV with two seconds cut out of the middle (a gap) and `tail` appended. */
function csvFile(name: string, tail = ''): string {
  const synth = new EegSynthesizer({ seed: 5, timeline: 'calm-anxious-recovery', mainsHz: 50 });
  const lines = [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 20 })]
    .join('')
    .split('\n');
  const kept = [...lines.slice(0, 1 + 256 * 8), ...lines.slice(1 + 256 * 10)].join('\n');
  const path = join(dir, name);
  writeFileSync(path, kept.trimEnd() + '\n' + tail);
  return path;
}

async function inThread(path: string) {
  const open = openFile(path);
  const scan = await scanRecording(path, open);
  const events: SourceEvent[] = [];
  let summary: ParseSummary | null = null;
  let error: unknown = null;
  try {
    summary = await readRecording(scan, open, (e) => void events.push(e));
  } catch (err) {
    error = err;
  }
  return { scan, events, summary, error };
}

async function inWorker(path: string, readBytes: number) {
  const scan = await scanRecording(path, openFile(path));
  const events: SourceEvent[] = [];
  let summary: ParseSummary | null = null;
  let error: unknown = null;
  try {
    summary = await new RecordingReadWorker().read(path, scan, (e) => void events.push(e), { readBytes });
  } catch (err) {
    error = err;
  }
  return { events, summary, error };
}

describe('readRecordingInWorker', () => {
  it('gives the events and summary of readRecording for a CSV with a gap, over many small batches', async () => {
    const path = csvFile('gap.csv');
    const want = await inThread(path);
    const got = await inWorker(path, 4096);
    expect(want.error).toBeNull();
    expect(got.error).toBeNull();
    expect(want.events.filter((e) => e.kind === 'gap')).toHaveLength(1);
    expect(got.events).toEqual(want.events);
    expect(got.summary).toEqual(want.summary);
  });

  it('gives the events and summary of readRecording for an EDF+', async () => {
    const csv = csvFile('for-edf.csv');
    const open = openFile(csv);
    const { result } = await recordingToEdfPlus(await scanRecording(csv, open), open);
    const path = join(dir, 'rec.edf');
    writeFileSync(path, new Uint8Array(0));
    for (const part of result.parts) appendFileSync(path, part);
    const want = await inThread(path);
    const got = await inWorker(path, 3000);
    expect(want.events.some((e) => e.kind === 'samples')).toBe(true);
    expect(got.events).toEqual(want.events);
    expect(got.summary).toEqual(want.summary);
  });

  it('delivers every event before a malformed row, then rejects with the same RecordingError', async () => {
    const path = csvFile('bad.csv', '1700000021.000000,1.0,oops,2.0,3.0,0.0\n');
    const want = await inThread(path);
    const got = await inWorker(path, 8192);
    expect(want.error).toBeInstanceOf(RecordingError);
    expect(got.error).toBeInstanceOf(RecordingError);
    expect((got.error as RecordingError).message).toBe((want.error as RecordingError).message);
    expect((got.error as RecordingError).line).toBe((want.error as RecordingError).line);
    expect(got.events.length).toBeGreaterThan(0);
    expect(got.events).toEqual(want.events);
  });

  it('waits for a slow consumer and still delivers everything in order', async () => {
    const path = csvFile('slow.csv');
    const want = await inThread(path);
    const scan = await scanRecording(path, openFile(path));
    const indices: number[] = [];
    await new RecordingReadWorker().read(
      path,
      scan,
      async (e) => {
        if (e.kind !== 'samples') return;
        indices.push(e.index);
        await new Promise((resolve) => setTimeout(resolve, 1));
      },
      { readBytes: 2048 },
    );
    const wanted = want.events.flatMap((e) => (e.kind === 'samples' ? [e.index] : []));
    expect(indices).toEqual(wanted);
  });

  it('stops the worker and rejects with the consumer’s own error', async () => {
    const path = csvFile('stop.csv');
    const scan = await scanRecording(path, openFile(path));
    let seen = 0;
    const stop = new Error('output closed');
    await expect(
      new RecordingReadWorker().read(
        path,
        scan,
        () => {
          if (++seen === 3) throw stop;
        },
        { readBytes: 1024 },
      ),
    ).rejects.toBe(stop);
    expect(seen).toBe(3);
  });

  it("rejects with the file system's error when the file is gone", async () => {
    const path = csvFile('gone.csv');
    const scan = await scanRecording(path, openFile(path));
    rmSync(path);
    await expect(new RecordingReadWorker().read(path, scan, () => undefined)).rejects.toMatchObject({
      code: 'ENOENT',
      message: expect.stringContaining('gone.csv'),
    });
  });

  it('stops a worker that never read when disposed, and runs one read per worker', async () => {
    await new RecordingReadWorker().dispose(); // a hang here would time the test out
    const path = csvFile('once.csv');
    const scan = await scanRecording(path, openFile(path));
    const reader = new RecordingReadWorker();
    await reader.read(path, scan, () => undefined);
    expect(() => reader.read(path, scan, () => undefined)).toThrow(/one request/);
    await reader.dispose();
  });
});
