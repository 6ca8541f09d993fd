/**
 * Heart rate from a photoplethysmogram (the Muse 2 / Muse S forehead PPG, 64 Hz, preset p50), by peak intervals.
 *
 * Method: the raw sensor counts are band-passed to 0.5–8 Hz (Butterworth, 2nd order each side), which removes
 * the DC level and most of the slow baseline wander (breathing, pressure of the band). Beats are found on the
 * slope sum function (Zong et al., "An open-source algorithm to detect onset of arterial blood pressure pulses",
 * Computers in Cardiology 30, 2003): the sum of the rises over the last 128 ms, which peaks on each systolic
 * upstroke, the steepest part of the pulse wave, and stays low on the gentler dicrotic wave that a plain peak
 * picker counts as a second beat. A beat is a local maximum of that sum above 60% of its recent peak (an
 * envelope decaying with a 3 s time constant), at least 0.3 s after the previous beat. The rate is 60 / the
 * median of the last `windowBeats` inter-beat intervals between 0.3 and 2 s (30–200 bpm); the median ignores a
 * missed or extra beat. Comparison of PPG beat detectors: Charlton et al., "Detecting beats in the
 * photoplethysmogram: benchmarking open-source algorithms", Physiol. Meas. 43(8), 2022.
 *
 * Units: input in raw sensor counts (any linear unit; systole must go up: negate absorbance-type signals),
 * times in s, rate in beats per minute. Non-finite samples restart the filter and the beat search. Pure.
 */
import { BiquadCascade, concatSos } from './biquad.ts';
import { designButterworth } from './filter-design.ts';

export interface PpgHeartRateOptions {
  /** Hz (Muse: 64). */
  readonly sampleRate: number;
  /** Inter-beat intervals the median is taken over (default 8). */
  readonly windowBeats?: number;
}

const MIN_IBI_S = 0.3;
const MAX_IBI_S = 2;
const ENVELOPE_TAU_S = 3;
const THRESHOLD = 0.6;
const SSF_WINDOW_S = 0.128;

/** Streaming peak-interval heart-rate estimator; one per PPG channel. */
export class PpgHeartRate {
  readonly sampleRate: number;
  private readonly windowBeats: number;
  private readonly filter: BiquadCascade;
  private readonly decay: number;
  private readonly one = new Float64Array(1);
  private readonly out = new Float64Array(1);
  private readonly intervals: number[] = [];
  /** The last 128 ms of rises of the filtered wave (a ring), and their sum: the slope sum function. */
  private readonly rises: Float64Array;
  private risesAt = 0;
  private ssf = 0;
  private lastY = 0;
  /** Samples since the filter (re)started; the first two seconds let it settle. */
  private settled = 0;
  private prev1 = 0;
  private prev2 = 0;
  private envelope = 0;
  private lastBeat = -Infinity;
  /** Sample index of the next sample, counting from the first push. */
  private index = 0;
  beats = 0;

  constructor(options: PpgHeartRateOptions) {
    const { sampleRate } = options;
    if (!(sampleRate >= 16) || !Number.isFinite(sampleRate))
      throw new RangeError(`sampleRate must be at least 16 Hz for a pulse wave, got ${sampleRate}`);
    this.sampleRate = sampleRate;
    this.windowBeats = options.windowBeats ?? 8;
    this.filter = new BiquadCascade(
      concatSos(
        designButterworth('highpass', 0.5, sampleRate, 2),
        designButterworth('lowpass', 8, sampleRate, 2),
      ),
    );
    this.decay = Math.exp(-1 / (ENVELOPE_TAU_S * sampleRate));
    this.rises = new Float64Array(Math.max(2, Math.round(SSF_WINDOW_S * sampleRate)));
  }

  /** Beats per minute from the recent intervals, or null until three intervals have been seen. */
  get bpm(): number | null {
    if (this.intervals.length < 3) return null;
    const sorted = [...this.intervals].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    const median =
      sorted.length % 2
        ? (sorted[mid] as number)
        : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
    return 60 / median;
  }

  /** Feeds `length` consecutive samples; a hole in the stream is given as non-finite samples. */
  push(samples: ArrayLike<number>, length = samples.length): void {
    if (!Number.isInteger(length) || length < 0 || length > samples.length)
      throw new RangeError(`length must be a whole number of samples up to ${samples.length}, got ${length}`);
    const fs = this.sampleRate;
    const settle = 2 * fs;
    for (let i = 0; i < length; i++, this.index++) {
      const v = samples[i] as number;
      if (!Number.isFinite(v)) {
        this.settled = 0;
        this.lastBeat = -Infinity;
        continue;
      }
      this.one[0] = v;
      if (this.settled === 0) {
        this.filter.primeSteadyState(v);
        this.rises.fill(0);
        this.ssf = 0;
        this.lastY = 0;
      }
      this.filter.process(this.one, this.out, 1);
      const filtered = this.out[0] as number;
      const rise = Math.max(0, filtered - this.lastY);
      this.lastY = filtered;
      this.ssf += rise - (this.rises[this.risesAt] as number);
      this.rises[this.risesAt] = rise;
      this.risesAt = (this.risesAt + 1) % this.rises.length;
      const y = this.ssf;
      this.envelope *= this.decay;
      if (this.settled < settle) {
        this.settled++;
        this.prev2 = this.prev1;
        this.prev1 = y;
        continue;
      }
      // The previous sample is a local maximum: a beat if it is tall enough and far enough from the last one.
      const peak = this.prev1;
      if (peak > this.prev2 && peak >= y) {
        const at = (this.index - 1) / fs;
        const gap = at - this.lastBeat;
        if (peak >= THRESHOLD * this.envelope && gap >= MIN_IBI_S) {
          if (gap <= MAX_IBI_S) {
            this.intervals.push(gap);
            if (this.intervals.length > this.windowBeats) this.intervals.shift();
          }
          this.lastBeat = at;
          this.beats++;
        }
        if (peak > this.envelope) this.envelope = peak;
      }
      this.prev2 = this.prev1;
      this.prev1 = y;
    }
  }
}
