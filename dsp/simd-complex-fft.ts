/**
 * A complex FFT in WebAssembly with 128-bit SIMD (`fft` of dsp/wasm/kernels.wat), float64 throughout: radix-2
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
import { instantiateKernels, kernelsModule } from './wasm/kernels.ts';

interface ComplexFftExports {
  fft(n: number, input: number, output: number, twiddles: number, reverse: number): void;
  weigh(source: number, weights: number, destination: number, n: number, stats: number): void;
  energy(source: number, n: number): number;
  split_power(
    z: number,
    m: number,
    count: number,
    cs: number,
    minus: number,
    scale: number,
    out: number,
  ): void;
}

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
  /**
   * `heapLength` values for the caller to keep its signal in (the band-power engine keeps its rings here), which
   * {@link weigh} and {@link energyInto} read without a copy across.
   */
  readonly heap: Float64Array;
  /** The `windowLength` weights of {@link weigh}, written once by the caller. */
  readonly weights: Float64Array;
  private readonly stats: Float64Array;
  private readonly exports: ComplexFftExports;
  private readonly inputOffset: number;
  private readonly outputOffset: number;
  private readonly twiddleOffset: number;
  private readonly reverseOffset: number;
  private readonly heapOffset: number;
  private readonly weightsOffset: number;
  private readonly statsOffset: number;
  private readonly splitOffset: number;
  private readonly minusOffset: number;
  private readonly powerOffset: number;
  /**
   * For {@link splitPower}: the spectrum it subtracts (interleaved re/im, n + 1 bins), which the caller writes,
   * and where it writes the power (n + 1 bins).
   */
  readonly minus: Float64Array;
  readonly power: Float64Array;

  /**
   * A transform of `n` complex points (a power of two ≥ 4), or null where WebAssembly SIMD is unavailable.
   * `windowLength` (≤ 2n, default 0) sizes {@link weights}, `heapLength` (default 0) {@link heap}.
   */
  static create(n: number, windowLength = 0, heapLength = 0): SimdComplexFft | null {
    if (!Number.isInteger(n) || n < 4 || (n & (n - 1)) !== 0) {
      throw new RangeError(`the SIMD FFT needs a power of two ≥ 4 points, got ${n}`);
    }
    if (!Number.isInteger(windowLength) || windowLength < 0 || windowLength > 2 * n) {
      throw new RangeError(`windowLength must be an integer in [0, ${2 * n}], got ${windowLength}`);
    }
    if (!Number.isInteger(heapLength) || heapLength < 0) {
      throw new RangeError(`heapLength must be a non-negative integer, got ${heapLength}`);
    }
    const module = kernelsModule();
    return module === null ? null : new SimdComplexFft(module, n, windowLength, heapLength);
  }

  private constructor(module: WebAssembly.Module, n: number, windowLength: number, heapLength: number) {
    this.size = n;
    const align = (bytes: number) => Math.ceil(bytes / 16) * 16;
    // Layout: input (16n bytes) | output (16n + 16) | bit-reversal table (4n) | twiddles (32n) | weights (8w) |
    // stats (32) | heap (8·heapLength), each 16-byte aligned.
    this.inputOffset = 0;
    this.outputOffset = 16 * n;
    this.reverseOffset = this.outputOffset + 16 * n + 16;
    this.twiddleOffset = this.reverseOffset + align(4 * n);
    this.weightsOffset = this.twiddleOffset + 32 * n;
    this.statsOffset = this.weightsOffset + align(8 * windowLength);
    this.splitOffset = this.statsOffset + 32;
    this.minusOffset = this.splitOffset + 16 * (n + 1);
    this.powerOffset = this.minusOffset + 16 * (n + 1);
    this.heapOffset = this.powerOffset + align(8 * (n + 1));
    const bytes = this.heapOffset + 8 * heapLength;
    const { memory, exports } = instantiateKernels<ComplexFftExports>(module, bytes);
    this.exports = exports;
    this.input = new Float64Array(memory.buffer, this.inputOffset, 2 * n);
    this.output = new Float64Array(memory.buffer, this.outputOffset, 2 * n + 2);
    this.heap = new Float64Array(memory.buffer, this.heapOffset, heapLength);
    this.weights = new Float64Array(memory.buffer, this.weightsOffset, windowLength);
    this.stats = new Float64Array(memory.buffer, this.statsOffset, 4);
    this.minus = new Float64Array(memory.buffer, this.minusOffset, 2 * (n + 1));
    this.power = new Float64Array(memory.buffer, this.powerOffset, n + 1);
    // e^{−iπk/n} for the split of a 2n-sample real signal, as (cos, sin) pairs.
    const split = new Float64Array(memory.buffer, this.splitOffset, 2 * (n + 1));
    for (let k = 0; k <= n; k++) {
      split[2 * k] = Math.cos((2 * Math.PI * k) / (2 * n));
      split[2 * k + 1] = Math.sin((2 * Math.PI * k) / (2 * n));
    }

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
    this.exports.fft(this.size, this.inputOffset, this.outputOffset, this.twiddleOffset, this.reverseOffset);
  }

  /**
   * input[i] ← heap[from + i] · weights[i] for i < count (count ≤ windowLength; the input beyond is untouched),
   * and those heap values' statistics, read with {@link statsInto}.
   * Even and odd samples are summed apart and then added, bit for bit as the engine's JavaScript pass does.
   */
  weigh(from: number, count: number): void {
    this.checkSpan(from, count, this.weights.length);
    this.exports.weigh(
      this.heapOffset + 8 * from,
      this.weightsOffset,
      this.inputOffset,
      count,
      this.statsOffset,
    );
  }

  /**
   * Read as the transform of a real signal of 2n samples packed in pairs (x[2j] + i·x[2j+1]), after
   * {@link transform}: power[k] ← |X[k] − scale·minus[k]|² for bins k < count (≤ n + 1), by the split
   * RealFft.powerSpectrumPrefixInto describes, with the same arithmetic in the same order.
   */
  splitPower(count: number, scale: number): void {
    if (!(Number.isInteger(count) && count >= 0 && count <= this.size + 1)) {
      throw new RangeError(`splitPower: ${count} bins, at most ${this.size + 1}`);
    }
    this.exports.split_power(
      this.outputOffset,
      this.size,
      count,
      this.splitOffset,
      this.minusOffset,
      scale,
      this.powerOffset,
    );
  }

  /**
   * Σ heap[from + i]² for i < count (even and odd samples summed apart as in {@link weigh}) into `out[slot]`.
   * Stored, not returned: the engine reads it for every channel of every update, and a double returned from a
   * call V8 does not inline is boxed on the heap.
   */
  energyInto(from: number, count: number, out: Float64Array, slot: number): void {
    this.checkSpan(from, count, Infinity);
    out[slot] = this.exports.energy(this.heapOffset + 8 * from, count);
  }

  /** Σ, Σ², min and max of the last {@link weigh}'s values into `out[0…3]` (stored for the same reason). */
  statsInto(out: Float64Array): void {
    const stats = this.stats;
    out[0] = stats[0] as number;
    out[1] = stats[1] as number;
    out[2] = stats[2] as number;
    out[3] = stats[3] as number;
  }

  // The module reads memory unchecked: a span past the heap would read (or weigh would write) other regions.
  private checkSpan(from: number, count: number, most: number): void {
    if (!(from >= 0 && count >= 0 && count <= most && from + count <= this.heap.length)) {
      throw new RangeError(
        `heap span [${from}, ${from + count}) outside [0, ${this.heap.length}) or over ${most}`,
      );
    }
  }
}
