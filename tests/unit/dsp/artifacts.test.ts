import { Subject } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { ArtifactDetector, windowOverlapsArtifact, type ArtifactEvent } from '../../../dsp/artifacts.ts';
import {
  EegSynthesizer,
  type BuiltinSessionName,
  type SynthEvent,
} from '../../../hardware-mocks/synth/synthesizer.ts';
import { toArtifactEvents } from '../../../src/pipeline/band-power-frames.ts';
import type { SourceEvent } from '../../../src/source/types.ts';

/** Runs the detector over a synthesized session in 12-sample packets, as a Muse delivers them. */
function detect(session: BuiltinSessionName, seed: number, seconds: number) {
  const synth = new EegSynthesizer({ seed, timeline: session, mainsHz: 50 });
  const detector = new ArtifactDetector({ sampleRate: synth.sampleRate, channels: synth.channels });
  const found: ArtifactEvent[] = [];
  const packet = synth.channels.map(() => new Float32Array(12));
  for (let i = 0; i < seconds * synth.sampleRate; i += 12) {
    synth.next(packet, 12);
    detector.push(packet, 12, (e) => found.push(e));
  }
  return { found, truth: synth.events.filter((e) => e.t < seconds - 1) };
}

const overlaps = (d: ArtifactEvent, e: SynthEvent, slackS: number) =>
  d.t >= e.t - slackS && d.t <= e.t + e.durationS + slackS;

describe('ArtifactDetector against the synthesizer’s ground truth', () => {
  it('finds blinks and jaw clenches with high recall and precision', () => {
    const totals = { blink: { tp: 0, truth: 0, fp: 0, found: 0 }, jaw: { tp: 0, truth: 0, fp: 0, found: 0 } };
    const runs: [BuiltinSessionName, number, number][] = [
      ['demo', 1, 600],
      ['chaotic', 2, 180],
      ['calm-anxious-recovery', 1, 300],
    ];
    for (const [session, seed, seconds] of runs) {
      const { found, truth } = detect(session, seed, seconds);
      const contactLoss = truth.filter((e) => e.kind === 'contact-loss');
      for (const kind of ['blink', 'jaw'] as const) {
        const t = totals[kind];
        const real = truth.filter(
          (e) =>
            e.kind === kind &&
            !contactLoss.some((c) => e.t < c.t + c.durationS + 0.5 && c.t < e.t + e.durationS + 0.5),
        );
        // Contact loss is signal quality's business; what a detector says during it is not scored.
        const said = found.filter((d) => d.kind === kind && !contactLoss.some((e) => overlaps(d, e, 0.5)));
        t.truth += real.length;
        t.tp += real.filter((e) => said.some((d) => overlaps(d, e, 0.25))).length;
        t.found += said.length;
        t.fp += said.filter((d) => !real.some((e) => overlaps(d, e, 0.25))).length;
      }
      for (const d of found) {
        expect(Number.isFinite(d.t) && Number.isFinite(d.durationS) && Number.isFinite(d.peak)).toBe(true);
        expect(d.confidence).toBeGreaterThanOrEqual(0);
        expect(d.confidence).toBeLessThanOrEqual(1);
      }
    }
    for (const kind of ['blink', 'jaw'] as const) {
      const t = totals[kind];
      const recall = t.tp / t.truth;
      const precision = (t.found - t.fp) / t.found;
      console.log(
        `artifacts: ${kind} recall ${t.tp}/${t.truth} = ${recall.toFixed(3)}, precision ${t.found - t.fp}/${t.found} = ${precision.toFixed(3)}`,
      );
      expect(recall).toBeGreaterThan(0.9);
      expect(precision).toBeGreaterThan(0.9);
    }
  });

  it('survives NaN samples and gaps without reporting anything on a flat-zero signal', () => {
    const detector = new ArtifactDetector({ sampleRate: 256, channels: ['TP9', 'AF7', 'AF8', 'TP10'] });
    const data = [0, 1, 2, 3].map(() => new Float32Array(512));
    (data[1] as Float32Array)[100] = NaN;
    (data[2] as Float32Array)[200] = Infinity;
    const events: ArtifactEvent[] = [];
    detector.push(data, 512, (e) => events.push(e));
    detector.gap(256, (e) => events.push(e));
    detector.push(data, 512, (e) => events.push(e));
    expect(events).toEqual([]);
    expect(detector.lastArtifactIndex).toBe(-1);
    expect(() => detector.push(data.slice(0, 3), 10, () => {})).toThrow(/expected 4 channels/);
    expect(() => detector.push(data, 513, () => {})).toThrow(/fewer than 513/);
    expect(() => new ArtifactDetector({ sampleRate: 16, channels: ['AF7'] })).toThrow(/at least 32 Hz/);
    // At 50 Hz there is no EMG band: blinks only, and no error.
    const slow = new ArtifactDetector({ sampleRate: 50, channels: ['TP9', 'AF7', 'AF8', 'TP10'] });
    slow.push(data, 512, (e) => events.push(e));
    expect(events).toEqual([]);
  });

  it('fed from a start index, gives exactly what it gives fed the same samples as views', () => {
    // 60 s of the chaotic session (blinks, clenches, contact loss) in 1-s records, each fed in uneven parts.
    const synth = new EegSynthesizer({ seed: 3, timeline: 'chaotic', mainsHz: 50 });
    const opts = { sampleRate: synth.sampleRate, channels: synth.channels };
    const byStart = new ArtifactDetector(opts);
    const byView = new ArtifactDetector(opts);
    const a: ArtifactEvent[] = [];
    const b: ArtifactEvent[] = [];
    const lastA: number[] = [];
    const lastB: number[] = [];
    const record = synth.channels.map(() => new Float32Array(256));
    for (let r = 0; r < 60; r++) {
      synth.next(record, 256);
      if (r === 20) (record[1] as Float32Array)[77] = NaN;
      for (const [from, to] of [
        [0, 25],
        [25, 26],
        [26, 200],
        [200, 256],
      ] as const) {
        byStart.push(record, to - from, (e) => a.push(e), from);
        byView.push(
          record.map((ch) => ch.subarray(from, to)),
          to - from,
          (e) => b.push(e),
        );
        lastA.push(byStart.lastArtifactIndex);
        lastB.push(byView.lastArtifactIndex);
      }
    }
    expect(b.length).toBeGreaterThan(3);
    expect(a).toEqual(b);
    expect(lastA).toEqual(lastB);
    expect(() => byStart.push(record, 200, () => {}, 57)).toThrow(/fewer than 257/);
    expect(() => byStart.push(record, 1, () => {}, -1)).toThrow(/start must be/);
  });

  it('flags windows that overlap an artifact', () => {
    expect(windowOverlapsArtifact(1000, 256, -1)).toBe(false);
    expect(windowOverlapsArtifact(1000, 256, 744)).toBe(true);
    expect(windowOverlapsArtifact(1000, 256, 743)).toBe(false);
  });
});

describe('ArtifactDetector filters in WebAssembly SIMD', () => {
  it('report exactly the events and artifact spans of the JavaScript cascades, gaps and NaNs included', () => {
    const synth = new EegSynthesizer({ seed: 11, timeline: 'demo', mainsHz: 50 });
    // A fifth, unused channel rides along: it is not filtered, and does not shift the others' lanes.
    const channels = [...synth.channels, 'Right AUX'];
    const runs = [true, false].map((simd) => ({
      detector: new ArtifactDetector({ sampleRate: synth.sampleRate, channels, simd }),
      found: [] as ArtifactEvent[],
      last: [] as number[],
    }));
    expect(runs[0]!.detector['slowBank']).not.toBeNull();
    expect(runs[1]!.detector['slowBank']).toBeNull();
    const packet = channels.map(() => new Float32Array(37));
    for (let k = 0; k * 37 < 120 * synth.sampleRate; k++) {
      synth.next(packet.slice(0, 4), 37);
      (packet[4] as Float32Array).fill(k % 7);
      if (k === 900) (packet[1] as Float32Array)[5] = NaN;
      for (const run of runs) {
        if (k === 1500) run.detector.gap(300, (e) => run.found.push(e));
        run.detector.push(packet, 37, (e) => run.found.push(e));
        run.last.push(run.detector.lastArtifactIndex);
      }
    }
    const [fast, plain] = runs as [(typeof runs)[0], (typeof runs)[0]];
    expect(fast.found).toEqual(plain.found);
    expect(fast.last).toEqual(plain.last);
    expect(new Set(fast.found.map((e) => e.kind))).toEqual(new Set(['blink', 'jaw']));
    // Filtered outputs agree bit for bit, not just the events.
    expect(Array.from(fast.detector['slowOut'])).toEqual(Array.from(plain.detector['slowOut']));
    expect(Array.from(fast.detector['emgOut'])).toEqual(Array.from(plain.detector['emgOut']));
  });
});

describe('toArtifactEvents (rxjs wrapper)', () => {
  it('emits the detector’s events for a raw source and nothing for a band-power-only one', () => {
    const synth = new EegSynthesizer({ seed: 1, timeline: 'demo', mainsHz: 50 });
    const info = {
      kind: 'synth' as const,
      label: 't',
      channels: synth.channels,
      sampleRate: synth.sampleRate,
      hasRawEeg: true,
    };
    const events$ = new Subject<SourceEvent>();
    const got: ArtifactEvent[] = [];
    const none: ArtifactEvent[] = [];
    events$.pipe(toArtifactEvents(info)).subscribe((e) => got.push(e));
    events$.pipe(toArtifactEvents({ ...info, hasRawEeg: false })).subscribe((e) => none.push(e));
    const n = 120 * synth.sampleRate;
    const data = synth.channels.map(() => new Float32Array(n));
    synth.next(data, n);
    events$.next({ kind: 'samples', t0: 0, index: 0, sampleRate: synth.sampleRate, data, length: n });
    events$.next({ kind: 'gap', t: 120, index: n, missingSamples: 256, reason: 'test' });
    events$.complete();
    const blinks = synth.events.filter((e) => e.kind === 'blink' && e.t < 119).length;
    expect(blinks).toBeGreaterThan(5);
    expect(got.filter((e) => e.kind === 'blink').length).toBeGreaterThanOrEqual(blinks - 1);
    expect(none).toEqual([]);
  });
});
