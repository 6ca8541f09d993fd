/**
 * The dream model's inputs from the DSP's calibrated indices (dsp/indices.ts). For the first CALIBRATION_S of
 * usable signal the sleeper's own baseline is collected and the model runs on fixed anchors; afterwards every
 * input is the sleeper's z-score against that baseline, mapped onto the model's scales so that the baseline
 * itself sits at the neutral point:
 *
 * - alphaBetaBalance = logistic((z relaxation − z arousal) / 2): 0.5 at baseline (calm ≈ 0.5, no dread),
 *   about 0.73 one sd more relaxed and less aroused (calm), 0.27 one sd the other way (dread ≈ 0.8).
 * - relativeAlpha = 0.28 + 0.085 · z relaxation: wonder starts above baseline and is full at +2 sd.
 * - thetaAlphaRatio = 0.8 + 0.4 · z drowsiness: drowsiness starts above baseline and is full at +2 sd.
 *
 * A baseline saved for a profile can be given instead of calibrating again, at the start or mid-session
 * (useBaseline); `baselineOrigin` says which drives the indices, for the why overlay.
 */
import {
  Calibration,
  emptyIndices,
  indexLayout,
  indexValuesInto,
  zScoresInto,
  type Baseline,
  type IndexLayout,
} from '../../dsp/indices.ts';
import type { BandPowerFrame } from '../pipeline/frames.ts';
import { blankDreamIndices, indicesFromFrameInto, type DreamIndices } from './indices.ts';

export const CALIBRATION_S = 60;
/**
 * z-scores are smoothed with this time constant (s) before mapping: the baseline's sd is mostly window-to-window
 * noise, and the model's curves are not linear, so unsmoothed noise alone would read as dread.
 */
export const Z_SMOOTHING_S = 1.5;

/** Where the baseline comes from: still being collected, collected this session, or given (a saved one). */
export type BaselineOrigin = 'calibrating' | 'session' | 'saved';

export interface CalibratedDreamIndices extends DreamIndices {
  /** 0..1 while the baseline is collected; 1 once inputs are z-scores. */
  readonly calibration: number;
  readonly baselineOrigin: BaselineOrigin;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export class CalibratedIndices {
  private calibration: Calibration;
  private readonly durationS: number;
  private baselineValue: Baseline | null;
  private originValue: BaselineOrigin;
  /** null until the first frame; 'unsupported' when the frame's bands cannot give the indices. */
  private layout: IndexLayout | 'unsupported' | null = null;
  private readonly raw = emptyIndices();
  private readonly z = emptyIndices();
  private readonly smooth = { relaxation: 0, arousal: 0, drowsiness: 0 };
  private lastT: number | null = null;
  private readonly reused: MutableIndices | null;

  constructor(options: { durationS?: number; baseline?: Baseline; reuse?: boolean } = {}) {
    this.reused = options.reuse === true ? blankIndices() : null;
    this.durationS = options.durationS ?? CALIBRATION_S;
    this.calibration = new Calibration({ durationS: this.durationS });
    this.baselineValue = options.baseline ?? null;
    this.originValue = options.baseline ? 'saved' : 'calibrating';
  }

  /** The baseline once calibrated (plain JSON, for a profile to keep), else null. */
  get baseline(): Baseline | null {
    return this.baselineValue;
  }

  get baselineOrigin(): BaselineOrigin {
    return this.originValue;
  }

  /** 0..1 while collecting, 1 once a baseline drives the indices. */
  get progress(): number {
    return this.baselineValue ? 1 : this.calibration.progress;
  }

  /**
   * Switches to a saved baseline from the next update on, or with null drops the baseline and calibrates afresh
   * (e.g. the profile that gave it was deselected). The z-score smoothing restarts, so the old baseline's
   * smoothed values never bleed into the new one.
   */
  useBaseline(baseline: Baseline | null): void {
    this.baselineValue = baseline;
    this.originValue = baseline ? 'saved' : 'calibrating';
    if (!baseline) this.calibration = new Calibration({ durationS: this.durationS });
    this.lastT = null;
    this.smooth.relaxation = this.smooth.arousal = this.smooth.drowsiness = 0;
  }

  /**
   * The model's inputs for `frame`: a new object each call, or with `reuse` (constructor) one object rewritten
   * by every call, for a caller done with it before the next (the offline analysis: 36,000 calls per hour of
   * signal, whose objects were a quarter of `neurosleep analyze`'s garbage on its main thread).
   */
  indices(frame: BandPowerFrame): CalibratedDreamIndices {
    const out = this.reused ?? blankIndices();
    indicesFromFrameInto(frame, out);
    out.artifact = false;
    // A window overlapping a blink, a jaw clench or a head movement is excluded (dsp/flagged-band-powers.ts):
    // no baseline sample, and null inputs, on which the model holds its state.
    if (frame.artifact === true) {
      out.alphaBetaBalance = out.relativeAlpha = out.thetaAlphaRatio = null;
      out.artifact = true;
      out.calibration = this.baselineValue ? 1 : this.calibration.progress;
      out.baselineOrigin = this.originValue;
      return out;
    }
    if (this.layout === null) {
      try {
        this.layout = indexLayout(
          frame.channels,
          frame.bands.map((name) => ({ name })),
        );
      } catch (err) {
        // Bands without theta/alpha/beta (an unusual recording) keep the fixed anchors for the whole session.
        if (!(err instanceof RangeError)) throw err;
        this.layout = 'unsupported';
      }
    }
    if (this.layout === 'unsupported') return settled(out, 0, this.originValue);
    const any = indexValuesInto(frame, this.layout, false, this.raw.values, this.raw.valid);
    if (!this.baselineValue) {
      if (any) this.calibration.add(this.raw.values, this.raw.valid);
      if (this.calibration.done) {
        this.baselineValue = this.calibration.baseline();
        this.originValue = 'session';
      }
      return settled(out, this.calibration.progress, 'calibrating');
    }
    const baselineOrigin = this.originValue;
    zScoresInto(this.raw.values, this.raw.valid, this.baselineValue, this.z.values, this.z.valid);
    const { values: z, valid } = this.z;
    if (out.alphaBetaBalance === null || !valid.relaxation) return settled(out, 1, baselineOrigin);
    const dt = this.lastT === null ? 0 : Math.max(0, Math.min(1, frame.t - this.lastT));
    const first = this.lastT === null;
    this.lastT = frame.t;
    const k = first ? 1 : 1 - Math.exp(-dt / Z_SMOOTHING_S);
    this.smooth.relaxation += (z.relaxation - this.smooth.relaxation) * k;
    if (valid.arousal) this.smooth.arousal += (z.arousal - this.smooth.arousal) * k;
    if (valid.drowsiness) this.smooth.drowsiness += (z.drowsiness - this.smooth.drowsiness) * k;
    // The smoothed z-scores on the model's scales (see the module comment); θ/α stays the frame's own where
    // drowsiness has no z-score.
    const relax = this.smooth.relaxation;
    out.alphaBetaBalance = logistic((relax - this.smooth.arousal) / 2);
    out.relativeAlpha = Math.min(1, Math.max(0, 0.28 + 0.085 * relax));
    if (valid.drowsiness) out.thetaAlphaRatio = Math.max(0, 0.8 + 0.4 * this.smooth.drowsiness);
    return settled(out, 1, baselineOrigin);
  }
}

type MutableIndices = { -readonly [K in keyof CalibratedDreamIndices]-?: CalibratedDreamIndices[K] };

/** An output with every field the calls write, so that a reused one keeps one shape. */
function blankIndices(): MutableIndices {
  return { ...blankDreamIndices(), artifact: false, calibration: 0, baselineOrigin: 'calibrating' };
}

function settled(out: MutableIndices, calibration: number, baselineOrigin: BaselineOrigin): MutableIndices {
  out.calibration = calibration;
  out.baselineOrigin = baselineOrigin;
  return out;
}
