/**
 * Discrete Fourier transform of real signals, on fft.js. Power-of-two lengths use fft.js's radix-4
 * realTransform; other lengths use Bluestein's chirp-z algorithm (a power-of-two complex convolution, also on
 * fft.js), so any segment length scipy accepts (e.g. 250 samples at 250 Hz) gives the same bins. The
 * band-power engine's path, {@link RealFft.powerSpectrumPrefixInto}, runs its half-length complex transform in
 * WebAssembly SIMD (simd-complex-fft.ts) where the runtime has it, ≈ 3× faster than fft.js's.
 */
import FFT from 'fft.js';
import { SimdComplexFft } from './simd-complex-fft.ts';

export interface RealFftOptions {
  /**
   * Let {@link RealFft.powerSpectrumPrefixInto} use the WebAssembly SIMD transform (simd-complex-fft.ts) where
   * the runtime has it; default true. False keeps fft.js everywhere (tests compare the two).
   */
  readonly simd?: boolean;
  /** Samples of the SIMD transform's window ({@link SimdComplexFft.weigh}), ≤ n; default 0. */
  readonly window?: number;
  /** Values of the SIMD transform's {@link SimdComplexFft.heap}; default 0. */
  readonly heap?: number;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 2 && (n & (n - 1)) === 0;
}

/**
 * A reusable real DFT of fixed length n: X[k] = Σ_j x[j] e^{−2πi jk/n} (no scaling, numpy.fft.rfft's
 * convention), for bins k = 0…⌊n/2⌋. Buffers are preallocated; transforms allocate nothing.
 */
export class RealFft {
  readonly size: number;
  /** Number of one-sided bins, ⌊n/2⌋ + 1. */
  readonly bins: number;
  private readonly mode: 'direct' | 'radix4' | 'bluestein';
  private readonly fft: FFT | null;
  private readonly complexOut: Float64Array;
  private readonly spectrum: Float64Array;
  // 'bluestein' only: the chirp e^{−iπk²/n} for k = 0…n−1, the transformed kernel, scratch.
  private readonly twiddleRe: Float64Array;
  private readonly twiddleIm: Float64Array;
  private readonly kernelSpectrum: Float64Array;
  private readonly work: Float64Array;
  // Power-of-two n ≥ 4 only, for powerSpectrumPrefixInto: a complex FFT of n/2 points and the twiddles
  // e^{−2πik/n}, k = 0…n/2, that split its output into the real signal's spectrum.
  private readonly half: FFT | null = null;
  private readonly halfOut: Float64Array = new Float64Array(0);
  private readonly splitCos: Float64Array = new Float64Array(0);
  private readonly splitSin: Float64Array = new Float64Array(0);
  /**
   * @internal The half-length transform in WebAssembly, where available (n ≥ 8, a power of two); its `input` is
   * {@link inputBuffer}.
   */
  readonly simd: SimdComplexFft | null = null;
  /**
   * A buffer of `size` values for the caller to fill and pass back as `input`: with the SIMD transform it is the
   * transform's own input, so nothing is copied. Other methods accept it as any input.
   */
  readonly inputBuffer: Float64Array;

  constructor(n: number, options: RealFftOptions = {}) {
    if (!Number.isInteger(n) || n < 1)
      throw new RangeError(`DFT length must be a positive integer, got ${n}`);
    this.size = n;
    this.bins = Math.floor(n / 2) + 1;
    this.spectrum = new Float64Array(2 * this.bins);
    const empty = new Float64Array(0);
    if (n <= 2) {
      this.mode = 'direct';
      this.fft = null;
      this.complexOut = this.twiddleRe = this.twiddleIm = this.kernelSpectrum = this.work = empty;
    } else if (isPowerOfTwo(n)) {
      this.mode = 'radix4';
      this.fft = new FFT(n);
      this.complexOut = new Float64Array(2 * n);
      this.twiddleRe = this.twiddleIm = this.kernelSpectrum = this.work = empty;
      if (n >= 4) {
        const m = n / 2;
        this.half = new FFT(m);
        this.halfOut = new Float64Array(2 * m + 2);
        this.splitCos = new Float64Array(m + 1);
        this.splitSin = new Float64Array(m + 1);
        for (let k = 0; k <= m; k++) {
          this.splitCos[k] = Math.cos((2 * Math.PI * k) / n);
          this.splitSin[k] = Math.sin((2 * Math.PI * k) / n);
        }
        if (m >= 4 && options.simd !== false)
          this.simd = SimdComplexFft.create(m, options.window ?? 0, options.heap ?? 0);
      }
    } else {
      this.mode = 'bluestein';
      let m = 2;
      while (m < 2 * n - 1) m *= 2;
      this.fft = new FFT(m);
      this.complexOut = new Float64Array(2 * m);
      this.work = new Float64Array(2 * m);
      this.twiddleRe = new Float64Array(n);
      this.twiddleIm = new Float64Array(n);
      // k² is reduced mod 2n first so the angle stays accurate for long transforms.
      for (let k = 0; k < n; k++) {
        const angle = (Math.PI * ((k * k) % (2 * n))) / n;
        this.twiddleRe[k] = Math.cos(angle);
        this.twiddleIm[k] = -Math.sin(angle);
      }
      // Convolution kernel conj(chirp) at lags k and −k (index m − k), transformed once.
      const kernel = new Float64Array(2 * m);
      for (let k = 0; k < n; k++) {
        const re = this.twiddleRe[k] as number;
        const im = -(this.twiddleIm[k] as number);
        kernel[2 * k] = re;
        kernel[2 * k + 1] = im;
        if (k > 0) {
          kernel[2 * (m - k)] = re;
          kernel[2 * (m - k) + 1] = im;
        }
      }
      this.kernelSpectrum = new Float64Array(2 * m);
      this.fft.transform(this.kernelSpectrum, kernel);
    }
    this.inputBuffer = this.simd?.input ?? new Float64Array(n);
  }

  /**
   * Writes bins 0…⌊n/2⌋ of the DFT of `input[0…n)` into `out` interleaved [re0, im0, re1, im1, …]
   * (length ≥ 2·bins), in the input's units.
   */
  transformInto(input: Float64Array, out: Float64Array): void {
    this.checkInput(input);
    if (out.length < 2 * this.bins) throw new RangeError(`output needs ${2 * this.bins} values`);
    const spectrum = this.compute(input);
    for (let i = 0; i < 2 * this.bins; i++) out[i] = spectrum[i] as number;
  }

  /** Writes |X[k]|² for k = 0…⌊n/2⌋ into `out` (length ≥ bins), in squared input units. */
  powerSpectrumInto(input: Float64Array, out: Float64Array): void {
    this.checkInput(input);
    if (out.length < this.bins) throw new RangeError(`output needs ${this.bins} values`);
    const spectrum = this.compute(input);
    for (let k = 0; k < this.bins; k++) {
      const re = spectrum[2 * k] as number;
      const im = spectrum[2 * k + 1] as number;
      out[k] = re * re + im * im;
    }
  }

  /**
   * Writes |X[k]|² for k = 0…count−1 only (count ≤ bins) into `out`, in squared input units: what a caller that
   * needs the low bins (EEG bands end at 44 Hz of a 128 Hz Nyquist) uses. For power-of-two lengths the n real
   * samples are read as n/2 complex ones z[j] = x[2j] + i·x[2j+1], transformed with a half-length complex FFT
   * (WebAssembly SIMD, else fft.js), and split into the even and odd halves' spectra only for the bins asked for:
   * X[k] = E[k] + e^{−2πik/n}·O[k], E[k] = (Z[k] + Z*[n/2−k]) / 2, O[k] = (Z[k] − Z*[n/2−k]) / 2i.
   * That costs about half a full real transform. Reference: Press et al., Numerical Recipes, 3rd ed., §12.3.2
   * ("FFT of a single real function"). Other lengths compute every bin and copy the first `count`.
   * With `minus` (interleaved re/im, ≥ 2·count values) and `scale`, writes |X[k] − scale·minus[k]|² instead: by
   * linearity, the spectrum of `input − scale·v` when `minus` is the DFT of v (the periodogram removes a
   * segment's mean this way without a second pass over it).
   */
  powerSpectrumPrefixInto(
    input: Float64Array,
    out: Float64Array,
    count: number,
    minus?: Float64Array,
    scale = 0,
  ): void {
    this.checkInput(input);
    if (!Number.isInteger(count) || count < 0 || count > this.bins) {
      throw new RangeError(`count must be an integer in [0, ${this.bins}], got ${count}`);
    }
    if (out.length < count) throw new RangeError(`output needs ${count} values`);
    if (minus !== undefined && minus.length < 2 * count)
      throw new RangeError(`minus needs ${2 * count} values`);
    const sub = minus ?? this.zeros(count);
    const half = this.half;
    if (half === null) {
      const spectrum = this.compute(input);
      for (let k = 0; k < count; k++) {
        const re = (spectrum[2 * k] as number) - scale * (sub[2 * k] as number);
        const im = (spectrum[2 * k + 1] as number) - scale * (sub[2 * k + 1] as number);
        out[k] = re * re + im * im;
      }
      return;
    }
    const m = this.size / 2;
    const simd = this.simd;
    if (simd !== null) {
      // Input, the subtracted spectrum and the output are copied only when the caller's arrays are not already
      // the transform's own (PeriodogramPlan's are).
      const into = simd.input;
      if (input !== into) for (let i = 0; i < 2 * m; i++) into[i] = input[i] as number;
      if (minus === undefined) {
        // Subtracting 0 × whatever the region holds is not a no-op if that is not finite: clear it.
        if (this.simdMinusUsed) simd.minus.fill(0);
        this.simdMinusUsed = false;
      } else {
        if (minus !== simd.minus) {
          const to = simd.minus;
          for (let i = 0; i < 2 * count; i++) to[i] = minus[i] as number;
        }
        this.simdMinusUsed = true;
      }
      simd.transform();
      simd.splitPower(count, minus === undefined ? 0 : scale);
      if (out !== simd.power) {
        const power = simd.power;
        for (let k = 0; k < count; k++) out[k] = power[k] as number;
      }
      return;
    }
    const z = this.halfOut;
    half.transform(z, input);
    // Z is periodic in m: Z[m] = Z[0], kept past the end so bins 0 and m need no index test in the loop.
    z[2 * m] = z[0] as number;
    z[2 * m + 1] = z[1] as number;
    const cos = this.splitCos;
    const sin = this.splitSin;
    for (let k = 0; k < count; k++) {
      const ar = z[2 * k] as number;
      const ai = z[2 * k + 1] as number;
      const br = z[2 * (m - k)] as number;
      const bi = -(z[2 * (m - k) + 1] as number);
      const er = 0.5 * (ar + br);
      const ei = 0.5 * (ai + bi);
      // O = (Z[k] − conj Z[m−k]) / 2i
      const or = 0.5 * (ai - bi);
      const oi = -0.5 * (ar - br);
      const c = cos[k] as number;
      const s = sin[k] as number;
      const xr = er + c * or + s * oi - scale * (sub[2 * k] as number);
      const xi = ei + c * oi - s * or - scale * (sub[2 * k + 1] as number);
      out[k] = xr * xr + xi * xi;
    }
  }

  private noMinus = new Float64Array(0);
  private simdMinusUsed = false;

  /** A zero `minus` of at least 2·count values, reused. */
  private zeros(count: number): Float64Array {
    if (this.noMinus.length < 2 * count) this.noMinus = new Float64Array(2 * this.bins);
    return this.noMinus;
  }

  private checkInput(input: Float64Array): void {
    if (input.length < this.size) {
      throw new RangeError(`input has ${input.length} samples, DFT length is ${this.size}`);
    }
  }

  private direct(input: Float64Array): Float64Array {
    const s = this.spectrum;
    const x0 = input[0] as number;
    if (this.size === 1) {
      s[0] = x0;
      s[1] = 0;
    } else {
      const x1 = input[1] as number;
      s[0] = x0 + x1;
      s[1] = 0;
      s[2] = x0 - x1;
      s[3] = 0;
    }
    return s;
  }

  /** Returns a buffer whose first 2·bins values are the interleaved one-sided spectrum. */
  private compute(input: Float64Array): Float64Array {
    if (this.mode === 'radix4') {
      (this.fft as FFT).realTransform(this.complexOut, input);
      return this.complexOut;
    }
    return this.mode === 'direct' ? this.direct(input) : this.bluestein(input);
  }

  /** X[k] = chirp[k] · Σ_j (x[j] chirp[j]) conj(chirp[k − j]), the sum a circular convolution of length m. */
  private bluestein(input: Float64Array): Float64Array {
    const n = this.size;
    const fft = this.fft as FFT;
    const work = this.work;
    const out = this.complexOut;
    const m = work.length / 2;
    work.fill(0);
    for (let j = 0; j < n; j++) {
      const x = input[j] as number;
      work[2 * j] = x * (this.twiddleRe[j] as number);
      work[2 * j + 1] = x * (this.twiddleIm[j] as number);
    }
    fft.transform(out, work);
    const kernel = this.kernelSpectrum;
    for (let i = 0; i < m; i++) {
      const ar = out[2 * i] as number;
      const ai = out[2 * i + 1] as number;
      const br = kernel[2 * i] as number;
      const bi = kernel[2 * i + 1] as number;
      work[2 * i] = ar * br - ai * bi;
      work[2 * i + 1] = ar * bi + ai * br;
    }
    fft.inverseTransform(out, work);
    const s = this.spectrum;
    for (let k = 0; k < this.bins; k++) {
      const cr = out[2 * k] as number;
      const ci = out[2 * k + 1] as number;
      const wr = this.twiddleRe[k] as number;
      const wi = this.twiddleIm[k] as number;
      s[2 * k] = cr * wr - ci * wi;
      s[2 * k + 1] = cr * wi + ci * wr;
    }
    return s;
  }
}
