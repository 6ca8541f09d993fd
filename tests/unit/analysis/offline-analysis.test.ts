import { describe, expect, it } from 'vitest';
import { runOfflineAnalysis } from '../../../src/analysis/offline-analysis.ts';
import { scanRecording } from '../../../src/readers/index.ts';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';

describe('runOfflineAnalysis', () => {
  it('reuseFrames hands over one rewritten frame and dream update with the same contents as fresh ones', async () => {
    const synth = new EegSynthesizer({ seed: 5, timeline: 'demo', mainsHz: 50 });
    const bytes = new TextEncoder().encode(
      [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 90 })].join(''),
    );
    const open = async function* () {
      for (let at = 0; at < bytes.length; at += 50_000) yield bytes.subarray(at, at + 50_000);
    };
    const scan = await scanRecording('demo.csv', open);
    // What a row writer reads from each frame, taken as the frame arrives.
    const snapshot = (f: BandPowerFrame) =>
      JSON.stringify({
        t: f.t,
        artifact: f.artifact,
        bands: f.bands,
        channels: f.channels,
        absolute: Array.from(f.absolute),
        relative: Array.from(f.relative),
        meanAbsolute: Array.from(f.meanAbsolute),
        meanRelative: Array.from(f.meanRelative),
        valid: Array.from(f.valid),
        quality: Array.from(f.quality),
      });
    const run = async (reuseFrames: boolean) => {
      const rows: string[] = [];
      const frames = new Set<BandPowerFrame>();
      const dreams = new Set<object>();
      const states = new Set<object>();
      await runOfflineAnalysis(
        scan,
        open,
        (frame, dream) => {
          frames.add(frame);
          dreams.add(dream);
          states.add(dream.state);
          // The why too: past the 60 s calibration it names z-score-driven inputs, so both paths are compared.
          rows.push(`${snapshot(frame)} ${JSON.stringify(dream)}`);
        },
        { mainsHz: 50, reuseFrames },
      );
      return { rows, distinct: frames.size, dreams: dreams.size, states: states.size };
    };
    const fresh = await run(false);
    const reused = await run(true);
    expect(fresh.rows.length).toBe(900);
    expect(fresh.distinct).toBe(900);
    expect(reused.distinct).toBe(1);
    expect([fresh.dreams, fresh.states]).toEqual([900, 900]);
    expect([reused.dreams, reused.states]).toEqual([1, 1]);
    expect(reused.rows).toEqual(fresh.rows);
    // The demo has artifacts, so both flags went through the one frame.
    expect(fresh.rows.some((r) => r.includes('"artifact":true'))).toBe(true);
    expect(fresh.rows.some((r) => r.includes('"calibration":1'))).toBe(true);
  });
});
