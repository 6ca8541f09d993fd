/** Head motion and PPG through the real path: the emulated headset's packets → muse-js → MuseSource's streams. */
import { toArray, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ArtifactEvent } from '../../../dsp/artifacts.ts';
import {
  installMockMuse,
  MOCK_HEART_RATE_BPM,
  mockPpgCounts,
  synthFeed,
  type MockMuseOptions,
} from '../../../hardware-mocks/muse/index.ts';
import { faultsFromParams } from '../../../hardware-mocks/muse/from-url.ts';
import { toMotionArtifacts, withMotionArtifacts } from '../../../src/pipeline/motion-artifacts.ts';
import { DreamSession } from '../../../src/pipeline/dream-session.ts';
import { virtualClock } from '../../../src/source/clock.ts';
import {
  connectMuse,
  MUSE_PPG_CHANNELS,
  type MusePreset,
  type MuseSource,
} from '../../../src/source/muse-source.ts';
import type { ImuChunk, PpgChunk } from '../../../src/source/types.ts';
import { allowConnectionListeners } from './muse-run.ts';

interface Run {
  source: MuseSource;
  imu: ImuChunk[];
  ppg: PpgChunk[];
  motion: ArtifactEvent[];
}

async function run(mock: Partial<MockMuseOptions>, preset: MusePreset = 'p21'): Promise<Run> {
  const clock = virtualClock();
  const installed = installMockMuse({
    batchS: 0.5,
    feed: synthFeed({ seed: 2, durationS: 30 }),
    ...mock,
    clock,
  });
  allowConnectionListeners(installed.muse.device);
  try {
    const source = await connectMuse({ kind: 'mock', clock, preset });
    const imu: ImuChunk[] = [];
    const ppg: PpgChunk[] = [];
    source.imu$.subscribe((c) => imu.push(c));
    source.ppg$.subscribe((c) => ppg.push(c));
    const motion = firstValueFrom(source.imu$.pipe(toMotionArtifacts(), toArray()));
    const ended = new Promise<void>((resolve, reject) =>
      source.events$.subscribe({ complete: resolve, error: reject }),
    );
    await installed.muse.done;
    source.stop();
    await ended;
    return { source, imu, ppg, motion: await motion };
  } finally {
    installed.uninstall();
  }
}

describe('MuseSource IMU and PPG streams', () => {
  it('head motion injected into the accelerometer comes out as motion events at the right times', async () => {
    const nods = [
      { atS: 6, durationS: 1, peakG: 0.3 },
      { atS: 17.5, durationS: 0.8, peakG: 0.15 },
    ];
    const r = await run({ model: 'Muse 2', faults: { headMotion: nods } });
    expect(r.motion.map((e) => e.kind)).toEqual(['motion', 'motion']);
    r.motion.forEach((e, i) => {
      const nod = nods[i] as (typeof nods)[number];
      expect(Math.abs(e.t - nod.atS)).toBeLessThan(0.12);
      expect(Math.abs(e.durationS - nod.durationS)).toBeLessThan(0.25);
      expect(e.confidence).toBeGreaterThan(0.5);
    });
    console.log(
      `motion via mock → muse-js → MuseSource: injected at 6, 17.5 s; found at ${r.motion.map((e) => e.t.toFixed(3)).join(', ')} s`,
    );
  });

  it('IMU samples arrive at 52 Hz on the EEG clock, in g and °/s, none lost', async () => {
    const r = await run({});
    const acc = r.imu.filter((c) => c.kind === 'accelerometer');
    const gyro = r.imu.filter((c) => c.kind === 'gyroscope');
    // 30 s at 52 Hz in packets of 3, less the packets before the first EEG packet gave the session a clock.
    expect(acc.length).toBeGreaterThan(515);
    expect(gyro.length).toBe(acc.length);
    for (let i = 1; i < acc.length; i++) {
      const a = acc[i - 1] as ImuChunk;
      expect((acc[i] as ImuChunk).t0 - a.t0).toBeCloseTo(3 / 52, 6);
    }
    // The mock's resting x axis is 0.02·sin(t) g at stream time t: the timing error shows as a phase error.
    let worst = 0;
    for (const c of acc)
      for (let j = 0; j < c.length; j++) {
        const t = c.t0 + j / 52;
        worst = Math.max(worst, Math.abs((c.x[j] as number) - 0.02 * Math.sin(t)));
        expect(c.z[j]).toBeCloseTo(-0.98, 3);
      }
    expect(worst).toBeLessThan(0.02 * 0.02 + 1e-4);
    expect((gyro[0] as ImuChunk).y[0]).toBeCloseTo(-0.4, 2);
  });

  it('p50 streams PPG as a typed stream, on the EEG clock, with "PPG streaming" and the heart rate; p21 has none', async () => {
    const r = await run({ model: 'Muse S' }, 'p50');
    const d = r.source.device$.value;
    expect(d.ppgStreaming).toBe(false); // stopped
    expect(Math.abs((d.heartRateBpm as number) - MOCK_HEART_RATE_BPM)).toBeLessThanOrEqual(2);
    MUSE_PPG_CHANNELS.forEach((channel, p) => {
      const chunks = r.ppg.filter((c) => c.channel === channel);
      expect(chunks.length).toBeGreaterThan(310);
      // The timing error: the shift of the headset's own wave that best explains what came out.
      let best = { shiftS: NaN, worst: Infinity };
      for (let ms = -30; ms <= 30; ms++) {
        let worst = 0;
        for (const c of chunks)
          for (let j = 0; j < c.samples.length; j++) {
            const t = c.t0 + j / 64 + ms / 1000;
            worst = Math.max(worst, Math.abs((c.samples[j] as number) - mockPpgCounts(p, t)));
          }
        if (worst < best.worst) best = { shiftS: ms / 1000, worst };
      }
      if (channel === 'ambient') expect(best.worst).toBeLessThan(1);
      else {
        // The mock sends each PPG packet one EEG packet boundary after its last sample (15.6 ms later, every
        // time): a constant latency the host cannot see, so it shows here as lateness.
        expect(Math.abs(best.shiftS)).toBeLessThanOrEqual(0.02);
        // The residue at the best whole-millisecond shift: the wave's steepest slope over half a millisecond.
        expect(best.worst).toBeLessThan(60);
        console.log(`PPG ${channel}: timing error ${(best.shiftS * 1000).toFixed(0)} ms`);
      }
    });
    const plain = await run({});
    expect(plain.ppg).toEqual([]);
    expect(plain.source.device$.value.ppgStreaming).toBeUndefined();
    expect(plain.source.device$.value.heartRateBpm).toBeUndefined();
  });

  it('reports PPG streaming while it streams', async () => {
    const clock = virtualClock();
    const installed = installMockMuse({ batchS: 0.5, feed: synthFeed({ seed: 2, durationS: 5 }), clock });
    allowConnectionListeners(installed.muse.device);
    try {
      const source = await connectMuse({ kind: 'mock', clock, preset: 'p50' });
      const seen: (boolean | undefined)[] = [];
      source.device$.subscribe((d) => seen.push(d.ppgStreaming));
      source.events$.subscribe();
      await installed.muse.done;
      expect(source.device$.value.ppgStreaming).toBe(true);
      source.stop();
      expect(source.device$.value.ppgStreaming).toBe(false);
    } finally {
      installed.uninstall();
    }
  });

  it("a DreamSession's artifacts$ carries motion events alongside blinks and jaw clenches", async () => {
    const clock = virtualClock();
    const installed = installMockMuse({
      batchS: 0.5,
      feed: synthFeed({ seed: 2, durationS: 20 }),
      clock,
      faults: { headMotion: [{ atS: 9, durationS: 1, peakG: 0.3 }] },
    });
    try {
      const source = await connectMuse({ kind: 'mock', clock });
      const session = new DreamSession(source);
      const artifacts: ArtifactEvent[] = [];
      session.artifacts$.subscribe((e) => artifacts.push(e));
      await installed.muse.done;
      session.stop();
      const motion = artifacts.filter((e) => e.kind === 'motion');
      expect(motion).toHaveLength(1);
      expect(Math.abs((motion[0] as ArtifactEvent).t - 9)).toBeLessThan(0.12);
    } finally {
      installed.uninstall();
    }
  });

  it('?source=mock&nodAt=… injects a nod in the app', () => {
    expect(faultsFromParams(new URLSearchParams('nodAt=12&nodG=0.2')).headMotion).toEqual([
      { atS: 12, durationS: 1, peakG: 0.2 },
    ]);
    expect(faultsFromParams(new URLSearchParams('nodAt=12')).headMotion?.[0]?.peakG).toBe(0.3);
    expect(() => faultsFromParams(new URLSearchParams('nodAt=soon'))).toThrow(
      /\?nodAt= expects a number, found "soon"/,
    );
  });

  it('withMotionArtifacts leaves a source without an IMU as it is', async () => {
    const { of } = await import('rxjs');
    const blink: ArtifactEvent = { kind: 'blink', t: 1, durationS: 0.2, confidence: 0.8, peak: 120 };
    const out = await firstValueFrom(of(blink).pipe(withMotionArtifacts({}), toArray()));
    expect(out).toEqual([blink]);
  });
});
