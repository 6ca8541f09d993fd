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
 * A baseline saved for a profile can be given instead of calibrating again.
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
import { indicesFromFrame, type DreamIndices } from './indices.ts';

export const CALIBRATION_S = 60;
/**
 * z-scores are smoothed with this time constant (s) before mapping: the baseline's sd is mostly window-to-window
 * noise, and the model's curves are not linear, so unsmoothed noise alone would read as dread.
 */
export const Z_SMOOTHING_S = 1.5;

export interface CalibratedDreamIndices extends DreamIndices {
  /** 0..1 while the baseline is collected; 1 once inputs are z-scores. */
  readonly calibration: number;
}

function logistic(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export class CalibratedIndices {
  private readonly calibration: Calibration;
  private baselineValue: Baseline | null;
  /** null until the first frame; 'unsupported' when the frame's bands cannot give the indices. */
  private layout: IndexLayout | 'unsupported' | null = null;
  private readonly raw = emptyIndices();
  private readonly z = emptyIndices();
  private readonly smooth = { relaxation: 0, arousal: 0, drowsiness: 0 };
  private lastT: number | null = null;

  constructor(options: { durationS?: number; baseline?: Baseline } = {}) {
    this.calibration = new Calibration({ durationS: options.durationS ?? CALIBRATION_S });
    this.baselineValue = options.baseline ?? null;
  }

  /** The baseline once calibrated (plain JSON, for a profile to keep), else null. */
  get baseline(): Baseline | null {
    return this.baselineValue;
  }

  indices(frame: BandPowerFrame): CalibratedDreamIndices {
    const fixed = indicesFromFrame(frame);
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
    if (this.layout === 'unsupported') return { ...fixed, calibration: 0 };
    const any = indexValuesInto(frame, this.layout, false, this.raw.values, this.raw.valid);
    if (!this.baselineValue) {
      if (any) this.calibration.add(this.raw.values, this.raw.valid);
      if (this.calibration.done) this.baselineValue = this.calibration.baseline();
      return { ...fixed, calibration: this.calibration.progress };
    }
    zScoresInto(this.raw.values, this.raw.valid, this.baselineValue, this.z.values, this.z.valid);
    const { values: z, valid } = this.z;
    if (fixed.alphaBetaBalance === null || !valid.relaxation) return { ...fixed, calibration: 1 };
    const dt = this.lastT === null ? 0 : Math.max(0, Math.min(1, frame.t - this.lastT));
    const first = this.lastT === null;
    this.lastT = frame.t;
    const k = first ? 1 : 1 - Math.exp(-dt / Z_SMOOTHING_S);
    this.smooth.relaxation += (z.relaxation - this.smooth.relaxation) * k;
    if (valid.arousal) this.smooth.arousal += (z.arousal - this.smooth.arousal) * k;
    if (valid.drowsiness) this.smooth.drowsiness += (z.drowsiness - this.smooth.drowsiness) * k;
    const relax = this.smooth.relaxation;
    const arousal = this.smooth.arousal;
    return {
      ...fixed,
      alphaBetaBalance: logistic((relax - arousal) / 2),
      relativeAlpha: Math.min(1, Math.max(0, 0.28 + 0.085 * relax)),
      thetaAlphaRatio: valid.drowsiness
        ? Math.max(0, 0.8 + 0.4 * this.smooth.drowsiness)
        : fixed.thetaAlphaRatio,
      calibration: 1,
    };
  }
}
