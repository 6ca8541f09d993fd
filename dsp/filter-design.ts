/**
 * EEG filter designs. fili computes the biquad coefficients (RBJ Audio-EQ-Cookbook formulas: bilinear transform
 * with the frequency pre-warped at the corner), dsp/biquad.ts runs them.
 *
 * Choices, which a reader of the EEG literature will recognise:
 * - Band-pass 1–45 Hz as a 4th-order Butterworth high-pass at 1 Hz followed by a 4th-order Butterworth low-pass
 *   at 45 Hz (−3 dB at each corner, −24 dB/octave outside). Cascading two low-order designs keeps each corner
 *   exactly where asked, unlike a single narrow band-pass prototype, and 4th order is the common default
 *   (e.g. MNE's IIR default; offline it is usually run forward-backward, see filtfilt.ts).
 * - Mains notch at 50 or 60 Hz, Q = 30 (−3 dB width f0/Q ≈ 1.7 Hz at 50 Hz), identical to
 *   scipy.signal.iirnotch(f0, Q, fs); optionally also at its harmonics below Nyquist (100 Hz, or 120 Hz, at
 *   Muse's 256 Hz), each with the same Q, for analyses that reach above the 45 Hz low-pass.
 * These designs equal scipy.signal.butter(order, fc, btype, fs=fs, output='sos') and iirnotch up to rounding
 * (checked in tests/reference/filter-response.test.ts).
 */
import Fili from 'fili';
import type { FiliBiquad } from 'fili';
import { concatSos, type Sos } from './biquad.ts';

/** Default EEG pass band, Hz. */
export const DEFAULT_BANDPASS_HZ: readonly [number, number] = Object.freeze([1, 45] as [number, number]);
/** Default order of each Butterworth stage (high-pass and low-pass). */
export const DEFAULT_FILTER_ORDER = 4;
/** Default notch quality factor f0 / bandwidth (scipy.signal.iirnotch's `Q`). */
export const DEFAULT_NOTCH_Q = 30;
// fili cascades at most 12 biquads.
const MAX_ORDER = 24;

const cascades = new Fili.CalcCascades();

function toSos(biquads: readonly FiliBiquad[]): Sos {
  const sos = new Float64Array(5 * biquads.length);
  biquads.forEach((q, i) => {
    // fili's stage is k·(b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²); fold k into the numerator.
    sos[5 * i] = q.k * (q.b[0] ?? 0);
    sos[5 * i + 1] = q.k * (q.b[1] ?? 0);
    sos[5 * i + 2] = q.k * (q.b[2] ?? 0);
    sos[5 * i + 3] = q.a[0] ?? 0;
    sos[5 * i + 4] = q.a[1] ?? 0;
  });
  return sos;
}

function checkFrequency(name: string, hz: number, sampleRate: number): void {
  if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
    throw new RangeError(`sample rate must be a positive number of Hz, got ${sampleRate}`);
  }
  if (!(hz > 0 && hz < sampleRate / 2)) {
    throw new RangeError(`${name} ${hz} Hz must lie strictly between 0 and Nyquist (${sampleRate / 2} Hz)`);
  }
}

/**
 * Butterworth low- or high-pass of even `order` (2, 4, …, 24) with −3 dB at `cutoffHz` (Hz) for `sampleRate`
 * (Hz), as order/2 biquads. fili's `order` counts biquads and its Butterworth section Qs are
 * 1 / (2 sin(π (2k+1) / (2·order))), the analog Butterworth poles, each section bilinear-transformed with
 * pre-warping at the cutoff, which is what scipy.signal.butter(order, cutoffHz, type, fs=sampleRate) does.
 * Odd orders are not offered: fili has no first-order section.
 */
export function designButterworth(
  type: 'lowpass' | 'highpass',
  cutoffHz: number,
  sampleRate: number,
  order: number = DEFAULT_FILTER_ORDER,
): Sos {
  checkFrequency(`${type} cutoff`, cutoffHz, sampleRate);
  if (!Number.isInteger(order) || order < 2 || order > MAX_ORDER || order % 2 !== 0) {
    throw new RangeError(`Butterworth order must be even, 2…${MAX_ORDER}, got ${order}`);
  }
  return toSos(
    cascades[type]({ order: order / 2, characteristic: 'butterworth', Fs: sampleRate, Fc: cutoffHz }),
  );
}

/**
 * Notch (band-stop biquad) at `f0Hz` (Hz) with quality factor `q` = f0 / (−3 dB bandwidth), for `sampleRate`
 * (Hz); equal to scipy.signal.iirnotch(f0Hz, q, fs=sampleRate). scipy sets the cookbook's α to
 * tan(π f0 / (q fs)); fili takes the bandwidth as `BW` octaves with α = sin ω0 · sinh(ln2/2 · BW · ω0 / sin ω0),
 * so BW is solved from that α.
 */
export function designNotch(f0Hz: number, sampleRate: number, q: number = DEFAULT_NOTCH_Q): Sos {
  checkFrequency('notch frequency', f0Hz, sampleRate);
  if (!(q > 0) || !Number.isFinite(q)) throw new RangeError(`notch Q must be positive, got ${q}`);
  const w0 = (2 * Math.PI * f0Hz) / sampleRate;
  const alpha = Math.tan((Math.PI * f0Hz) / (q * sampleRate));
  const bwOctaves = (2 * Math.sin(w0) * Math.asinh(alpha / Math.sin(w0))) / (Math.LN2 * w0);
  return toSos(
    cascades.bandstop({ order: 1, characteristic: 'butterworth', Fs: sampleRate, Fc: f0Hz, BW: bwOctaves }),
  );
}

/**
 * The mains notch: a {@link designNotch} section at `f0Hz` and, with `harmonics`, one at each multiple of it
 * below the Nyquist frequency, all with quality factor `q`.
 */
export function designMainsNotch(
  f0Hz: number,
  sampleRate: number,
  harmonics = false,
  q: number = DEFAULT_NOTCH_Q,
): Sos {
  const sections = [designNotch(f0Hz, sampleRate, q)];
  if (harmonics) {
    for (let k = 2; k * f0Hz < sampleRate / 2; k++) sections.push(designNotch(k * f0Hz, sampleRate, q));
  }
  return concatSos(...sections);
}

export interface EegFilterOptions {
  /** Hz. */
  readonly sampleRate: number;
  /** Mains frequency to notch, Hz; null for no notch. */
  readonly mainsHz: number | null;
  /** Pass band [low, high], Hz; null for no band-pass. */
  readonly bandpass: readonly [number, number] | null;
  /** Order of each Butterworth stage; default {@link DEFAULT_FILTER_ORDER}. */
  readonly order?: number;
  /** Default {@link DEFAULT_NOTCH_Q}. */
  readonly notchQ?: number;
  /** Notch the mains harmonics below Nyquist too ({@link designMainsNotch}); default false. */
  readonly mainsHarmonics?: boolean;
}

/** The three stages, each possibly empty (no sections), in processing order high-pass → notch → low-pass. */
export interface EegFilterDesign {
  readonly highpass: Sos;
  readonly notch: Sos;
  readonly lowpass: Sos;
  /** All stages concatenated, for offline use (sosfiltfilt) and response checks. */
  readonly chain: Sos;
}

/**
 * The standard EEG pre-processing chain: high-pass, mains notch, low-pass (see the module comment for the
 * choices). The high-pass comes first so electrode DC offsets (hundreds of µV) never reach the notch.
 */
export function designEegFilters(options: EegFilterOptions): EegFilterDesign {
  const { sampleRate, mainsHz, bandpass } = options;
  const order = options.order ?? DEFAULT_FILTER_ORDER;
  let highpass: Sos = new Float64Array(0);
  let lowpass: Sos = new Float64Array(0);
  if (bandpass) {
    const [low, high] = bandpass;
    if (!(low < high))
      throw new RangeError(`band-pass low edge ${low} Hz must be below high edge ${high} Hz`);
    highpass = designButterworth('highpass', low, sampleRate, order);
    lowpass = designButterworth('lowpass', high, sampleRate, order);
  }
  const notch =
    mainsHz === null
      ? new Float64Array(0)
      : designMainsNotch(mainsHz, sampleRate, options.mainsHarmonics ?? false, options.notchQ);
  return { highpass, notch, lowpass, chain: concatSos(highpass, notch, lowpass) };
}
