/**
 * Sample tables the soundscape loops: pink noise, a soft crackle and a dropout envelope. Seeded, so an offline
 * render is the same every time; filled once when the soundscape is built, never while it plays.
 */
import { mulberry32 } from '../../dsp/seeded-random.ts';

/** mulberry32: a small, fast, seeded PRNG giving floats in [0, 1). */
export const seededRandom = mulberry32;

/** Pink noise at `rms` (Paul Kellet's economy filter), held within ±1, its loop seam crossfaded. */
export function fillPinkNoise<T extends Float32Array>(out: T, seed: number, rms = 0.25): T {
  const rand = seededRandom(seed);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let i = 0; i < out.length; i++) {
    const white = rand() * 2 - 1;
    b0 = 0.99765 * b0 + white * 0.099046;
    b1 = 0.963 * b1 + white * 0.2965164;
    b2 = 0.57 * b2 + white * 1.0526913;
    out[i] = b0 + b1 + b2 + white * 0.1848;
  }
  // A looped table must not click at its seam: blend its end into its start.
  const fade = Math.min(2048, Math.floor(out.length / 4));
  for (let i = 0; i < fade; i++) {
    const w = i / fade;
    const end = out.length - fade + i;
    out[end] = (out[end] ?? 0) * (1 - w) + (out[i] ?? 0) * w;
  }
  let sum = 0;
  let mean = 0;
  for (const v of out) mean += v;
  mean /= Math.max(1, out.length);
  for (let i = 0; i < out.length; i++) {
    const v = (out[i] ?? 0) - mean;
    out[i] = v;
    sum += v * v;
  }
  const gain = sum > 0 ? rms / Math.sqrt(sum / out.length) : 0;
  for (let i = 0; i < out.length; i++) out[i] = Math.max(-1, Math.min(1, (out[i] ?? 0) * gain));
  return out;
}

/**
 * A soft crackle: sparse grains of decaying noise, each eased in over a millisecond so no edge clicks, at
 * most `peak` high, about `perSecond` of them a second.
 */
export function fillCrackle<T extends Float32Array>(
  out: T,
  sampleRate: number,
  seed: number,
  perSecond = 6,
  peak = 0.5,
): T {
  out.fill(0);
  const rand = seededRandom(seed);
  const grains = Math.round((out.length / sampleRate) * perSecond);
  const attack = Math.max(1, Math.round(0.001 * sampleRate));
  for (let g = 0; g < grains; g++) {
    const start = Math.floor(rand() * out.length);
    const length = Math.round((0.003 + rand() * 0.01) * sampleRate);
    const amp = peak * (0.2 + 0.8 * rand());
    for (let j = 0; j < length; j++) {
      const i = (start + j) % out.length;
      const env = Math.min(1, j / attack) * Math.exp((-5 * j) / length);
      const v = (out[i] ?? 0) + amp * env * (rand() * 2 - 1);
      out[i] = Math.max(-peak, Math.min(peak, v));
    }
  }
  return out;
}

/**
 * The dropout envelope: 0 most of the time, easing to 1 for a few short moments (raised-cosine edges of
 * `edgeS`), so the glitch dips the sound without a hard cut.
 */
export function fillDropouts<T extends Float32Array>(
  out: T,
  sampleRate: number,
  seed: number,
  count = 3,
  edgeS = 0.03,
): T {
  out.fill(0);
  const rand = seededRandom(seed);
  const edge = Math.max(1, Math.round(edgeS * sampleRate));
  const slot = Math.floor(out.length / Math.max(1, count));
  for (let d = 0; d < count; d++) {
    const hold = Math.round((0.08 + rand() * 0.2) * sampleRate);
    const total = hold + 2 * edge;
    const start = d * slot + Math.floor(rand() * Math.max(1, slot - total));
    for (let j = 0; j < total && start + j < out.length; j++) {
      const up = j < edge ? j / edge : j >= edge + hold ? (total - j) / edge : 1;
      out[start + j] = 0.5 - 0.5 * Math.cos(Math.PI * Math.min(1, up));
    }
  }
  return out;
}
