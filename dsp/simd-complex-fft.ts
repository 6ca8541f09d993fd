/**
 * A complex FFT in WebAssembly with 128-bit SIMD (dsp/wasm/complex-fft.wat), float64 throughout: radix-2
 * decimation in time with the first two stages fused into a radix-4 pass that also does the bit-reversal, one
 * complex value per f64x2 vector. It exists because it is faster than fft.js where the engine spends most of its
 * time: a 128-point transform (the half-length complex FFT behind a 256-sample real one) takes ≈ 0.5–0.8 µs
 * here against fft.js's 1.8–3 µs (bench/README.md). Its results match fft.js's to rounding
 * (tests/unit/dsp/simd-complex-fft.test.ts), and WebAssembly arithmetic is IEEE-exact with no fused
 * multiply-add, so they are the same on every engine.
 *
 * The caller writes its input into {@link SimdComplexFft.input} and reads the result from
 * {@link SimdComplexFft.output}: both are views on the module's memory, so nothing is copied across.
 * Where WebAssembly or its SIMD is missing (old browsers), {@link SimdComplexFft.create} returns null and callers
 * keep fft.js.
 */
import { COMPLEX_FFT_WASM_BASE64 } from './wasm/complex-fft-bytes.ts';

interface ComplexFftExports {
  fft(n: number, input: number, output: number, twiddles: number, reverse: number): void;
}

let compiled: WebAssembly.Module | null | undefined;

/** The compiled module, or null where this runtime cannot run it; compiled once, on first use. */
function complexFftModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly !== 'object') return compiled;
  const bytes = Uint8Array.from(atob(COMPLEX_FFT_WASM_BASE64), (ch) => ch.charCodeAt(0));
  // validate() is false where SIMD is unsupported; the module is under 4 KB, which browsers compile synchronously.
  if (WebAssembly.validate(bytes)) compiled = new WebAssembly.Module(bytes);
  return compiled;
}

const PAGE = 65536;

export class SimdComplexFft {
  /** Number of complex points. */
  readonly size: number;
  /** n complex inputs, interleaved [re0, im0, re1, …]; what the caller writes. */
  readonly input: Float64Array;
  /**
   * The transform, interleaved, 2n values, followed by 2 spare values the caller may use (e.g. to extend the
   * spectrum periodically); valid after {@link transform} until the next one.
   */
  readonly output: Float64Array;
  private readonly run: ComplexFftExports['fft'];
  private readonly inputOffset: number;
  private readonly outputOffset: number;
  private readonly twiddleOffset: number;
  private readonly reverseOffset: number;

  /** A transform of `n` complex points (a power of two ≥ 4), or null where WebAssembly SIMD is unavailable. */
  static create(n: number): SimdComplexFft | null {
    if (!Number.isInteger(n) || n < 4 || (n & (n - 1)) !== 0) {
      throw new RangeError(`the SIMD FFT needs a power of two ≥ 4 points, got ${n}`);
    }
    const module = complexFftModule();
    return module === null ? null : new SimdComplexFft(module, n);
  }

  private constructor(module: WebAssembly.Module, n: number) {
    this.size = n;
    // Layout: input (16n bytes) | output (16n + 16) | bit-reversal table (4n, padded to 16) | twiddles (32n).
    this.inputOffset = 0;
    this.outputOffset = 16 * n;
    this.reverseOffset = this.outputOffset + 16 * n + 16;
    this.twiddleOffset = this.reverseOffset + Math.ceil((4 * n) / 16) * 16;
    const bytes = this.twiddleOffset + 32 * n;
    const memory = new WebAssembly.Memory({ initial: Math.ceil(bytes / PAGE) });
    const instance = new WebAssembly.Instance(module, { env: { memory } });
    this.run = (instance.exports as unknown as ComplexFftExports).fft;
    this.input = new Float64Array(memory.buffer, this.inputOffset, 2 * n);
    this.output = new Float64Array(memory.buffer, this.outputOffset, 2 * n + 2);

    const bits = Math.log2(n);
    const reverse = new Int32Array(memory.buffer, this.reverseOffset, n);
    for (let k = 0; k < n; k++) {
      let r = 0;
      for (let b = 0; b < bits; b++) if (k & (1 << b)) r |= 1 << (bits - 1 - b);
      reverse[k] = 16 * r;
    }
    const twiddles = new Float64Array(memory.buffer, this.twiddleOffset, 4 * n);
    let t = 0;
    for (let half = 4; half < n; half *= 2) {
      for (let j = 0; j < half; j++) {
        const re = Math.cos((Math.PI * j) / half);
        const im = -Math.sin((Math.PI * j) / half);
        twiddles[t++] = re;
        twiddles[t++] = re;
        twiddles[t++] = -im;
        twiddles[t++] = im;
      }
    }
  }

  /** output ← DFT(input): X[k] = Σ_j x[j] e^{−2πi jk/n}, unscaled (fft.js's `transform`). */
  transform(): void {
    this.run(this.size, this.inputOffset, this.outputOffset, this.twiddleOffset, this.reverseOffset);
  }
}
