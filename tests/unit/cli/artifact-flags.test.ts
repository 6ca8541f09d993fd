import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runOfflineAnalysis } from '../../../src/analysis/offline-analysis.ts';
import { ArtifactFlagReader } from '../../../src/cli/artifact-flags.ts';
import { openFile } from '../../../src/cli/node-io.ts';
import { detectorFor } from '../../../src/pipeline/band-power-frames.ts';
import { RecordingError, scanRecording, type RecordingScan } from '../../../src/readers/index.ts';
import { museEdfWithGap } from '../../helpers/muse-edf-with-gap.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-artifact-flags-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each update's sample index and artifact flag from the in-thread flagged engine (FlaggedBandPowers). */
async function inThreadFlags(path: string): Promise<{ scan: RecordingScan; flags: [number, boolean][] }> {
  const open = openFile(path);
  const scan = await scanRecording(path, open);
  const flags: [number, boolean][] = [];
  await runOfflineAnalysis(
    scan,
    open,
    (frame) => flags.push([Math.round(frame.t * scan.sampleRate), frame.artifact ?? false]),
    { mainsHz: 60 },
  ).catch((err: unknown) => {
    if (!(err instanceof RecordingError)) throw err; // a bad record ends the updates; those before it stand
  });
  return { scan, flags };
}

function reader(path: string, scan: RecordingScan, readBytes: number): ArtifactFlagReader {
  const detector = detectorFor(scan.sampleRate, scan.channels, { mainsHz: 60 });
  if (!detector) throw new Error('a Muse recording has a detector');
  return new ArtifactFlagReader(path, scan, detector, 256, readBytes);
}

describe('ArtifactFlagReader (artifact flags on the thread that consumes the engine worker)', () => {
  it('flags every update as the in-thread flagged engine does, across a gap and reads that cut records', async () => {
    const path = await museEdfWithGap(dir, 'flags', 60);
    const { scan, flags } = await inThreadFlags(path);
    expect(flags.filter(([, f]) => f).length).toBeGreaterThan(10);
    expect(flags.filter(([, f]) => !f).length).toBeGreaterThan(10);
    const r = reader(path, scan, 777);
    expect(flags.map(([index]) => [index, r.flagAt(index)])).toEqual(flags);
    r.close();
  });

  it('flags the updates before a bad record, and throws its RecordingError for one past it', async () => {
    const whole = await museEdfWithGap(dir, 'bad', 30);
    const scan = await scanRecording(whole, openFile(whole));
    const plan = (scan as Extract<RecordingScan, { edf: unknown }>).edf;
    const bytes = new Uint8Array(readFileSync(whole));
    // The annotation signal of record 31 (of 0.5 s each) no longer starts with a TAL's sign.
    const signals = plan.signals.filter((s) => s.role !== 'annotations');
    const annotationsAt = signals.reduce((sum, s) => sum + s.samplesPerRecord * plan.bytesPerSample, 0);
    const bad = plan.headerBytes + 30 * plan.recordBytes + annotationsAt;
    bytes[bad] = 0x78;
    const path = join(dir, 'bad-tal.edf');
    writeFileSync(path, bytes);
    const { flags } = await inThreadFlags(path);
    const last = flags[flags.length - 1] as [number, boolean];
    expect(last[0]).toBeGreaterThan(256 * 12);
    expect(last[0]).toBeLessThanOrEqual(256 * 15.5);
    const r = reader(path, scan, 4096);
    expect(flags.map(([index]) => [index, r.flagAt(index)])).toEqual(flags);
    expect(() => r.flagAt(256 * 25)).toThrow(RecordingError);
    expect(() => r.flagAt(256 * 25)).toThrow(`byte ${bad}`);
  });

  it('refuses an index before one it has flagged, and one past the end of the signal', async () => {
    const path = await museEdfWithGap(dir, 'order', 20);
    const scan = await scanRecording(path, openFile(path));
    const r = reader(path, scan, 4096);
    r.flagAt(2560);
    expect(() => r.flagAt(2534)).toThrow('artifact flag asked for sample 2534, after sample 2560');
    expect(() => r.flagAt(256 * 30)).toThrow('past the end of the signal');
  });
});
