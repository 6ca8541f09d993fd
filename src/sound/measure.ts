/** Loudness and brightness of rendered audio: what the tests (and the debug console) measure. */
import { RealFft } from '../../dsp/real-fft.ts';

/** Largest absolute sample over every channel. */
export function peakOf(channels: readonly Float32Array[]): number {
  let peak = 0;
  for (const data of channels) for (const v of data) peak = Math.max(peak, Math.abs(v));
  return peak;
}

/** Root mean square of `data[from, to)`; 0 for an empty range. */
export function rmsOf(data: Float32Array, from = 0, to = data.length): number {
  const a = Math.max(0, Math.floor(from));
  const b = Math.min(data.length, Math.floor(to));
  if (b <= a) return 0;
  let sum = 0;
  for (let i = a; i < b; i++) {
    const v = data[i] ?? 0;
    sum += v * v;
  }
  return Math.sqrt(sum / (b - a));
}

/** RMS of each consecutive window of `windowS` seconds (a trailing partial window is dropped). */
export function windowedRms(data: Float32Array, sampleRate: number, windowS: number): number[] {
  const n = Math.max(1, Math.round(windowS * sampleRate));
  const out: number[] = [];
  for (let i = 0; i + n <= data.length; i += n) out.push(rmsOf(data, i, i + n));
  return out;
}

export interface Spectrum {
  /** Mean power of each one-sided bin, k = 0…size/2. */
  power: Float64Array;
  /** Width of a bin, Hz. */
  binHz: number;
}

/**
 * Mean power spectrum of `data[from, to)` over half-overlapping Hann-windowed segments of `size` samples
 * (Welch's method); all zeros when the range is shorter than one segment.
 */
export function averagePowerSpectrum(
  data: Float32Array,
  sampleRate: number,
  from = 0,
  to = data.length,
  size = 4096,
): Spectrum {
  const fft = new RealFft(size);
  const segment = new Float64Array(size);
  const power = new Float64Array(fft.bins);
  const total = new Float64Array(fft.bins);
  const window = new Float64Array(size);
  for (let i = 0; i < size; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size);
  const end = Math.min(data.length, Math.floor(to));
  let count = 0;
  for (let start = Math.max(0, Math.floor(from)); start + size <= end; start += size / 2) {
    for (let i = 0; i < size; i++) segment[i] = (data[start + i] ?? 0) * (window[i] ?? 0);
    fft.powerSpectrumInto(segment, power);
    for (let k = 0; k < fft.bins; k++) total[k] = (total[k] ?? 0) + (power[k] ?? 0);
    count++;
  }
  if (count > 0) for (let k = 0; k < fft.bins; k++) total[k] = (total[k] ?? 0) / count;
  return { power: total, binHz: sampleRate / size };
}

/** Spectral centroid, Hz: the magnitude-weighted mean frequency (DC left out); 0 for silence. */
export function spectralCentroid(s: Spectrum): number {
  let weighted = 0;
  let sum = 0;
  for (let k = 1; k < s.power.length; k++) {
    const m = Math.sqrt(s.power[k] ?? 0);
    weighted += m * k * s.binHz;
    sum += m;
  }
  return sum > 0 ? weighted / sum : 0;
}

/** Share of the power (DC left out) at or above `hz`, 0..1; 0 for silence. */
export function powerShareAbove(s: Spectrum, hz: number): number {
  let above = 0;
  let sum = 0;
  for (let k = 1; k < s.power.length; k++) {
    const p = s.power[k] ?? 0;
    sum += p;
    if (k * s.binHz >= hz) above += p;
  }
  return sum > 0 ? above / sum : 0;
}
