/**
 * The on/off decision of neurofeedback ("relaxed" or not) from a noisy index: a Schmitt trigger (hysteresis)
 * with a dwell (debounce). The state turns on only after the index has been above `threshold + hysteresis` for
 * `dwell` consecutive updates, and off after `dwell` updates below `threshold − hysteresis`. On a steady signal
 * the index wanders around its level, and each wander across a bare threshold would be a false flip; the
 * hysteresis band absorbs small wanders, and the dwell absorbs single-update spikes (one window catching a burst),
 * at a cost of (dwell − 1) update periods of latency. Reference: O. H. Schmitt, "A thermionic trigger",
 * J. Sci. Instrum. 15(1), 1938; switch debouncing as in e.g. J. Ganssle, "A guide to debouncing", 2004.
 *
 * Measured on synthetic alpha steps (bench/feedback-latency.ts) with the feedback window (dsp/feedback-window.ts,
 * 64 updates/s): hysteresis {@link FEEDBACK_SWITCH_HYSTERESIS} of the step gives no false flips in 100 min of
 * steady signal, the switch turning a median 234 ms after a step (250 ms over some seed sets). Hysteresis 15 %
 * let 0.07–0.13 flips/min through; a dwell of 2 updates also gave none but 250–266 ms, so the default dwell is
 * 1 (a plain Schmitt trigger) and the dwell stays available for noisier indices. For z-scored indices, set
 * the hysteresis to the same share of the change feedback should show.
 */

/** Hysteresis as a fraction of the index change feedback is meant to detect (half-width of the dead band). */
export const FEEDBACK_SWITCH_HYSTERESIS = 0.2;
/** Consecutive updates beyond the band before the state changes (each more: 15.6 ms at 64 updates/s). */
export const FEEDBACK_SWITCH_DWELL = 1;

export interface FeedbackSwitchOptions {
  /** Index level between off and on (index units, e.g. relative alpha or a z-score). */
  readonly threshold: number;
  /** Half-width of the dead band around the threshold (index units, ≥ 0). */
  readonly hysteresis: number;
  /** Consecutive updates beyond the band needed to switch (integer ≥ 1); default {@link FEEDBACK_SWITCH_DWELL}. */
  readonly dwell?: number;
  /** Initial state; default false (off). */
  readonly initial?: boolean;
}

/** See the module comment. Non-finite values are ignored and restart the dwell count. */
export class FeedbackSwitch {
  readonly threshold: number;
  readonly hysteresis: number;
  readonly dwell: number;
  private on: boolean;
  private run = 0;

  constructor(opts: FeedbackSwitchOptions) {
    const dwell = opts.dwell ?? FEEDBACK_SWITCH_DWELL;
    if (!Number.isFinite(opts.threshold))
      throw new RangeError(`threshold must be finite, got ${opts.threshold}`);
    if (!(opts.hysteresis >= 0) || !Number.isFinite(opts.hysteresis)) {
      throw new RangeError(`hysteresis must be a finite number ≥ 0, got ${opts.hysteresis}`);
    }
    if (!Number.isInteger(dwell) || dwell < 1)
      throw new RangeError(`dwell must be an integer ≥ 1, got ${dwell}`);
    this.threshold = opts.threshold;
    this.hysteresis = opts.hysteresis;
    this.dwell = dwell;
    this.on = opts.initial ?? false;
  }

  get state(): boolean {
    return this.on;
  }

  /** Feeds one index value; returns true when the state changed on this update. */
  update(x: number): boolean {
    if (!Number.isFinite(x)) {
      this.run = 0;
      return false;
    }
    const beyond = this.on ? x < this.threshold - this.hysteresis : x > this.threshold + this.hysteresis;
    if (!beyond) {
      this.run = 0;
      return false;
    }
    if (++this.run < this.dwell) return false;
    this.on = !this.on;
    this.run = 0;
    return true;
  }
}
