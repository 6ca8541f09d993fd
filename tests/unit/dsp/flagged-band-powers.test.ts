import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ArtifactEvent } from '../../../dsp/artifacts.ts';
import { BandPowerEngine } from '../../../dsp/band-power-engine.ts';
import { FlaggedBandPowers, artifactDetectorFor } from '../../../dsp/flagged-band-powers.ts';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import { runOfflineAnalysis } from '../../../src/analysis/offline-analysis.ts';
import { CalibratedIndices } from '../../../src/dream/calibrated-indices.ts';
import { flaggedEngineFor, toBandPowerFrames } from '../../../src/pipeline/band-power-frames.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';
import { scanRecording } from '../../../src/readers/index.ts';
import type { SourceEvent, SourceInfo } from '../../../src/source/types.ts';

const FS = 256;
const SECONDS = 120;

/** `SECONDS` of the synthesizer's demo session (blinks and jaw clenches with ground truth). */
function demo(): { data: Float32Array[]; channels: readonly string[]; truth: { t: number; end: number }[] } {
  const synth = new EegSynthesizer({ seed: 3, timeline: 'demo', mainsHz: 50 });
  const n = SECONDS * FS;
  const data = synth.channels.map(() => new Float32Array(n));
  synth.next(data, n);
  const truth = synth.events
    .filter((e) => e.kind === 'blink' || e.kind === 'jaw')
    .map((e) => ({ t: e.t, end: e.t + e.durationS }));
  return { data, channels: synth.channels, truth };
}

/** Flags per update (by update index) and the artifacts reported, pushing `chunk` samples at a time. */
function run(data: Float32Array[], channels: readonly string[], chunk: number) {
  const flagged = flaggedEngineFor(FS, channels, { mainsHz: 50 });
  const flags: boolean[] = [];
  const index: number[] = [];
  const events: ArtifactEvent[] = [];
  const n = (data[0] as Float32Array).length;
  for (let at = 0; at < n; at += chunk) {
    const len = Math.min(chunk, n - at);
    flagged.push(
      data.map((ch) => ch.subarray(at, at + len)),
      len,
      (u, artifact) => {
        flags.push(artifact);
        index.push(u.index);
      },
      (e) => events.push(e),
    );
  }
  return { flags, index, events };
}

describe('FlaggedBandPowers: updates whose window overlaps an artifact', () => {
  const { data, channels, truth } = demo();
  const live = run(data, channels, 12);

  it('flags the windows around every synthesized blink and clench, and few others', () => {
    expect(truth.length).toBeGreaterThan(5);
    const windowS = 256 / FS;
    const overlapsTruth = (endT: number, slackS: number) =>
      truth.some((e) => e.t < endT + slackS && e.end > endT - windowS - slackS);
    let missed = 0;
    for (const e of truth) {
      // Every update whose window fully contains the artifact must be flagged.
      const containing = live.index
        .map((ix, k) => ({ endT: ix / FS, k }))
        .filter(({ endT }) => endT - windowS <= e.t && endT >= e.end + 0.1);
      if (containing.length === 0 || !containing.every(({ k }) => live.flags[k])) missed++;
    }
    const flaggedFar = live.flags.filter(
      (f, k) => f && !overlapsTruth((live.index[k] as number) / FS, 1),
    ).length;
    const share = live.flags.filter((f) => f).length / live.flags.length;
    console.log(
      `artifact flags: ${truth.length} synthesized artifacts, ${missed} not flagged; ` +
        `${(100 * share).toFixed(1)} % of updates flagged, ${flaggedFar} more than 1 s from any artifact`,
    );
    expect(missed).toBeLessThanOrEqual(Math.floor(truth.length * 0.1));
    expect(flaggedFar).toBeLessThanOrEqual(live.flags.length * 0.01);
    expect(share).toBeLessThan(0.5);
    // Each flag comes from a reported artifact: flagged windows overlap one of the detector's events.
    for (let k = 0; k < live.flags.length; k++) {
      if (!live.flags[k]) continue;
      const end = live.index[k] as number;
      const hit = live.events.some(
        (e) => Math.round(e.t * FS) < end && Math.round((e.t + e.durationS) * FS) >= end - 256 - 1,
      );
      // An artifact still open at the update has not been reported yet: it must be reported later.
      const open = live.events.some((e) => Math.round(e.t * FS) < end + FS);
      expect(hit || open).toBe(true);
    }
  });

  it('flags the same updates however the stream is chunked (causal: only samples up to the update)', () => {
    for (const chunk of [1, 7, 1000, SECONDS * FS]) {
      const other = run(data, channels, chunk);
      expect(other.index).toEqual(live.index);
      expect(other.flags).toEqual(live.flags);
    }
  });

  it('has no detector, and flags nothing, without Muse electrodes or below 32 Hz', () => {
    expect(artifactDetectorFor(FS, ['O1', 'O2'], 50)).toBeNull();
    expect(artifactDetectorFor(16, ['TP9', 'AF7'], null)).toBeNull();
    expect(artifactDetectorFor(FS, ['TP9', 'AF7'], 50)).not.toBeNull();
    const flagged = new FlaggedBandPowers(new BandPowerEngine({ sampleRate: FS, channels: 4 }), null);
    const flags: boolean[] = [];
    flagged.push(data, FS * 20, (_u, a) => flags.push(a));
    expect(flags).toHaveLength(200);
    expect(flags.some((f) => f)).toBe(false);
    const mismatch = artifactDetectorFor(128, channels, 50);
    expect(
      () => new FlaggedBandPowers(new BandPowerEngine({ sampleRate: FS, channels: 4 }), mismatch),
    ).toThrow(/detector runs at 128 Hz but the engine at 256 Hz/);
  });

  it('toBandPowerFrames carries the flag in every frame', () => {
    const info: SourceInfo = { kind: 'synth', label: 'demo', channels, sampleRate: FS, hasRawEeg: true };
    const events$ = new Subject<SourceEvent>();
    const frames: BandPowerFrame[] = [];
    events$.pipe(toBandPowerFrames(info, { mainsHz: 50 })).subscribe((f) => frames.push(f));
    const n = (data[0] as Float32Array).length;
    for (let at = 0; at < n; at += 12) {
      const length = Math.min(12, n - at);
      events$.next({
        kind: 'samples',
        t0: at / FS,
        index: at,
        sampleRate: FS,
        data: data.map((ch) => ch.subarray(at, at + length)),
        length,
      });
    }
    events$.complete();
    expect(frames.map((f) => f.artifact)).toEqual(live.flags);
  });

  it('offline analysis (neurosleep analyze/report) flags the same updates as the live operator', async () => {
    const synth = new EegSynthesizer({ seed: 3, timeline: 'demo', mainsHz: 50 });
    const bytes = new TextEncoder().encode(
      [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: 60 })].join(''),
    );
    // Odd-sized reads, so the reader's chunks fall anywhere relative to the updates.
    const open = async function* () {
      for (let at = 0; at < bytes.length; at += 40_000) yield bytes.subarray(at, at + 40_000);
    };
    const scan = await scanRecording('demo.csv', open);
    const offline: boolean[] = [];
    const samples: Float32Array[][] = [];
    await runOfflineAnalysis(scan, open, (frame) => offline.push(frame.artifact === true), {
      mainsHz: 50,
      onEvent: (e) => {
        if (e.kind === 'samples') samples.push(e.data.map((d) => d.slice(0, e.length)));
      },
    });
    const data = scan.channels.map((_, c) => {
      const parts = samples.map((s) => s[c] as Float32Array);
      const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
      let at = 0;
      for (const p of parts) {
        out.set(p, at);
        at += p.length;
      }
      return out;
    });
    const live = run(data, scan.channels, 12);
    expect(offline).toEqual(live.flags);
    expect(offline.filter((f) => f).length).toBeGreaterThan(0);
  });

  it('an artifact frame gives the dream model no inputs and no baseline sample', () => {
    const frames: BandPowerFrame[] = [];
    const info: SourceInfo = { kind: 'synth', label: 'demo', channels, sampleRate: FS, hasRawEeg: true };
    const events$ = new Subject<SourceEvent>();
    events$.pipe(toBandPowerFrames(info, { mainsHz: 50 })).subscribe((f) => frames.push(f));
    events$.next({ kind: 'samples', t0: 0, index: 0, sampleRate: FS, data, length: FS * 10 });
    const usable = frames.filter((f) => f.valid.every((v) => v === 1));
    expect(usable.length).toBeGreaterThan(50);
    const clean = new CalibratedIndices({ durationS: 60 });
    const dirty = new CalibratedIndices({ durationS: 60 });
    for (const f of usable) {
      const a = clean.indices({ ...f, artifact: false });
      const b = dirty.indices({ ...f, artifact: true });
      expect(a.relativeAlpha).not.toBeNull();
      expect(b.alphaBetaBalance).toBeNull();
      expect(b.relativeAlpha).toBeNull();
      expect(b.thetaAlphaRatio).toBeNull();
      expect(b.artifact).toBe(true);
      expect(a.artifact).toBe(false);
    }
    expect(clean.indices(usable[0] as BandPowerFrame).calibration).toBeGreaterThan(0);
    expect(dirty.indices({ ...(usable[0] as BandPowerFrame), artifact: true }).calibration).toBe(0);
  });
});
