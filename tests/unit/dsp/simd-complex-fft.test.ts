import fc from 'fast-check';
import FFT from 'fft.js';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { SimdComplexFft } from '../../../dsp/simd-complex-fft.ts';
import { simdKernelsStatus } from '../../../dsp/wasm/kernels.ts';
import { RealFft } from '../../../dsp/real-fft.ts';
import { KERNELS_WASM_BASE64 } from '../../../dsp/wasm/kernels-bytes.ts';
// @ts-expect-error: a plain .mjs build helper without type declarations
import { assembleKernels, BYTES_PATH, renderBytesModule } from '../../../tools/wasm/assemble-lib.mjs';

const ROOT = fileURLToPath(new URL('../../..', import.meta.url));

function simd(n: number): SimdComplexFft {
  const fft = SimdComplexFft.create(n);
  // Node 20's V8 runs WebAssembly SIMD: null here would mean the module itself is broken.
  if (fft === null) throw new Error('WebAssembly SIMD is unavailable');
  return fft;
}

/** Largest |a − b| over the largest |b|. */
function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, length: number): number {
  let err = 0;
  let scale = 0;
  for (let i = 0; i < length; i++) {
    err = Math.max(err, Math.abs((a[i] as number) - (b[i] as number)));
    scale = Math.max(scale, Math.abs(b[i] as number));
  }
  return scale === 0 ? err : err / scale;
}

describe('SimdComplexFft', () => {
  it('is built from the committed .wat (run node tools/wasm/assemble.mjs after editing it)', async () => {
    const bytes: Uint8Array = await assembleKernels(ROOT);
    expect(Buffer.from(KERNELS_WASM_BASE64, 'base64').equals(Buffer.from(bytes))).toBe(true);
    expect(readFileSync(`${ROOT}/${BYTES_PATH}`, 'utf8')).toBe(renderBytesModule(bytes));
  });

  it.each([4, 8, 16, 32, 64, 128, 256, 1024, 4096])('%i points equal fft.js to rounding', (n) => {
    const fft = simd(n);
    const x = Float64Array.from({ length: 2 * n }, (_, i) => 50 * Math.sin(i * 0.37) + ((i * 7) % 11) - 5);
    fft.input.set(x);
    fft.transform();
    const expected = new Float64Array(2 * n);
    new FFT(n).transform(expected, x);
    expect(relativeError(fft.output, expected, 2 * n)).toBeLessThan(1e-14);
    // The input is left as it was.
    expect(fft.input).toEqual(x);
  });

  it('transforms an impulse to ones and a complex tone to one bin', () => {
    const n = 64;
    const fft = simd(n);
    fft.input.fill(0);
    fft.input[2 * 5] = 1; // δ[j − 5] → e^{−2πi·5k/n}
    fft.transform();
    for (let k = 0; k < n; k++) {
      expect(fft.output[2 * k]).toBeCloseTo(Math.cos((2 * Math.PI * 5 * k) / n), 14);
      expect(fft.output[2 * k + 1]).toBeCloseTo(-Math.sin((2 * Math.PI * 5 * k) / n), 14);
    }
    for (let j = 0; j < n; j++) {
      fft.input[2 * j] = Math.cos((2 * Math.PI * 9 * j) / n);
      fft.input[2 * j + 1] = Math.sin((2 * Math.PI * 9 * j) / n);
    }
    fft.transform();
    for (let k = 0; k < n; k++) {
      expect(fft.output[2 * k]).toBeCloseTo(k === 9 ? n : 0, 12);
      expect(fft.output[2 * k + 1]).toBeCloseTo(0, 12);
    }
  });

  it('equals fft.js on arbitrary inputs and sizes', () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 2, max: 10 })
          .chain((bits) =>
            fc.float64Array({ minLength: 2 << bits, maxLength: 2 << bits, min: -1e6, max: 1e6, noNaN: true }),
          ),
        (x) => {
          const n = x.length / 2;
          const fft = simd(n);
          fft.input.set(x);
          fft.transform();
          const expected = new Float64Array(2 * n);
          new FFT(n).transform(expected, x);
          return relativeError(fft.output, expected, 2 * n) < 1e-13;
        },
      ),
      { numRuns: 200 },
    );
  });

  it.each([256, 255, 2, 1, 0])(
    'weigh and energy over %i samples of the heap: products, sums in even/odd order, extremes',
    (count) => {
      const fft = SimdComplexFft.create(128, 256, 1000) as SimdComplexFft;
      const from = 37;
      const x = Float64Array.from({ length: 256 }, (_, i) => 40 * Math.sin(i * 0.7) + ((i * 3) % 7) - 800);
      fft.heap.fill(5e5);
      fft.heap.set(x, from);
      fft.weights.set(Float64Array.from({ length: 256 }, (_, i) => 0.5 + i / 512));
      fft.input.fill(-1);
      fft.weigh(from, count);
      // The engine's JavaScript pass: even samples into one accumulator, odd into another, added at the end.
      const sums = new Float64Array(2);
      const squares = new Float64Array(2);
      for (let i = 0; i < count; i++) {
        sums[i & 1] = (sums[i & 1] as number) + (x[i] as number);
        squares[i & 1] = (squares[i & 1] as number) + (x[i] as number) ** 2;
        expect(fft.input[i]).toBe((x[i] as number) * (0.5 + i / 512));
      }
      if (count < 256) expect(fft.input[count]).toBe(-1);
      const stats = new Float64Array(5).fill(NaN);
      fft.statsInto(stats);
      fft.energyInto(from, count, stats, 4);
      expect(stats[0]).toBe((sums[0] as number) + (sums[1] as number));
      expect(stats[1]).toBe((squares[0] as number) + (squares[1] as number));
      expect(stats[4]).toBe((squares[0] as number) + (squares[1] as number));
      expect(stats[2]).toBe(count === 0 ? Infinity : Math.min(...x.subarray(0, count)));
      expect(stats[3]).toBe(count === 0 ? -Infinity : Math.max(...x.subarray(0, count)));
      // Spans the module would read past the heap, or weigh past the window, are refused.
      expect(() => fft.weigh(0, 257)).toThrow(RangeError);
      expect(() => fft.weigh(900, 101)).toThrow(RangeError);
      expect(() => fft.energyInto(-1, 2, stats, 4)).toThrow(RangeError);
      expect(() => fft.energyInto(999, 2, stats, 4)).toThrow(RangeError);
    },
  );

  it('refuses sizes it cannot transform', () => {
    for (const n of [0, 1, 2, 3, 6, 100, 4.5]) expect(() => SimdComplexFft.create(n)).toThrow(RangeError);
  });
});

describe('RealFft with and without the SIMD transform', () => {
  it.each([8, 64, 256, 512, 2048])(
    'length %i: the prefix power spectra agree, from inputBuffer or any array',
    (n) => {
      const fast = new RealFft(n);
      const plain = new RealFft(n, { simd: false });
      const x = Float64Array.from({ length: n }, (_, i) => 30 * Math.cos(i * 0.21) + ((i * 5) % 9) - 4);
      const minus = new Float64Array(2 * fast.bins);
      new RealFft(n, { simd: false }).transformInto(
        Float64Array.from({ length: n }, (_, i) => 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / n)),
        minus,
      );
      const a = new Float64Array(fast.bins);
      const b = new Float64Array(fast.bins);
      const c = new Float64Array(fast.bins);
      fast.powerSpectrumPrefixInto(x, a, fast.bins, minus, 0.3);
      fast.inputBuffer.set(x);
      fast.powerSpectrumPrefixInto(fast.inputBuffer, b, fast.bins, minus, 0.3);
      plain.powerSpectrumPrefixInto(x, c, fast.bins, minus, 0.3);
      expect(b).toEqual(a);
      expect(relativeError(a, c, fast.bins)).toBeLessThan(1e-13);
      // The SIMD path reads the caller's buffer without writing it.
      expect(fast.inputBuffer).toEqual(x);
      // Without `minus` after a call with one (here not even finite), nothing is subtracted.
      const nan = new Float64Array(2 * fast.bins).fill(NaN);
      fast.powerSpectrumPrefixInto(x, a, fast.bins, nan, 0.3);
      expect(a.every((p) => Number.isNaN(p))).toBe(true);
      fast.powerSpectrumPrefixInto(x, a, fast.bins);
      plain.powerSpectrumPrefixInto(x, c, fast.bins);
      expect(relativeError(a, c, fast.bins)).toBeLessThan(1e-13);
    },
  );
});

const { CompileError } = WebAssembly;

describe('without WebAssembly SIMD', () => {
  it('this runtime (Node 20) has it', () => {
    expect(simdKernelsStatus()).toEqual({ simd: true, reason: '' });
  });

  it.each([
    ['no WebAssembly at all', undefined, 'this runtime has no WebAssembly'],
    ['no SIMD', { ...WebAssembly, validate: () => false }, 'this runtime has no WebAssembly SIMD'],
    [
      'compiling refused (a Content-Security-Policy without wasm-unsafe-eval)',
      {
        ...WebAssembly,
        Module: function refused() {
          throw new CompileError('Refused to compile or instantiate WebAssembly module');
        },
      },
      'WebAssembly refused: Refused to compile or instantiate WebAssembly module',
    ],
  ])('%s: fft.js and JavaScript take over, with the same band powers', async (_label, stub, reason) => {
    vi.resetModules();
    vi.stubGlobal('WebAssembly', stub);
    try {
      const simdModule = await import('../../../dsp/simd-complex-fft.ts');
      const { BandPowerEngine } = await import('../../../dsp/band-power-engine.ts');
      expect(simdModule.SimdComplexFft.create(128)).toBeNull();
      expect((await import('../../../dsp/wasm/kernels.ts')).simdKernelsStatus()).toEqual({
        simd: false,
        reason,
      });
      const x = Float32Array.from({ length: 2048 }, (_, i) => 20 * Math.sin(i * 0.25) + 700 + (i % 5));
      const out: number[] = [];
      const engine = new BandPowerEngine({ sampleRate: 256, channels: 1 });
      expect(engine['plan'].fft.simd).toBeNull();
      engine.push([x], x.length, (u) => out.push(...u.absolute));
      vi.unstubAllGlobals();
      const expected: number[] = [];
      const reference = new (await import('../../../dsp/band-power-engine.ts')).BandPowerEngine({
        sampleRate: 256,
        channels: 1,
        simd: false,
      });
      reference.push([x], x.length, (u) => expected.push(...u.absolute));
      expect(out).toEqual(expected);
      expect(out.some((v) => v !== 0)).toBe(true);
    } finally {
      vi.unstubAllGlobals();
      vi.resetModules();
    }
  });
});
