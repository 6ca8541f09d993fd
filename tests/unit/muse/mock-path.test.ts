/**
 * The emulated Muse through muse-js into MuseSource, in virtual time: exact samples and timestamps, every
 * injected loss found with its length (across the 16-bit wrap), no false gaps, reconnects, give-up.
 */
import { describe, expect, it } from 'vitest';
import { eegCode, EEG_UV_PER_LSB, synthFeed } from '../../../hardware-mocks/muse/index.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import { realTimeClock } from '../../../src/source/clock.ts';
import { assemble, runMockMuse, type MuseRun } from './muse-run.ts';

function synthTruth(seconds: number, seed: number): Float32Array[] {
  const synth = new EegSynthesizer({ seed, timeline: 'demo' });
  const n = Math.round(seconds * 256);
  const data = synth.channels.map(() => new Float32Array(n));
  synth.next(data, n);
  return data;
}

/** Runs of packet numbers the headset produced but did not send, as [firstK, count]. */
function unsentRuns(run: MuseRun, fromK: number): [number, number][] {
  const runs: [number, number][] = [];
  for (const r of run.installed.muse.log) {
    if (r.k < fromK || r.sentMask !== 0) continue;
    const last = runs.at(-1);
    if (last && last[0] + last[1] === r.k) last[1]++;
    else runs.push([r.k, 1]);
  }
  return runs;
}

function firstSentK(run: MuseRun): number {
  return run.installed.muse.log.find((r) => r.sentMask !== 0)?.k ?? -1;
}

/** Every sample the headset sent is in the output at its packet's index, equal to the truth within a quantum. */
function expectSentSamplesKept(run: MuseRun, truth: Float32Array[]) {
  const { data } = assemble(run, 4);
  const k0 = firstSentK(run);
  let checked = 0;
  for (const r of run.installed.muse.log) {
    if (r.k < k0 || r.sentMask === 0) continue;
    for (let c = 0; c < 4; c++) {
      if (!(r.sentMask & (1 << c))) continue;
      for (let i = 0; i < 12; i++) {
        const got = (data[c] as Float64Array)[(r.k - k0) * 12 + i] as number;
        const want = (truth[c] as Float32Array)[r.k * 12 + i] as number;
        const quantized = (eegCode(want) - 0x800) * EEG_UV_PER_LSB;
        if (got !== quantized) throw new Error(`k=${r.k} ch=${c} i=${i}: got ${got}, sent ${quantized}`);
        checked++;
      }
    }
  }
  return checked;
}

describe('emulated Muse → muse-js → MuseSource', () => {
  it('delivers every sample at its sequence-index time, within the 12-bit quantum, with no gaps', async () => {
    const seconds = 60;
    const run = await runMockMuse({ feed: synthFeed({ seed: 3, timeline: 'demo', durationS: seconds }) });
    const truth = synthTruth(seconds, 3);
    expect(run.gaps).toEqual([]);
    const total = run.chunks.reduce((n, c) => n + c.length, 0);
    expect(total).toBe(seconds * 256);
    run.chunks.forEach((c, i) => {
      expect(c.index).toBe(i * 12);
      expect(c.t0).toBe((i * 12) / 256);
    });
    const { data } = assemble(run, 4);
    for (let c = 0; c < 4; c++) {
      for (let i = 0; i < total; i++) {
        const err = Math.abs((data[c] as Float64Array)[i]! - (truth[c] as Float32Array)[i]!);
        if (!(err <= EEG_UV_PER_LSB / 2 + 1e-6)) throw new Error(`ch ${c} sample ${i}: off by ${err} µV`);
      }
    }
    expect(run.installed.muse.stats.commands.slice(0, 4)).toEqual(['h', 'p21', 's', 'd']);
    // The headset's packet k is sent at stream time (k + 1) · 12 / 256 s, batched by up to 1 s (virtual clock).
    const hostStart = run.source.hostTimeAt(0);
    expect(run.source.hostTimeAt(256 * 50) - hostStart).toBeCloseTo(50, 6);
  });

  it('finds every injected loss with its exact length, across the 16-bit wrap, with no false gaps', async () => {
    const seconds = 600;
    const run = await runMockMuse({
      feed: synthFeed({ seed: 5, timeline: 'demo', durationS: seconds }),
      startSequence: 0xffff - 2000,
      faults: {
        seed: 11,
        lossRate: 0.01,
        lossBursts: [
          { atS: 93.75, packets: 40 },
          { atS: 300, packets: 1 },
        ],
        duplicateRate: 0.01,
        reorderRate: 0.02,
      },
    });
    const stats = run.installed.muse.stats;
    expect(stats.duplicated).toBeGreaterThan(10);
    expect(stats.reordered).toBeGreaterThan(10);
    const k0 = firstSentK(run);
    const lastSent = run.installed.muse.log.findLast((r) => r.sentMask !== 0)?.k ?? 0;
    const expected = unsentRuns(run, k0)
      .filter(([k]) => k < lastSent)
      .map(([k, n]) => ({ index: (k - k0) * 12, missingSamples: n * 12 }));
    expect(expected.length).toBeGreaterThan(30);
    // The wrap from 0xffff to 0 happens at packet 2001, well inside the run.
    expect(run.installed.muse.log[2001]?.sequence).toBe(0);
    expect(run.gaps.map((g) => ({ index: g.index, missingSamples: g.missingSamples }))).toEqual(expected);
    for (const g of run.gaps) expect(g.t).toBe(g.index / 256);
    expect(expectSentSamplesKept(run, synthTruth(seconds, 5))).toBeGreaterThan(500_000);
    expect(run.source.sequenceStats.duplicates).toBeGreaterThan(0);
    // Chunks and gaps tile the session without overlap.
    let next = 0;
    for (const e of run.events) {
      if (e.kind === 'samples') {
        expect(e.index).toBe(next);
        next += e.length;
      } else if (e.kind === 'gap') {
        expect(e.index).toBe(next);
        next += e.missingSamples;
      }
    }
  });

  it('reconnects after a dropped link and loses no sample the headset sent', async () => {
    const seconds = 90;
    let disconnectsBeforeStop = -1;
    const run = await runMockMuse(
      {
        feed: synthFeed({ seed: 8, timeline: 'demo', durationS: seconds }),
        faults: { disconnectAtS: 30, availableAgainAtS: 37 },
      },
      { giveUpAfterS: 60 },
      async (r) => {
        disconnectsBeforeStop = r.installed.muse.stats.disconnects;
      },
    );
    const muse = run.installed.muse;
    expect(disconnectsBeforeStop).toBe(1);
    expect(muse.stats.connections).toBe(2);
    // The preset and `d` are sent again on the new connection.
    expect(muse.stats.commands.filter((c) => c === 'd').length).toBe(2);
    expect(muse.stats.commands.filter((c) => c === 'p21').length).toBe(2);
    expect(run.statuses.map((s) => s.state)).toContain('reconnecting');
    expect(run.statuses.findLast((s) => s.state !== 'ended')?.state).toBe('streaming');
    expect(run.source.device$.value.reconnects).toBe(1);
    const k0 = firstSentK(run);
    const expected = unsentRuns(run, k0).map(([k, n]) => ({ index: (k - k0) * 12, missingSamples: n * 12 }));
    expect(expected.length).toBe(1);
    expect(expected[0]!.missingSamples).toBeGreaterThanOrEqual(7 * 256 - 12);
    expect(run.gaps.map((g) => ({ index: g.index, missingSamples: g.missingSamples }))).toEqual(expected);
    expect(run.gaps[0]?.reason).toMatch(/reconnected/);
    const sent = muse.log.filter((r) => r.sentMask !== 0).length;
    expect(expectSentSamplesKept(run, synthTruth(seconds, 8))).toBe(sent * 4 * 12);
  });

  it('gives up after the configured time with a clear status and keeps what came before', async () => {
    const run = await runMockMuse(
      { feed: synthFeed({ seed: 2, timeline: 'demo', durationS: 60 }), faults: { disconnectAtS: 10 } },
      { giveUpAfterS: 5, retryDelayS: 1 },
    );
    const error = run.statuses.find((s) => s.state === 'error');
    expect(error).toBeDefined();
    expect(error && 'reason' in error ? error.reason : '').toMatch(
      /out of reach .*Everything recorded so far is kept/,
    );
    const received = run.chunks.reduce((n, c) => n + c.length, 0);
    expect(received).toBeGreaterThanOrEqual(10 * 256 - 24);
    expect(received).toBeLessThanOrEqual(10 * 256);
  });

  it('reports device info, battery draining from telemetry, and sends keep-alives', async () => {
    const run = await runMockMuse(
      {
        feed: synthFeed({ seed: 4, timeline: 'demo', durationS: 120 }),
        model: 'Muse 2',
        faults: { batteryStartPct: 90, batteryDrainPctPerHour: 60 },
      },
      { keepAliveS: 10 },
    );
    const d = run.source.device$.value;
    expect(d.firmware).toBe('1.3.4');
    expect(d.hardware).toBe('10.2');
    expect(d.batteryPct).toBeGreaterThan(87.5);
    expect(d.batteryPct).toBeLessThan(88.5);
    expect(d.accelerometer?.z).toBeCloseTo(-0.98, 3);
    expect(run.installed.muse.stats.keepAlives).toBeGreaterThanOrEqual(10);
    expect(run.installed.muse.stats.keepAlives).toBeLessThanOrEqual(13);
  });

  it('a headset that restarts its counter on reconnect still gets its gap from the host clock', async () => {
    const run = await runMockMuse(
      {
        feed: synthFeed({ seed: 9, durationS: 60 }),
        resetSequenceOnConnect: true,
        batchS: 0.05,
        faults: { disconnectAtS: 20, availableAgainAtS: 26 },
      },
      { giveUpAfterS: 60, retryDelayS: 0.25 },
    );
    const k0 = firstSentK(run);
    const truth = unsentRuns(run, k0);
    expect(truth.length).toBe(1);
    expect(run.gaps.length).toBe(1);
    const [k, n] = truth[0]!;
    // The index error is the host clock's (batching and reconnect latency): a few packets, not a wrap.
    expect(run.gaps[0]!.index).toBe((k - k0) * 12);
    expect(Math.abs(run.gaps[0]!.missingSamples - n * 12)).toBeLessThanOrEqual(12 * 4);
  });

  it('streams AUX with p20 and PPG with p50, each with its own sequence counter', async () => {
    const aux = await runMockMuse({ feed: synthFeed({ seed: 1, durationS: 10 }) }, { preset: 'p20' });
    expect(aux.source.info.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10', 'AUX']);
    expect(aux.chunks[0]?.data.length).toBe(5);
    expect(aux.installed.muse.stats.commands).toContain('p20');
    expect(aux.gaps).toEqual([]);
    const ppg = await runMockMuse(
      { feed: synthFeed({ seed: 1, durationS: 10 }), model: 'Muse S' },
      { preset: 'p50' },
    );
    expect(ppg.installed.muse.stats.commands).toContain('p50');
    const d = ppg.source.device$.value;
    // 64 Hz / 6 per packet over ~10 s, three channels; none lost.
    expect(d.ppgPackets).toBeGreaterThan(3 * 100);
    expect(d.ppgLost).toBe(0);
    expect(ppg.gaps).toEqual([]);
    expect(ppg.chunks.reduce((n, c) => n + c.length, 0)).toBe(10 * 256 - ((10 * 256) % 12));
  });

  it('a flat and a railing electrode, and single-electrode loss, come out as such (NaN, not zeros, for loss)', async () => {
    const run = await runMockMuse({
      feed: synthFeed({ seed: 6, durationS: 30 }),
      faults: { flatElectrode: 1, railElectrode: 3, electrodeLossRate: 0.02, seed: 3 },
    });
    const { data } = assemble(run, 4);
    const finite = (c: number) => Array.from(data[c] as Float64Array).filter(Number.isFinite);
    expect(new Set(finite(1))).toEqual(new Set([0]));
    expect(new Set(finite(3))).toEqual(new Set([(0xfff - 0x800) * EEG_UV_PER_LSB]));
    const nanPackets = (data[0] as Float64Array).filter(Number.isNaN).length / 12;
    expect(nanPackets).toBeGreaterThan(5);
    expect(run.gaps).toEqual([]);
    expect(run.source.sequenceStats.partialSets).toBeGreaterThan(10);
  });

  it('a headset that goes silent on a live link is marked stalled and told `d` again', async () => {
    let disconnects = -1;
    const run = await runMockMuse(
      {
        feed: synthFeed({ seed: 1, durationS: 3 }),
        clock: realTimeClock(),
        batchS: 0,
        faults: { stallAtS: 0.75 },
      },
      { stallS: 0.3 },
      async (r) => {
        disconnects = r.installed.muse.stats.disconnects;
      },
    );
    const states = run.statuses.map((s) => s.state);
    const stalledAt = states.indexOf('stalled');
    expect(stalledAt).toBeGreaterThan(0);
    expect(states.slice(stalledAt)).toContain('streaming');
    expect(run.installed.muse.stats.commands.filter((c) => c === 'd').length).toBeGreaterThanOrEqual(2);
    expect(disconnects).toBe(0);
    expect(run.gaps.length).toBe(1);
    // 0.3 s of silence before the first check can fire, at most one more check period before `d` is resent.
    expect(run.gaps[0]!.missingSamples).toBeGreaterThanOrEqual(0.3 * 256 - 12);
    expect(run.gaps[0]!.missingSamples).toBeLessThanOrEqual(0.6 * 256 + 24);
  });

  it('loss, duplicates and reorders around a reconnect: gaps exact, every delivered sample kept', async () => {
    const seconds = 60;
    const run = await runMockMuse(
      {
        feed: synthFeed({ seed: 10, durationS: seconds }),
        batchS: 0.25,
        faults: {
          seed: 5,
          lossRate: 0.02,
          duplicateRate: 0.05,
          reorderRate: 0.05,
          disconnectAtS: 20,
          availableAgainAtS: 24,
        },
      },
      { giveUpAfterS: 60, retryDelayS: 0.25 },
    );
    const k0 = firstSentK(run);
    const lastSent = run.installed.muse.log.findLast((r) => r.sentMask !== 0)?.k ?? 0;
    const expected = unsentRuns(run, k0)
      .filter(([k]) => k < lastSent)
      .map(([k, n]) => ({ index: (k - k0) * 12, missingSamples: n * 12 }));
    expect(run.installed.muse.stats.disconnects).toBeGreaterThanOrEqual(1);
    expect(run.gaps.map((g) => ({ index: g.index, missingSamples: g.missingSamples }))).toEqual(expected);
    const delivered = run.installed.muse.log.filter((r) => r.sentMask === 0b1111).length;
    expect(expectSentSamplesKept(run, synthTruth(seconds, 10))).toBe(delivered * 4 * 12);
  });
});
