/**
 * Coefficients of the small recursive filters that shape white noise into EEG: 1/f background, narrowband
 * rhythms and muscle noise. Everything is normalised to unit output variance so state amplitudes read as µV RMS.
 */
import { detCos, detExp } from './det-math.ts';

const TWO_PI = 6.283185307179586;

/**
 * Paul Kellet's refined pink filter: six one-pole lowpasses plus a direct and a one-sample-delayed term.
 * Within ±0.05 dB of 1/f from about fs/4800 to fs/2 (0.05–128 Hz at 256 Hz).
 */
export const PINK_POLES = [0.99886, 0.99332, 0.969, 0.8665, 0.55, -0.7616] as const;
export const PINK_INPUTS = [0.0555179, 0.0750759, 0.153852, 0.3104856, 0.5329522, -0.016898] as const;
export const PINK_DIRECT = 0.5362;
export const PINK_DELAYED = 0.115926;

/** A noise-driven two-pole resonator y = a1·y[−1] + a2·y[−2] + gain·w with unit output variance. */
export class ResonatorCoefficients {
  a1 = 0;
  a2 = 0;
  gain = 0;
  private freqHz = NaN;

  /** Sets the peak frequency and −3 dB bandwidth (Hz) at sample rate fs (Hz); cheap when unchanged. */
  set(freqHz: number, bandwidthHz: number, fs: number): void {
    if (freqHz === this.freqHz) return;
    this.freqHz = freqHz;
    const r = detExp((-Math.PI * bandwidthHz) / fs);
    this.a1 = 2 * r * detCos((TWO_PI * freqHz) / fs);
    this.a2 = -r * r;
    // Stationary variance of an AR(2) process driven by unit white noise.
    const a1 = this.a1;
    const a2 = this.a2;
    const variance = (1 - a2) / ((1 + a2) * ((1 - a2) * (1 - a2) - a1 * a1));
    this.gain = 1 / Math.sqrt(variance);
  }
}

/** Pole of a one-pole lowpass with corner frequency fc (Hz) at fs (Hz). */
export function onePole(fcHz: number, fs: number): number {
  return detExp((-TWO_PI * fcHz) / fs);
}

/**
 * RMS of the background filter (pink + `brownWeight`·brown, both fed by the same white noise) for unit white
 * input, found from its impulse response so it holds for any sample rate.
 */
export function backgroundRms(brownPole: number, brownWeight: number): number {
  const b = [0, 0, 0, 0, 0, 0];
  let b6 = 0;
  let brown = 0;
  let sum = 0;
  // Long enough for the slowest pole to decay below 1e-15.
  const n = Math.max(40_000, Math.ceil(35 / (1 - brownPole)));
  for (let i = 0; i < n; i++) {
    const w = i === 0 ? 1 : 0;
    let pink = w * PINK_DIRECT + b6;
    for (let k = 0; k < 6; k++) {
      b[k] = (PINK_POLES[k] as number) * (b[k] as number) + w * (PINK_INPUTS[k] as number);
      pink += b[k] as number;
    }
    b6 = w * PINK_DELAYED;
    brown = brownPole * brown + w * (1 - brownPole);
    const y = pink + brownWeight * brown;
    sum += y * y;
  }
  return Math.sqrt(sum);
}

/** RMS of two cascaded one-pole highpasses with pole `p` for unit white input. */
export function highpassRms(p: number): number {
  let x1 = 0;
  let y1 = 0;
  let y2 = 0;
  let z1 = 0;
  let sum = 0;
  const n = Math.max(4096, Math.ceil(40 / (1 - p)));
  for (let i = 0; i < n; i++) {
    const w = i === 0 ? 1 : 0;
    y1 = p * (y1 + w - x1);
    x1 = w;
    y2 = p * (y2 + y1 - z1);
    z1 = y1;
    sum += y2 * y2;
  }
  return Math.sqrt(sum);
}
