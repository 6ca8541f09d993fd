import { describe, expect, it } from 'vitest';
import type { ArtifactEvent } from '../../../dsp/artifacts.ts';
import { MotionSpans } from '../../../dsp/motion-spans.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import { flaggedEngineFor } from '../../../src/pipeline/band-power-frames.ts';

const FS = 256;
const IMU_RATE = 52;
const SECONDS = 40;
const WINDOW_S = 256 / FS;
const NODS = [
  { atS: 8, durationS: 1, peakG: 0.3 },
  { atS: 21.3, durationS: 0.7, peakG: 0.15 },
];

/** A resting head (gravity on −z, slow sway) with NODS in the y axis, in Muse packets of 3 samples. */
function accelerometerPackets(): { x: Float32Array; y: Float32Array; z: Float32Array; t0: number }[] {
  const packets = [];
  for (let i = 0; i + 3 <= SECONDS * IMU_RATE; i += 3) {
    const x = new Float32Array(3);
    const y = new Float32Array(3);
    const z = new Float32Array(3);
    for (let j = 0; j < 3; j++) {
      const t = (i + j) / IMU_RATE;
      let dy = 0;
      for (const nod of NODS) {
        const u = (t - nod.atS) / nod.durationS;
        if (u >= 0 && u < 1) dy += nod.peakG * Math.sin(2 * Math.PI * u);
      }
      x[j] = 0.02 * Math.sin(t);
      y[j] = 0.02 + dy;
      z[j] = -0.98;
    }
    packets.push({ x, y, z, t0: i / IMU_RATE });
  }
  return packets;
}

interface Update {
  index: number;
  artifact: boolean;
}

/**
 * The demo session's EEG (blinks and clenches included) in 12-sample packets through the flagged engine; with
 * `imu` 'ahead' all accelerometer packets go in first, with 'interleaved' each goes in once the EEG has passed
 * its last sample (as a headset sends them).
 */
function run(imu: 'none' | 'ahead' | 'interleaved'): { updates: Update[]; motion: ArtifactEvent[] } {
  const synth = new EegSynthesizer({ seed: 5, timeline: 'demo', mainsHz: 50 });
  const n = SECONDS * FS;
  const data = synth.channels.map(() => new Float32Array(n));
  synth.next(data, n);
  const flagged = flaggedEngineFor(FS, synth.channels, { mainsHz: 50 }, imu !== 'none');
  const updates: Update[] = [];
  const motion: ArtifactEvent[] = [];
  const packets = imu === 'none' ? [] : accelerometerPackets();
  const feed = (p: (typeof packets)[number]) =>
    flagged.pushAccelerometer(p.x, p.y, p.z, 3, IMU_RATE, p.t0, (e) => motion.push(e));
  if (imu === 'ahead') packets.splice(0).forEach(feed);
  for (let at = 0; at < n; at += 12) {
    const len = Math.min(12, n - at);
    while (packets.length > 0 && (packets[0] as (typeof packets)[number]).t0 + 2 / IMU_RATE < at / FS)
      feed(packets.shift() as (typeof packets)[number]);
    flagged.push(
      data.map((ch) => ch.subarray(at, at + len)),
      len,
      (u, artifact) => updates.push({ index: u.index, artifact }),
    );
  }
  return { updates, motion };
}

const overlapsMotion = (motion: readonly ArtifactEvent[], index: number) =>
  motion.some((e) => e.t < index / FS && e.t + e.durationS > index / FS - WINDOW_S);

describe('MotionSpans: band-power windows overlapping head motion are flagged', () => {
  const eegOnly = run('none');

  it('finds the nods', () => {
    const { motion } = run('ahead');
    expect(motion).toHaveLength(NODS.length);
    motion.forEach((e, i) =>
      expect(Math.abs(e.t - (NODS[i] as (typeof NODS)[number]).atS)).toBeLessThan(0.1),
    );
  });

  it('with the IMU ahead of the EEG, an update is flagged exactly when its window overlaps a blink, clench or movement', () => {
    const { updates, motion } = run('ahead');
    expect(updates.map((u) => u.index)).toEqual(eegOnly.updates.map((u) => u.index));
    let added = 0;
    updates.forEach((u, i) => {
      const before = (eegOnly.updates[i] as Update).artifact;
      expect(u.artifact).toBe(before || overlapsMotion(motion, u.index));
      if (u.artifact && !before) added++;
    });
    // Each nod flags the windows that overlap it: about (1 s window + its length) × 10 updates/s.
    expect(added).toBeGreaterThan(25);
    console.log(`motion flags: ${added} more updates flagged for ${motion.length} nods`);
  });

  it('with the IMU behind the EEG (as a headset sends it), a movement is flagged at most one update late', () => {
    const { updates, motion } = run('interleaved');
    expect(motion).toHaveLength(NODS.length);
    updates.forEach((u, i) => {
      const before = (eegOnly.updates[i] as Update).artifact;
      const overlaps = overlapsMotion(motion, u.index);
      if (!overlaps) expect(u.artifact).toBe(before);
      // The packet holding a movement's first samples arrives up to 3 IMU samples after them.
      else if (!motion.some((e) => u.index / FS - e.t < 0.1)) expect(u.artifact).toBe(true);
    });
  });

  it('keeps spans that lie ahead of every window until a window reaches them, and drops them after', () => {
    const spans = new MotionSpans();
    const packets = accelerometerPackets();
    for (const p of packets) spans.push(p.x, p.y, p.z, 3, IMU_RATE, p.t0);
    expect(spans.overlaps(0, 1)).toBe(false);
    expect(spans.overlaps(7.5, 8.5)).toBe(true);
    expect(spans.overlaps(20.5, 21.5)).toBe(true);
    // Windows move forward: once one starts after the first nod, that nod is gone.
    expect(spans.overlaps(9.5, 10.5)).toBe(false);
    expect(spans.overlaps(21.1, 22.1)).toBe(true);
    expect(spans.overlaps(23, 24)).toBe(false);
  });

  it('an engine without MotionSpans refuses accelerometer samples', () => {
    const flagged = flaggedEngineFor(FS, ['TP9', 'AF7', 'AF8', 'TP10']);
    const z = new Float32Array(3);
    expect(() => flagged.pushAccelerometer(z, z, z, 3, IMU_RATE, 0)).toThrow(/no MotionSpans/);
  });
});
