/** Shared test helpers: run a synthesizer into arrays and measure spectra (Welch, Hann window, fft.js). */
import FFT from 'fft.js';
import { EegSynthesizer, type SynthOptions } from '../../../hardware-mocks/synth/synthesizer.ts';

export interface Recording {
  readonly synth: EegSynthesizer;
  /** data[c] = channel c in µV. */
  readonly data: Float32Array[];
}

/** Generates `seconds` of signal (all of a one-shot timeline when omitted). */
export function record(options: SynthOptions, seconds?: number): Recording {
  const synth = new EegSynthesizer(options);
  const n = seconds === undefined ? synth.totalSamples : Math.round(seconds * synth.sampleRate);
  const data = synth.channels.map(() => new Float32Array(n));
  synth.next(data, n);
  return { synth, data };
}

export function channel(rec: Recording, name: string): Float32Array {
  const c = rec.synth.channels.indexOf(name);
  const x = rec.data[c];
  if (x === undefined) throw new Error(`no channel ${name}`);
  return x;
}

/** Samples [t0, t1) s of x at sample rate fs. */
export function slice(x: Float32Array, fs: number, t0: number, t1: number): Float32Array {
  return x.subarray(Math.round(t0 * fs), Math.round(t1 * fs));
}

export interface Spectrum {
  /** Power per bin (arbitrary but consistent units), bins at k · fs / nfft Hz. */
  readonly psd: Float64Array;
  readonly binHz: number;
}

/** Welch power spectrum: mean-removed, Hann-windowed segments of nfft samples with 50% overlap. */
export function welch(x: Float32Array, fs: number, nfft = 512): Spectrum {
  if (x.length < nfft) throw new Error(`need at least ${nfft} samples, got ${x.length}`);
  const fft = new FFT(nfft);
  const win = new Float64Array(nfft);
  for (let i = 0; i < nfft; i++) win[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / nfft);
  const input = new Array<number>(nfft).fill(0);
  const out = fft.createComplexArray() as number[];
  const psd = new Float64Array(nfft / 2 + 1);
  let segments = 0;
  for (let start = 0; start + nfft <= x.length; start += nfft / 2) {
    let mean = 0;
    for (let i = 0; i < nfft; i++) mean += x[start + i] as number;
    mean /= nfft;
    for (let i = 0; i < nfft; i++) input[i] = ((x[start + i] as number) - mean) * (win[i] as number);
    fft.realTransform(out, input);
    for (let k = 0; k <= nfft / 2; k++) {
      const re = out[2 * k] as number;
      const im = out[2 * k + 1] as number;
      psd[k] = (psd[k] as number) + re * re + im * im;
    }
    segments++;
  }
  for (let k = 0; k < psd.length; k++) psd[k] = (psd[k] as number) / segments;
  return { psd, binHz: fs / nfft };
}

/** Summed power of the bins with lo ≤ f < hi (Hz). */
export function bandPower(s: Spectrum, lo: number, hi: number): number {
  let sum = 0;
  for (let k = 0; k < s.psd.length; k++) {
    const f = k * s.binHz;
    if (f >= lo && f < hi) sum += s.psd[k] as number;
  }
  return sum;
}

/** Mean power per bin over lo ≤ f < hi (Hz). */
export function bandDensity(s: Spectrum, lo: number, hi: number): number {
  let sum = 0;
  let n = 0;
  for (let k = 0; k < s.psd.length; k++) {
    const f = k * s.binHz;
    if (f >= lo && f < hi) {
      sum += s.psd[k] as number;
      n++;
    }
  }
  return sum / n;
}

/** Frequency (Hz) of the largest bin in [lo, hi). */
export function peakHz(s: Spectrum, lo: number, hi: number): number {
  let best = -1;
  let at = NaN;
  for (let k = 0; k < s.psd.length; k++) {
    const f = k * s.binHz;
    if (f >= lo && f < hi && (s.psd[k] as number) > best) {
      best = s.psd[k] as number;
      at = f;
    }
  }
  return at;
}

export function rms(x: Float32Array): number {
  let mean = 0;
  for (const v of x) mean += v;
  mean /= x.length;
  let sum = 0;
  for (const v of x) sum += (v - mean) * (v - mean);
  return Math.sqrt(sum / x.length);
}

export function maxAbs(x: Float32Array): number {
  let m = 0;
  for (const v of x) m = Math.max(m, Math.abs(v));
  return m;
}
