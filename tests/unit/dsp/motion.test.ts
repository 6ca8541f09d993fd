import { describe, expect, it } from 'vitest';
import type { ArtifactEvent } from '../../../dsp/artifacts.ts';
import { MotionDetector } from '../../../dsp/motion.ts';

const RATE = 52;

/** Seeded Gaussian-ish noise (sum of uniforms), g. */
function noise(seed: number): () => number {
  let a = seed >>> 0;
  const u = () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
  return () => (u() + u() + u() + u() - 2) * 0.005 * Math.sqrt(3);
}

interface Nod {
  atS: number;
  durationS: number;
  peakG: number;
}

/** A head at rest (gravity on −z, tilting slowly) with nods, sent in Muse-sized packets of 3 samples. */
function run(seconds: number, nods: Nod[], opts: { tiltDegPerS?: number; nanEvery?: number } = {}) {
  const detector = new MotionDetector({ sampleRate: RATE });
  const n = noise(3);
  const found: ArtifactEvent[] = [];
  const total = Math.round(seconds * RATE);
  for (let i = 0; i < total; i += 3) {
    const x = new Float32Array(3);
    const y = new Float32Array(3);
    const z = new Float32Array(3);
    for (let j = 0; j < 3; j++) {
      const t = (i + j) / RATE;
      // Tilting forward to 30° and back, over and over: a triangle wave, no jumps.
      const phase = ((opts.tiltDegPerS ?? 0) * t) % 60;
      const tilt = (phase < 30 ? phase : 60 - phase) * (Math.PI / 180);
      let dy = 0;
      for (const nod of nods) {
        const u = (t - nod.atS) / nod.durationS;
        if (u >= 0 && u < 1) dy += nod.peakG * Math.sin(2 * Math.PI * u);
      }
      x[j] = n();
      y[j] = Math.sin(tilt) + dy + n();
      z[j] = -Math.cos(tilt) + n();
      if (opts.nanEvery && (i + j) % opts.nanEvery === 0) y[j] = NaN;
    }
    detector.push(x, y, z, 3, i / RATE, (e) => found.push(e));
  }
  detector.flush((e) => found.push(e));
  return found;
}

describe('MotionDetector', () => {
  it('finds each nod once, at its time, with confidence growing with its size', () => {
    const nods = [
      { atS: 10, durationS: 1, peakG: 0.15 },
      { atS: 30, durationS: 0.6, peakG: 0.4 },
      { atS: 55.5, durationS: 1.5, peakG: 0.25 },
    ];
    const found = run(70, nods);
    expect(found.map((e) => e.kind)).toEqual(['motion', 'motion', 'motion']);
    found.forEach((e, i) => {
      const nod = nods[i] as Nod;
      expect(Math.abs(e.t - nod.atS)).toBeLessThan(0.15);
      expect(Math.abs(e.durationS - nod.durationS)).toBeLessThan(0.25);
      expect(e.peak).toBeGreaterThan(0.9 * nod.peakG);
      expect(e.peak).toBeLessThan(1.2 * nod.peakG);
    });
    const [small, big] = found as [ArtifactEvent, ArtifactEvent];
    expect(small.confidence).toBeGreaterThan(0.5);
    expect(small.confidence).toBeLessThan(big.confidence);
    expect(big.confidence).toBe(1);
    console.log(
      `motion: nods at ${nods.map((n) => n.atS).join(', ')} s found at ${found.map((e) => e.t.toFixed(2)).join(', ')} s`,
    );
  });

  it('stays quiet on a still head, however it slowly tilts, over ten minutes', () => {
    expect(run(600, [])).toEqual([]);
    expect(run(600, [], { tiltDegPerS: 1.5 })).toEqual([]);
  });

  it('skips missing samples and never reports a non-finite figure', () => {
    const found = run(40, [{ atS: 20, durationS: 1, peakG: 0.3 }], { nanEvery: 7 });
    expect(found).toHaveLength(1);
    const e = found[0] as ArtifactEvent;
    expect(Math.abs(e.t - 20)).toBeLessThan(0.15);
    for (const v of [e.t, e.durationS, e.confidence, e.peak]) expect(Number.isFinite(v)).toBe(true);
  });

  it('a hole in the samples ends an open movement at its last sample and re-learns gravity', () => {
    const d = new MotionDetector({ sampleRate: RATE });
    const found: ArtifactEvent[] = [];
    const still = (len: number, z: number) => [
      new Float32Array(len),
      new Float32Array(len),
      new Float32Array(len).fill(z),
    ];
    const [x0, y0, z0] = still(104, -1) as [Float32Array, Float32Array, Float32Array];
    d.push(x0, y0, z0, 104, 0, (e) => found.push(e));
    const [x1, y1, z1] = still(10, -0.7) as [Float32Array, Float32Array, Float32Array];
    d.push(x1, y1, z1, 10, 2, (e) => found.push(e));
    expect(d.moving).toBe(true);
    // Two seconds later the head is still, but tilted: that is the new gravity, not movement.
    const [x2, y2, z2] = still(520, -0.7) as [Float32Array, Float32Array, Float32Array];
    d.push(x2, y2, z2, 520, 4.2, (e) => found.push(e));
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'motion', t: 2 });
    expect((found[0] as ArtifactEvent).durationS).toBeCloseTo(10 / RATE, 6);
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => new MotionDetector({ sampleRate: 0 })).toThrow(
      /sampleRate must be a positive number of Hz, got 0/,
    );
    expect(() => new MotionDetector({ sampleRate: 52, thresholdG: -1 })).toThrow(
      /thresholdG must be positive/,
    );
    const d = new MotionDetector({ sampleRate: 52 });
    const a = new Float32Array(3);
    expect(() => d.push(a, a, a, 4, 0, () => undefined)).toThrow(/x, y and z need 4 samples each/);
    expect(() => d.push(a, a, a, 3, NaN, () => undefined)).toThrow(/t0 must be a finite time in s, got NaN/);
  });
});
