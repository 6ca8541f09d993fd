/**
 * Issue 8: an overnight EDF replays at 1000× through the app's source path. A synthesized 8-hour EDF+ (two EEG
 * channels at 100 Hz, like Sleep-EDF) is written with the project's EDF+ writer into the OS temp directory and
 * replayed by openRecordingSource on a clock running at 1000× in virtual time: waits cost virtual wall time
 * only, at least a browser's 4 ms timer floor each, so the test checks the pacing itself, not this machine's
 * speed (the wall-time figure is in bench/replay.bench.ts). Memory is measured after forced collections.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ControlledClock, MAX_PLAYBACK_RATE, type PlaybackClock } from '../../src/source/clock.ts';
import { openRecordingSource } from '../../src/source/recording-source.ts';
import type { SourceEvent } from '../../src/source/types.ts';
import { fileOpener, heapAfterGc, writeOvernightEdf } from '../helpers/overnight-edf.ts';

const HOURS = 8;
const RATE_HZ = 100;
const DURATION_S = HOURS * 3600;

/** Runs at `rate` in virtual wall time; every wait that has to wait costs at least `floorS` of it. */
function virtualRateClock(rate: number, floorS: number): PlaybackClock & { wallS: number; waits: number } {
  const clock = {
    rate,
    wallS: 0,
    waits: 0,
    now: () => clock.wallS * rate,
    waitUntil(t: number) {
      if (t > clock.now()) {
        clock.waits++;
        clock.wallS = Math.max(clock.wallS + floorS, t / rate);
      }
      return Promise.resolve();
    },
  };
  return clock;
}

let path = '';
let fileBytes = 0;

beforeAll(() => {
  ({ path, bytes: fileBytes } = writeOvernightEdf({ hours: HOURS, rateHz: RATE_HZ }));
}, 120_000);

afterAll(() => {
  if (path) rmSync(path, { force: true });
});

describe('an overnight EDF at 1000×', () => {
  it('the playback clock takes 1000× and refuses more', () => {
    const c = new ControlledClock(0);
    c.setRate(MAX_PLAYBACK_RATE);
    expect(c.rate).toBe(1000);
    expect(() => c.setRate(1001)).toThrow('playback speed must be 0.25 to 1000, got 1001');
  });

  it('replays all 8 hours in order at ≥ 1000× of virtual time, memory flat', async () => {
    const clock = virtualRateClock(1000, 0.004);
    const source = await openRecordingSource('overnight.edf', fileOpener(path), { clock });
    expect(source.scan.durationS).toBe(DURATION_S);
    expect(source.info.sampleRate).toBe(RATE_HZ);
    const base = heapAfterGc();
    const heap: number[] = [];
    let samples = 0;
    let emits = 0;
    let nextIndex = 0;
    let checkpoint = DURATION_S / 4;
    let outOfOrder = 0;
    await new Promise<void>((resolve, reject) => {
      source.events$.subscribe({
        next(e: SourceEvent) {
          if (e.kind !== 'samples') return;
          emits++;
          if (e.index !== nextIndex) outOfOrder++;
          nextIndex = e.index + e.length;
          samples += e.length;
          if (e.t0 >= checkpoint) {
            heap.push(heapAfterGc() - base);
            checkpoint += DURATION_S / 4;
          }
        },
        error: reject,
        complete: resolve,
      });
    });
    expect(outOfOrder).toBe(0);
    expect(samples).toBe(DURATION_S * RATE_HZ);
    const speed = DURATION_S / clock.wallS;
    // Exactly 1000× up to rounding: no wait ever cost more than the clock's own pace.
    expect(speed).toBeGreaterThanOrEqual(1000 * (1 - 1e-9));
    // Pieces grow with the speed: the 1-s records are not cut into 32-sample pieces (which would be 4 each).
    expect(emits).toBeLessThanOrEqual(DURATION_S);
    expect(heap).toHaveLength(3);
    // Nothing accumulates: the heap after collection stays within a few MB while the file is 23 MB.
    for (const h of heap) expect(h).toBeLessThan(Math.min(16e6, fileBytes / 2));
  }, 300_000);
});
