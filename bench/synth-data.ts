/**
 * Synthesized test signals shared by the benchmarks: seeded, so every run measures the same input.
 */
import { EegSynthesizer } from '../hardware-mocks/synth/synthesizer.ts';

/** `seconds` of the built-in 'demo' session, 4 Muse channels at 256 Hz, µV, one Float32Array per channel. */
export function synthChannels(seconds: number, seed = 1): Float32Array[] {
  const synth = new EegSynthesizer({ seed, timeline: 'demo', mainsHz: 50 });
  const n = Math.round(seconds * synth.sampleRate);
  const out = synth.channels.map(() => new Float32Array(n));
  const block = synth.channels.map(() => new Float32Array(256));
  for (let at = 0; at < n; at += 256) {
    const k = Math.min(256, n - at);
    synth.next(block, k);
    for (let c = 0; c < out.length; c++)
      (out[c] as Float32Array).set((block[c] as Float32Array).subarray(0, k), at);
  }
  return out;
}

/** Prints one benchmark figure as a JSON line on stdout. */
export function report(figure: Record<string, unknown>): void {
  process.stdout.write(JSON.stringify(figure) + '\n');
}

/** The p-th percentile (0…100) of `values`, nearest rank. */
export function percentile(values: Float64Array, p: number): number {
  const sorted = Float64Array.from(values).sort();
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] as number;
}
