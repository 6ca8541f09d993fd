import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArtifactSpanFlags, ArtifactSpanRecorder } from '../../../dsp/artifact-spans.ts';
import { BandPowerEngine } from '../../../dsp/band-power-engine.ts';
import { FlaggedBandPowers, artifactDetectorFor } from '../../../dsp/flagged-band-powers.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';

const FS = 256;
const SECONDS = 90;
const WINDOW = 256;

/** The synthesizer's demo session (blinks and jaw clenches), with missing samples written into it. */
function demo(): { data: Float32Array[]; channels: readonly string[] } {
  const synth = new EegSynthesizer({ seed: 11, timeline: 'demo', mainsHz: 50 });
  const n = SECONDS * FS;
  const data = synth.channels.map(() => new Float32Array(n));
  synth.next(data, n);
  // A lone NaN on one channel, a run of them on all, and a railed value: the detector treats each as a gap.
  (data[1] as Float32Array)[20 * FS + 3] = Number.NaN;
  for (const ch of data) ch.fill(Number.NaN, 41 * FS, 41 * FS + 40);
  (data[3] as Float32Array)[63 * FS] = 2e6;
  return { data, channels: synth.channels };
}

/** What a source hands over: samples of some length, or a gap of some missing samples. */
type Step =
  { readonly kind: 'samples'; readonly length: number } | { readonly kind: 'gap'; readonly missing: number };

/** Cuts the signal into samples steps of the given lengths, with gaps between some of them. */
function stepsOf(n: number, lengths: readonly number[], gaps: readonly number[]): Step[] {
  const steps: Step[] = [];
  let at = 0;
  for (let k = 0; at < n; k++) {
    const length = Math.min(n - at, lengths[k % lengths.length] as number);
    steps.push({ kind: 'samples', length });
    at += length;
    const missing = gaps[k % gaps.length] as number;
    if (missing > 0 && at < n) steps.push({ kind: 'gap', missing });
  }
  return steps;
}

interface Flag {
  readonly index: number;
  readonly artifact: boolean;
}

/** Feeds `steps` of `data` from sample `at` on to the engine, each update's flag to `flags`; the next `at`. */
function feedEngine(
  flagged: FlaggedBandPowers,
  data: Float32Array[],
  at: number,
  steps: readonly Step[],
  flags: Flag[],
): number {
  for (const s of steps) {
    if (s.kind === 'gap') {
      flagged.gap(s.missing);
      continue;
    }
    flagged.push(
      data.map((ch) => ch.subarray(at, at + s.length)),
      s.length,
      (u, artifact) => flags.push({ index: u.index, artifact }),
    );
    at += s.length;
  }
  return at;
}

/** Each update's flag from the detector beside the engine (one thread). */
function inOneThread(data: Float32Array[], channels: readonly string[], steps: readonly Step[]): Flag[] {
  const detector = artifactDetectorFor(FS, channels, 50);
  const flagged = new FlaggedBandPowers(
    new BandPowerEngine({ sampleRate: FS, channels: 4, mainsHz: 50 }),
    detector,
  );
  const flags: Flag[] = [];
  feedEngine(flagged, data, 0, steps, flags);
  return flags;
}

/**
 * Each update's flag with the detector on "another thread": it sees a batch of steps first, and its spans are
 * added before the engine gets the same batch. `batchSteps`: steps per batch, in turn.
 */
function acrossThreads(
  data: Float32Array[],
  channels: readonly string[],
  steps: readonly Step[],
  batchSteps: readonly number[],
): { flags: Flag[]; openAtBatchEnd: number } {
  const detector = artifactDetectorFor(FS, channels, 50);
  if (!detector) throw new Error('a Muse montage has a detector');
  const recorder = new ArtifactSpanRecorder(detector);
  const spans = new ArtifactSpanFlags();
  const flagged = new FlaggedBandPowers(
    new BandPowerEngine({ sampleRate: FS, channels: 4, mainsHz: 50 }),
    null,
    null,
    spans,
  );
  const flags: Flag[] = [];
  let openAtBatchEnd = 0;
  let at = 0;
  let first = 0;
  for (let b = 0; first < steps.length; b++) {
    const batch = steps.slice(first, first + (batchSteps[b % batchSteps.length] as number));
    first += batch.length;
    let detected = at;
    for (const s of batch) {
      if (s.kind === 'gap') recorder.gap(s.missing);
      else {
        recorder.push(
          data.map((ch) => ch.subarray(detected, detected + s.length)),
          s.length,
        );
        detected += s.length;
      }
    }
    const taken = recorder.take();
    if (taken.openSince >= 0) openAtBatchEnd++;
    spans.add(taken);
    at = feedEngine(flagged, data, at, batch, flags);
  }
  return { flags, openAtBatchEnd };
}

describe('artifact spans: the detector on one thread, the engine on another', () => {
  const { data, channels } = demo();
  const n = SECONDS * FS;

  it('flag every update as the detector beside the engine does, across blinks, clenches, gaps and NaN', () => {
    const steps = stepsOf(n, [25, 31, 256], [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 300]);
    const one = inOneThread(data, channels, steps);
    expect(one.filter((f) => f.artifact).length).toBeGreaterThan(30);
    expect(one.filter((f) => !f.artifact).length).toBeGreaterThan(300);
    for (const batchSteps of [[1], [1, 7, 64]]) {
      const two = acrossThreads(data, channels, steps, batchSteps);
      expect(two.flags).toEqual(one);
      // Batches that end inside an artifact: its flags then come from where it opened, not from its close.
      if (batchSteps.length === 1) expect(two.openAtBatchEnd).toBeGreaterThanOrEqual(3);
    }
  });

  it('for any chunking of the samples and any batching of the chunks', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.constantFrom(0, 0, 0, 1, 5, 260, 2000), { minLength: 1, maxLength: 6 }),
        fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }),
        (lengths, gaps, batchSteps) => {
          const steps = stepsOf(n, lengths, gaps);
          expect(acrossThreads(data, channels, steps, batchSteps).flags).toEqual(
            inOneThread(data, channels, steps),
          );
        },
      ),
      { numRuns: 12 },
    );
  });

  it('say when an artifact opened and closed: openSince while it lasts, onClose once it has ended', () => {
    const detector = artifactDetectorFor(FS, channels, 50);
    if (!detector) throw new Error('a Muse montage has a detector');
    const closed: [number, number][] = [];
    detector.onClose = (start, end) => closed.push([start, end]);
    let sawOpen = 0;
    for (let at = 0; at < n; at++) {
      detector.push(
        data.map((ch) => ch.subarray(at, at + 1)),
        1,
        () => {},
      );
      const open = detector.openSince;
      if (open >= 0) {
        sawOpen++;
        expect(open).toBeLessThanOrEqual(at);
        expect(detector.lastArtifactIndex).toBe(at + 1);
      } else {
        expect(detector.lastArtifactIndex).toBe(closed.length ? Math.max(...closed.map((c) => c[1])) : -1);
      }
    }
    expect(sawOpen).toBeGreaterThan(FS);
    expect(closed.length).toBeGreaterThan(5);
    for (const [start, end] of closed) expect(end).toBeGreaterThan(start);
  });

  it('refuse an update index before one already flagged, and a detector beside spans', () => {
    const spans = new ArtifactSpanFlags();
    spans.add({ closed: [100, 200], openSince: -1 });
    expect(spans.flagAt(100, WINDOW)).toBe(false);
    expect(spans.flagAt(101, WINDOW)).toBe(true);
    expect(spans.flagAt(456, WINDOW)).toBe(true);
    expect(spans.flagAt(457, WINDOW)).toBe(false);
    expect(() => spans.flagAt(300, WINDOW)).toThrow('artifact flag asked for sample 300, after sample 457');
    spans.add({ closed: [], openSince: 900 });
    expect(spans.flagAt(900, WINDOW)).toBe(false);
    expect(spans.flagAt(901, WINDOW)).toBe(true);
    expect(
      () =>
        new FlaggedBandPowers(
          new BandPowerEngine({ sampleRate: FS, channels: 4 }),
          artifactDetectorFor(FS, channels, 50),
          null,
          new ArtifactSpanFlags(),
        ),
    ).toThrow('not both');
  });
});
