import { appendFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import {
  framesInThread,
  type FrameSink,
  type FrameStage,
  type OfflineAnalysisOptions,
} from '../../../src/analysis/offline-analysis.ts';
import { openFile } from '../../../src/cli/node-io.ts';
import { DspWorker } from '../../../src/cli/worker-analysis.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';
import { RecordingError, scanRecording, type RecordingScan } from '../../../src/readers/index.ts';
import { recordingToEdfPlus } from '../../../src/writers/recording-to-edf.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-worker-dsp-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Step = { frame: BandPowerFrame } | { lost: [number, number] };

/** What a stage hands the dream model, copied as it comes (a reused frame is rewritten after each call). */
async function steps(
  stage: FrameStage,
  scan: RecordingScan,
  options: OfflineAnalysisOptions = {},
  stopAfter = Infinity,
): Promise<{ steps: Step[]; error: unknown }> {
  const out: Step[] = [];
  const sink: FrameSink = {
    frame: (f) => {
      if (out.length === stopAfter) throw new Error('enough');
      out.push({ frame: structuredClone(f) });
    },
    lost: (t, n) => void out.push({ lost: [t, n] }),
  };
  try {
    await stage(scan, options, sink);
    return { steps: out, error: null };
  } catch (err) {
    return { steps: out, error: err };
  }
}

let edf = '';
let scan: RecordingScan;

beforeAll(async () => {
  // 40 s of 4-channel signal with 2 s cut out: an EDF+D whose records jump over the gap.
  const synth = new EegSynthesizer({ seed: 9, timeline: 'demo', mainsHz: 60 });
  const lines = [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 40 })]
    .join('')
    .split('\n');
  const csv = join(dir, 'gap.csv');
  writeFileSync(csv, [...lines.slice(0, 1 + 256 * 15), ...lines.slice(1 + 256 * 17)].join('\n'));
  const open = openFile(csv);
  const { result } = await recordingToEdfPlus(await scanRecording(csv, open), open);
  edf = join(dir, 'gap.edf');
  writeFileSync(edf, new Uint8Array(0));
  for (const part of result.parts) appendFileSync(edf, part);
  scan = await scanRecording(edf, openFile(edf));
});

describe('DspWorker', () => {
  it('hands the dream model the frames and losses of framesInThread, in the same order', async () => {
    const options = { mainsHz: 60 as const, mainsHarmonics: true };
    const want = await steps(framesInThread(openFile(edf)), scan, options);
    const dsp = new DspWorker(edf);
    const got = await steps(dsp.stage, scan, options);
    await dsp.dispose();
    expect(want.error).toBeNull();
    expect(got.error).toBeNull();
    expect(want.steps.filter((s) => 'lost' in s)).toHaveLength(1);
    expect(want.steps.length).toBeGreaterThan(350);
    // Windows over the synthesizer's blinks and clenches are flagged, the rest not: both values travel.
    const flagged = want.steps.filter((s) => 'frame' in s && s.frame.artifact).length;
    expect(flagged).toBeGreaterThan(0);
    expect(flagged).toBeLessThan(want.steps.length - 1);
    expect(got.steps).toEqual(want.steps);
  });

  it('rewrites one frame with reuseFrames, with the same contents', async () => {
    const want = await steps(framesInThread(openFile(edf)), scan, { mainsHz: 50 });
    const seen = new Set<BandPowerFrame>();
    const dsp = new DspWorker(edf);
    const out: Step[] = [];
    await dsp.stage(
      scan,
      { mainsHz: 50, reuseFrames: true },
      {
        frame: (f) => {
          seen.add(f);
          out.push({ frame: structuredClone(f) });
        },
        lost: (t, n) => void out.push({ lost: [t, n] }),
      },
    );
    expect(seen.size).toBe(1);
    expect(out).toEqual(want.steps);
  });

  it('delivers the frames before a truncated record, then the same RecordingError', async () => {
    const bytes = readFileSync(edf);
    const cut = join(dir, 'cut.edf');
    writeFileSync(cut, bytes.subarray(0, bytes.length - 1500));
    const cutScan = await scanRecording(cut, openFile(cut));
    const want = await steps(framesInThread(openFile(cut)), cutScan);
    const got = await steps(new DspWorker(cut).stage, cutScan);
    expect(want.error).toBeInstanceOf(RecordingError);
    expect(got.error).toBeInstanceOf(RecordingError);
    expect((got.error as Error).message).toBe((want.error as Error).message);
    expect(got.steps.length).toBeGreaterThan(300);
    expect(got.steps).toEqual(want.steps);
  });

  it('stops with the consumer’s own error, and refuses what it cannot do', async () => {
    const got = await steps(new DspWorker(edf).stage, scan, {}, 25);
    expect(got.steps).toHaveLength(25);
    expect((got.error as Error).message).toBe('enough');
    const dsp = new DspWorker(edf);
    await expect(
      dsp.stage(scan, { onEvent: () => undefined }, { frame: () => undefined, lost: () => undefined }),
    ).rejects.toThrow(/source events/);
    // A worker whose stage never ran is stopped by dispose (a hang here would time the test out).
    await dsp.dispose();
  });
});
