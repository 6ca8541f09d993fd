import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ArtifactSpanFlags,
  ArtifactSpanRecorder,
  SpanFlaggedBandPowers,
} from '../../../dsp/artifact-spans.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import { detectorFor, engineFor, flaggedEngineFor } from '../../../src/pipeline/band-power-frames.ts';

const FS = 256;
const SECONDS = 90;

/** The synthesizer's demo session: blinks and jaw clenches. */
function demo(seed: number): { data: Float32Array[]; channels: readonly string[] } {
  const synth = new EegSynthesizer({ seed, timeline: 'demo', mainsHz: 50 });
  const n = SECONDS * FS;
  const data = synth.channels.map(() => new Float32Array(n));
  synth.next(data, n);
  return { data, channels: synth.channels };
}

type Step = { kind: 'samples'; at: number; length: number } | { kind: 'gap'; missing: number };

/** The signal cut into pieces of `sizes` (cycled), with a gap of `gaps[k]` samples after piece k where given. */
function steps(n: number, sizes: number[], gaps: Map<number, number>): Step[] {
  const out: Step[] = [];
  for (let at = 0, k = 0; at < n; k++) {
    const length = Math.min(n - at, sizes[k % sizes.length] as number);
    out.push({ kind: 'samples', at, length });
    at += length;
    const missing = gaps.get(k);
    if (missing) out.push({ kind: 'gap', missing });
  }
  return out;
}

describe('ArtifactSpanFlags: flags from a detector that runs ahead of the engine', () => {
  const { data, channels } = demo(5);
  // A few missing samples inside the signal: the detector treats each as a one-sample gap.
  for (const [c, i] of [
    [0, 3000],
    [2, 9001],
    [1, 15555],
  ] as const)
    (data[c] as Float32Array)[i] = NaN;

  it('flags every update as FlaggedBandPowers does, whatever the lead, the pieces and the gaps', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 }),
        fc.array(fc.tuple(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 1, max: 900 })), {
          maxLength: 4,
        }),
        fc.integer({ min: 0, max: 5 }),
        (sizes, gapList, lead) => {
          const plan = steps(SECONDS * FS, sizes, new Map(gapList));
          const piece = (s: Extract<Step, { kind: 'samples' }>) =>
            data.map((ch) => ch.subarray(s.at, s.at + s.length));

          const reference = flaggedEngineFor(FS, channels, { mainsHz: 50 });
          const want: [number, boolean][] = [];
          for (const s of plan) {
            if (s.kind === 'gap') reference.gap(s.missing);
            else reference.push(piece(s), s.length, (u, artifact) => want.push([u.index, artifact]));
          }

          const detector = detectorFor(FS, channels, { mainsHz: 50 });
          if (!detector) throw new Error('the demo has Muse electrodes');
          const recorder = new ArtifactSpanRecorder(detector);
          const engine = new SpanFlaggedBandPowers(
            engineFor(FS, channels, { mainsHz: 50 }),
            new ArtifactSpanFlags(256),
          );
          const got: [number, boolean][] = [];
          let ahead = 0;
          for (let k = 0; k < plan.length; k++) {
            // The detector has read `lead` steps further than the engine, as a parsing worker does.
            for (; ahead < Math.min(plan.length, k + 1 + lead); ahead++) {
              const s = plan[ahead] as Step;
              if (s.kind === 'gap') detector.gap(s.missing, () => {});
              else detector.push(piece(s), s.length, () => {});
            }
            const { closed, openSince } = recorder.take();
            engine.flags.add(closed, openSince);
            const s = plan[k] as Step;
            if (s.kind === 'gap') engine.gap(s.missing);
            else engine.push(piece(s), s.length, (u, artifact) => got.push([u.index, artifact]));
          }
          expect(want.filter(([, f]) => f).length).toBeGreaterThan(20);
          expect(got).toEqual(want);
        },
      ),
      { numRuns: 12, seed: 42 },
    );
  });

  it('flags a window that overlaps a closed span or reaches a detection still open', () => {
    const flags = new ArtifactSpanFlags(100);
    flags.add([50, 60, 300, 320], -1);
    expect(flags.flagAt(150)).toBe(true); // [50, 150) holds 50…60
    expect(flags.flagAt(161)).toBe(false); // [61, 161)
    expect(flags.flagAt(301)).toBe(true); // [201, 301) holds 300
    expect(flags.flagAt(301)).toBe(true); // asked again
    flags.add([], 400);
    expect(flags.flagAt(400)).toBe(true); // [300, 400) holds 300…320
    expect(flags.flagAt(420)).toBe(true); // [320, 420) holds 320
    expect(flags.flagAt(421)).toBe(true); // open since 400
    flags.add([400, 410], -1);
    expect(flags.flagAt(510)).toBe(true); // [410, 510) holds 410
    expect(flags.flagAt(511)).toBe(false);
    flags.add([], 600);
    expect(flags.flagAt(600)).toBe(false); // a detection that opened at 600 is after [500, 600)
    expect(flags.flagAt(601)).toBe(true);
  });
});
