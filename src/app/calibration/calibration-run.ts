/**
 * The wizard's measuring part, free of React: each step (eyes open, eyes closed, rest) runs one DSP Calibration
 * (dsp/indices.ts) over the band-power frames that arrive while it is current, and the finished steps become a
 * {@link BaselineRecord}. Windows over an artifact or with bad contact do not count, so a step lasts longer on a
 * noisy signal rather than measuring it.
 */
import {
  Calibration,
  emptyIndices,
  indexLayout,
  indexValuesInto,
  type Baseline,
  type IndexLayout,
} from '../../../dsp/indices.ts';
import { QUALITY_BAD } from '../../../dsp/signal-quality.ts';
import type { BandPowerFrame } from '../../pipeline/frames.ts';
import {
  BASELINE_FORMAT,
  BASELINE_RECORD_VERSION,
  type BaselineRecord,
  type CalibrationStepName,
  type EyesStepFigures,
} from '../../profiles/baseline-record.ts';

export const DEFAULT_REST_S = 60;
export const DEFAULT_EYES_S = 30;
/** Band-power updates per second (the DSP's default rate). */
export const UPDATE_HZ = 10;

export interface StepPlan {
  readonly name: CalibrationStepName;
  readonly durationS: number;
}

/** The steps in order: eyes open and eyes closed (optional, together), then the rest baseline. */
export function planSteps(opts: { eyes: boolean; restS?: number; eyesS?: number }): StepPlan[] {
  const rest = { name: 'rest' as const, durationS: opts.restS ?? DEFAULT_REST_S };
  if (!opts.eyes) return [rest];
  const eyesS = opts.eyesS ?? DEFAULT_EYES_S;
  return [{ name: 'eyes-open', durationS: eyesS }, { name: 'eyes-closed', durationS: eyesS }, rest];
}

export interface StepResult {
  readonly name: CalibrationStepName;
  readonly baseline: Baseline;
  /** Mean over accepted updates of the usable channels' mean log10 alpha band sum; null if none. */
  readonly alphaLog10: number | null;
}

/** One step's measurement. Throws a plain-words error at the first frame if the source cannot give indices. */
export class CalibrationStep {
  private readonly calibration: Calibration;
  private layout: IndexLayout | null = null;
  private readonly raw = emptyIndices();
  private alphaSum = 0;
  private alphaN = 0;

  constructor(readonly plan: StepPlan) {
    this.calibration = new Calibration({ durationS: plan.durationS, updateHz: UPDATE_HZ, label: plan.name });
  }

  get progress(): number {
    return this.calibration.progress;
  }

  get done(): boolean {
    return this.calibration.done;
  }

  /** Adds one frame; returns true when it counted (clean window, some usable electrode). */
  add(frame: BandPowerFrame): boolean {
    if (this.done) return false;
    this.layout ??= layoutFor(frame);
    if (frame.artifact === true) return false;
    const ok = indexValuesInto(frame, this.layout, false, this.raw.values, this.raw.valid);
    if (!ok) return false;
    this.calibration.add(this.raw.values, this.raw.valid);
    const nc = this.layout.channels;
    let sum = 0;
    let n = 0;
    for (let c = 0; c < nc; c++) {
      if (frame.valid[c] !== 1 || frame.quality[c] === QUALITY_BAD) continue;
      const a = frame.absolute[this.layout.alpha * nc + c] as number;
      if (!Number.isFinite(a)) continue;
      sum += a;
      n++;
    }
    if (n > 0) {
      this.alphaSum += sum / n;
      this.alphaN++;
    }
    return true;
  }

  result(): StepResult {
    return {
      name: this.plan.name,
      baseline: this.calibration.baseline(),
      alphaLog10: this.alphaN > 0 ? this.alphaSum / this.alphaN : null,
    };
  }
}

function layoutFor(frame: BandPowerFrame): IndexLayout {
  try {
    return indexLayout(
      frame.channels,
      frame.bands.map((name) => ({ name })),
    );
  } catch {
    throw new Error(
      `calibration needs theta, alpha and beta band powers; this source gives ${frame.bands.join(', ') || 'none'}`,
    );
  }
}

export interface RecordMeta {
  readonly source: { readonly kind: string; readonly label: string };
  readonly channels: readonly string[];
  readonly sampleRate: number;
  readonly createdAt: Date;
}

function eyesFigures(r: StepResult): EyesStepFigures | null {
  if (r.alphaLog10 === null) return null;
  return { durationS: r.baseline.durationS, alphaPower: 10 ** r.alphaLog10, baseline: r.baseline };
}

/**
 * The record of finished steps. alphaReactivity is eyes-closed over eyes-open alpha power (the ratio of the
 * geometric means), present only when both eyes steps measured alpha.
 */
export function baselineRecordFrom(results: readonly StepResult[], meta: RecordMeta): BaselineRecord {
  const rest = results.find((r) => r.name === 'rest');
  if (!rest) throw new Error('calibration has no rest step to take the baseline from');
  if (!(rest.baseline.durationS > 0)) throw new Error('the rest step measured no clean signal');
  const openR = results.find((r) => r.name === 'eyes-open');
  const closedR = results.find((r) => r.name === 'eyes-closed');
  const open = openR && eyesFigures(openR);
  const closed = closedR && eyesFigures(closedR);
  const reactivity = open && closed ? closed.alphaPower / open.alphaPower : NaN;
  return {
    format: BASELINE_FORMAT,
    version: BASELINE_RECORD_VERSION,
    createdAt: meta.createdAt.toISOString(),
    source: { kind: meta.source.kind, label: meta.source.label },
    channels: [...meta.channels],
    sampleRate: meta.sampleRate,
    steps: results.map((r) => r.name),
    baseline: rest.baseline,
    eyes:
      open && closed && Number.isFinite(reactivity) && reactivity > 0
        ? { open, closed, alphaReactivity: reactivity }
        : null,
  };
}

/** Plain words for the alpha reactivity figure (eyes-closed / eyes-open alpha power). */
export function describeReactivity(ratio: number): string {
  if (ratio >= 1.5) return 'clear alpha rise with eyes closed: good contact and a reliable baseline';
  if (ratio >= 1.15) return 'some alpha rise with eyes closed: usable; better contact may sharpen it';
  return 'little or no alpha rise with eyes closed: check the electrode contact, or the eyes stayed open';
}
