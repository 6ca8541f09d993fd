/**
 * Turns the dream indices (see indices.ts) into a dream state. Pure and stateful (one instance per session), so
 * the app and the CLI compute the same dream from the same recording.
 *
 * Targets (foundation form; calibrated z-scores replace the fixed anchors once per-user baselines exist):
 * - balance = α / (α + β); relaxed Muse recordings sit near 0.7, concentrating ones near 0.3.
 * - calm       = smoothstep(0.30, 0.70, balance)
 * - dread      = smoothstep(0.45, 0.80, 1 − balance): a sustained beta-dominated, alpha-poor state.
 * - wonder     = smoothstep(0.28, 0.45, α) · calm: dominant alpha on top of calm, the "glorious" extreme.
 * - drowsiness = smoothstep(0.8, 1.6, θ / α): theta taking over from alpha as the sleeper drifts off.
 * - glitch     = the larger of the share of electrodes with bad contact and the share of samples lost over the
 *   last second; the glitch is shown, never hidden.
 * - presence   = 0 once every electrode has had bad contact for PRESENCE_OFF_S, 1 again once one has had good
 *   contact for PRESENCE_ON_S: the headband is off, or back on.
 *
 * Hysteresis: an index only moves its target once it has changed by more than HYSTERESIS, so a steady signal
 * whose index jitters within that width holds its targets still instead of flickering between states.
 * Presence has its own hysteresis in time (the two delays above).
 *
 * Warm-up: the DSP reports incomplete windows until its first analysis window has filled (256 samples unless the
 * engine was shaped otherwise). Until
 * the first complete window (or WARMUP_MAX_S past that point in signal time) an incomplete window is warm-up,
 * not bad contact: no glitch, presence held. Bad contact from the start still shows once warm-up is over.
 *
 * Smoothing is first order toward each target with time constants TAU_S: dread rises slowly so one noisy
 * window never starts a nightmare, glitch attacks fast so a lost contact is seen at once, drowsiness is the
 * slowest because falling asleep is.
 */
import type { BandPowerFrame } from '../pipeline/frames.ts';
import { CALM_DREAM, type DreamState, type DreamWhy } from './dream-state.ts';
import type { Baseline } from '../../dsp/indices.ts';
import { CalibratedIndices } from './calibrated-indices.ts';
import type { DreamIndices } from './indices.ts';

export const TAU_S = {
  calm: 1.5,
  dread: 2.5,
  wonder: 3,
  drowsiness: 5,
  glitchAttack: 0.2,
  glitchRelease: 1.5,
  presence: 0.3,
} as const;

/** How far each index must move before it moves its target. */
export const HYSTERESIS = { balance: 0.03, relativeAlpha: 0.015, thetaAlphaRatio: 0.05 } as const;

export const PRESENCE_OFF_S = 3;
export const PRESENCE_ON_S = 1;
/** Samples in the DSP's analysis window: updates are incomplete until they have arrived. */
export const ANALYSIS_WINDOW_SAMPLES = 256;
/** How long past the first window an all-incomplete signal still counts as warm-up. */
export const WARMUP_MAX_S = 1;

/** The why of a model built not to explain: nothing named for any dimension. */
export const NO_WHY: DreamWhy = Object.freeze({
  calm: Object.freeze({}),
  dread: Object.freeze({}),
  wonder: Object.freeze({}),
  drowsiness: Object.freeze({}),
  glitch: Object.freeze({}),
  presence: Object.freeze({}),
});

export interface DreamUpdate {
  readonly state: DreamState;
  readonly why: DreamWhy;
}

function smoothstep(edge0: number, edge1: number, x: number): number {
  const u = Math.min(1, Math.max(0, (x - edge0) / (edge1 - edge0)));
  return u * u * (3 - 2 * u);
}

function approach(current: number, target: number, dtS: number, tauS: number): number {
  return target + (current - target) * Math.exp(-dtS / tauS);
}

/**
 * Hysteresis: the held value jumps to the input only once the input is more than `width` away from it (the
 * smoothing after it turns the jump into a glide). A steady input holds exactly; a real change lands exactly.
 */
function hold(held: number | null, input: number, width: number): number {
  return held === null || Math.abs(input - held) > width ? input : held;
}

export class DreamModel {
  private state: DreamState = CALM_DREAM;
  private lastT: number | null = null;
  /** Lost samples with their time, for the loss share over the last second. */
  private losses: { t: number; samples: number }[] = [];
  private held: { balance: number | null; alpha: number | null; thetaAlpha: number | null } = {
    balance: null,
    alpha: null,
    thetaAlpha: null,
  };
  private warmedUp = false;
  private headbandOn = true;
  /** Signal time since which contact has been all bad (or some good), for the presence delays. */
  private allBadSince: number | null = null;
  private someGoodSince: number | null = null;
  private readonly warmupLimitS: number;

  private readonly explain: boolean;
  private readonly reusedState: Mutable<DreamState> | null = null;
  private readonly reusedUpdate: Mutable<DreamUpdate> | null = null;

  /** The sleeper's own baseline: calibrated over the first minute, then the model runs on z-scores. */
  readonly calibrated: CalibratedIndices;

  constructor(
    private readonly sampleRate: number,
    calibration: { durationS?: number; baseline?: Baseline } = {},
    /** The DSP's analysis window when shaped (samples): its first frames are incomplete for that long. */
    windowSamples?: number,
    output: DreamModelOutput = {},
  ) {
    this.explain = output.explain ?? true;
    if (output.reuse === true) {
      this.reusedState = { ...CALM_DREAM };
      this.reusedUpdate = { state: this.reusedState, why: NO_WHY };
    }
    // Muse's window, capped at 2 s: a 1 row/s band-power file's "sample rate" would make it 256 s.
    const windowS =
      sampleRate > 0
        ? windowSamples !== undefined
          ? windowSamples / sampleRate
          : Math.min(ANALYSIS_WINDOW_SAMPLES / sampleRate, 2)
        : 1;
    this.warmupLimitS = windowS + WARMUP_MAX_S;
    this.calibrated = new CalibratedIndices({ ...calibration, reuse: output.reuse === true });
  }

  /** Records samples that should have arrived and did not, at time `t` (s). */
  lost(t: number, samples: number): void {
    if (samples > 0) this.losses.push({ t, samples });
  }

  update(frame: BandPowerFrame): DreamUpdate {
    const ix = this.calibrated.indices(frame);
    return this.step(ix, ix.calibration, ix.baselineOrigin === 'saved');
  }

  /** The model proper: takes indices from any source (raw frames today, calibrated z-scores later). */
  updateIndices(ix: DreamIndices): DreamUpdate {
    return this.step(ix, null, false);
  }

  /**
   * One update. Transparency, with `calibration` (from {@link update}): why.calm also says whether the dream
   * follows the sleeper's own baseline yet (1) or fixed anchors (< 1), and `savedBaseline` that the indices
   * are z-scores against a profile's saved baseline, not this session's own.
   */
  private step(ix: DreamIndices, calibration: number | null, savedBaseline: boolean): DreamUpdate {
    const t = ix.t;
    const dtS = this.lastT === null ? 0.1 : Math.max(0, Math.min(1, t - this.lastT));
    this.lastT = t;

    if (!this.warmedUp && (ix.incompleteShare < 1 || t >= this.warmupLimitS)) this.warmedUp = true;
    const warmingUp = !this.warmedUp;
    const badShare = warmingUp ? ix.badQualityShare : Math.min(1, ix.badQualityShare + ix.incompleteShare);

    // A loss counts until its last missing sample is a second old: the first update after a dropout comes once
    // samples flow again, by when a loss dated at its start would already have aged out of the window.
    const sr = this.sampleRate > 0 ? this.sampleRate : 1;
    while (this.losses.length > 0) {
      const first = this.losses[0] as { t: number; samples: number };
      if (first.t + first.samples / sr >= t - 1) break;
      this.losses.shift();
    }
    let lostSamples = 0;
    for (const l of this.losses) lostSamples += l.samples;
    const lossShare = this.sampleRate > 0 ? Math.min(1, lostSamples / this.sampleRate) : 0;

    const prev = this.state;
    const usable = ix.alphaBetaBalance !== null && ix.relativeAlpha !== null;
    if (ix.alphaBetaBalance !== null)
      this.held.balance = hold(this.held.balance, ix.alphaBetaBalance, HYSTERESIS.balance);
    if (ix.relativeAlpha !== null)
      this.held.alpha = hold(this.held.alpha, ix.relativeAlpha, HYSTERESIS.relativeAlpha);
    if (ix.thetaAlphaRatio !== null)
      this.held.thetaAlpha = hold(this.held.thetaAlpha, ix.thetaAlphaRatio, HYSTERESIS.thetaAlphaRatio);
    const balance = this.held.balance ?? 0.5;
    const alpha = this.held.alpha ?? 0;

    // Without a usable electrode the dream holds where it was; only glitch and presence move.
    const calmTarget = usable ? smoothstep(0.3, 0.7, balance) : prev.calm;
    const dreadTarget = usable ? smoothstep(0.45, 0.8, 1 - balance) : prev.dread;
    const wonderTarget = usable ? smoothstep(0.28, 0.45, alpha) * calmTarget : prev.wonder;
    const drowsyTarget =
      usable && this.held.thetaAlpha !== null ? smoothstep(0.8, 1.6, this.held.thetaAlpha) : prev.drowsiness;
    const glitchTarget = Math.max(badShare, lossShare);

    if (!warmingUp) {
      const allBad = badShare >= 1;
      if (allBad) {
        this.someGoodSince = null;
        this.allBadSince ??= t;
        if (this.headbandOn && t - this.allBadSince >= PRESENCE_OFF_S) this.headbandOn = false;
      } else {
        this.allBadSince = null;
        this.someGoodSince ??= t;
        if (!this.headbandOn && t - this.someGoodSince >= PRESENCE_ON_S) this.headbandOn = true;
      }
    }
    const presenceTarget = this.headbandOn ? 1 : 0;

    const glitchTau = glitchTarget > prev.glitch ? TAU_S.glitchAttack : TAU_S.glitchRelease;
    const calm = approach(prev.calm, calmTarget, dtS, TAU_S.calm);
    const dread = approach(prev.dread, dreadTarget, dtS, TAU_S.dread);
    const wonder = approach(prev.wonder, wonderTarget, dtS, TAU_S.wonder);
    const drowsiness = approach(prev.drowsiness, drowsyTarget, dtS, TAU_S.drowsiness);
    const glitch = approach(prev.glitch, glitchTarget, dtS, glitchTau);
    const presence = approach(prev.presence, presenceTarget, dtS, TAU_S.presence);
    const reused = this.reusedState;
    if (reused) {
      reused.calm = calm;
      reused.dread = dread;
      reused.wonder = wonder;
      reused.drowsiness = drowsiness;
      reused.glitch = glitch;
      reused.presence = presence;
      this.state = reused;
    } else {
      this.state = { calm, dread, wonder, drowsiness, glitch, presence };
    }
    const update = this.reusedUpdate;
    if (!this.explain) {
      if (update) return update;
      return { state: this.state, why: NO_WHY };
    }
    // Say why the dream holds: an artifact window (blink, jaw) is not the same story as lost contact.
    const held: Readonly<Record<string, number>> = ix.artifact
      ? { heldArtifact: 1 }
      : { heldNoUsableElectrode: 1 };
    const calmWhy: Record<string, number> = usable
      ? { alphaBetaBalance: balance, target: calmTarget }
      : { ...held };
    if (calibration !== null) {
      calmWhy.calibration = calibration;
      if (savedBaseline) calmWhy.savedBaseline = 1;
    }
    const why: DreamWhy = {
      calm: calmWhy,
      dread: usable ? { betaAlphaBalance: 1 - balance, target: dreadTarget } : held,
      wonder: usable ? { relativeAlpha: alpha, calm: calmTarget, target: wonderTarget } : held,
      drowsiness:
        usable && this.held.thetaAlpha !== null
          ? { thetaAlphaRatio: this.held.thetaAlpha, target: drowsyTarget }
          : held,
      glitch: warmingUp
        ? { badContactShare: badShare, lostSampleShare: lossShare, warmingUp: 1 }
        : { badContactShare: badShare, lostSampleShare: lossShare },
      presence: warmingUp
        ? {
            allElectrodesBadForS: this.allBadSince === null ? 0 : t - this.allBadSince,
            target: presenceTarget,
            warmingUp: 1,
          }
        : {
            allElectrodesBadForS: this.allBadSince === null ? 0 : t - this.allBadSince,
            target: presenceTarget,
          },
    };
    if (update) {
      update.why = why;
      return update;
    }
    return { state: this.state, why };
  }
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** What each update of a {@link DreamModel} is made of. */
export interface DreamModelOutput {
  /**
   * Whether each update says why (the HUD's why overlay); default true. False gives {@link NO_WHY} every time,
   * for callers that read only the state: on an hour of CSV, `analyze`'s main thread then makes ≈ 20 % less
   * garbage.
   */
  readonly explain?: boolean;
  /**
   * One update object, and one state in it, rewritten by every update (and one inputs object inside the model:
   * calibrated-indices.ts), for a caller done with each before the next; default false, a new one each time.
   */
  readonly reuse?: boolean;
}
