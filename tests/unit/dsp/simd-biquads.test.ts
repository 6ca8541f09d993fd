import { describe, expect, it } from 'vitest';
import { BiquadCascade, type Sos } from '../../../dsp/biquad.ts';
import { designEegFilters } from '../../../dsp/filter-design.ts';
import { SIMD_LANES, SimdBiquads4 } from '../../../dsp/simd-biquads.ts';

const FS = 256;

function bank(stages: readonly Sos[], block: number): SimdBiquads4 {
  const b = SimdBiquads4.create(stages, block);
  // Node 20 runs WebAssembly SIMD: null here would mean the module is broken.
  if (b === null) throw new Error('WebAssembly SIMD is unavailable');
  return b;
}

/** Channel c's test signal: electrode offset, a rhythm, hum and a slow drift. */
const signal = (c: number, i: number) =>
  700 * (c + 1) + 30 * Math.sin(i * (0.2 + 0.05 * c)) + 8 * Math.sin((2 * Math.PI * 50 * i) / FS) + i * 0.01;

describe('SimdBiquads4', () => {
  it.each([
    ['high-pass, 50 Hz notch, low-pass', { mainsHz: 50 as const, bandpass: [1, 45] as const }],
    ['no notch (the notch stage passes its input on)', { mainsHz: null, bandpass: [1, 45] as const }],
    ['no band-pass (only the notch filters)', { mainsHz: 60 as const, bandpass: null }],
    ['notch with harmonics', { mainsHz: 50 as const, bandpass: [1, 45] as const, mainsHarmonics: true }],
  ])('%s: each channel bit for bit as its own cascades, block after block', (_label, options) => {
    const design = designEegFilters({ sampleRate: FS, ...options });
    const stages = [design.highpass, design.notch, design.lowpass];
    const b = bank(stages, 64);
    const cascades = Array.from({ length: SIMD_LANES }, () => stages.map((sos) => new BiquadCascade(sos)));
    // Primed as the engine primes them, then handed to the bank.
    cascades.forEach((chain, lane) => {
      let x = signal(lane, 0);
      for (const cascade of chain) x = cascade.primeSteadyState(x);
      chain.forEach((cascade, stage) => b.loadState(stage, lane, cascade));
    });
    let at = 0;
    for (const n of [64, 1, 17, 64, 0, 40]) {
      for (let i = 0; i < n; i++) {
        for (let lane = 0; lane < SIMD_LANES; lane++) b.input[i * SIMD_LANES + lane] = signal(lane, at + i);
      }
      b.run(n);
      for (let lane = 0; lane < SIMD_LANES; lane++) {
        let x = Float64Array.from({ length: n }, (_, i) => signal(lane, at + i));
        (cascades[lane] as BiquadCascade[]).forEach((cascade, stage) => {
          const y = new Float64Array(n);
          cascade.process(x, y, n);
          const out = b.outputs[stage] as Float64Array;
          for (let i = 0; i < n; i++) expect(out[i * SIMD_LANES + lane]).toBe(y[i]);
          x = y;
        });
      }
      at += n;
    }
    // The state it ends with is the cascades' state, exactly.
    cascades.forEach((chain, lane) =>
      chain.forEach((cascade, stage) => {
        const copy = new BiquadCascade(stages[stage] as Sos);
        b.storeState(stage, lane, copy);
        expect(Array.from(copy.state)).toEqual(Array.from(cascade.state));
      }),
    );
  });

  it('flushes a state below 1e-200 to zero at the end of a run, as BiquadCascade does', () => {
    const design = designEegFilters({ sampleRate: FS, mainsHz: 50, bandpass: [1, 45] });
    const b = bank([design.highpass], 8);
    const cascade = new BiquadCascade(design.highpass);
    cascade.state.set([1e-250, -1e-250, 3e-201, 1e-199]);
    b.loadState(0, 2, cascade);
    b.input.fill(0);
    b.run(1);
    cascade.process(new Float64Array(1), new Float64Array(1), 1);
    const out = new BiquadCascade(design.highpass);
    b.storeState(0, 2, out);
    expect(Array.from(out.state)).toEqual(Array.from(cascade.state));
    expect(out.state.some((z) => z === 0)).toBe(true);
  });

  it('refuses runs longer than its block', () => {
    const b = bank([designEegFilters({ sampleRate: FS, mainsHz: 50, bandpass: [1, 45] }).highpass], 8);
    expect(() => b.run(9)).toThrow(RangeError);
    expect(() => SimdBiquads4.create([], 0)).toThrow(RangeError);
  });
});
