/**
 * Turns band powers and signal quality into a dream state. Pure and stateful (one instance per session), so the
 * app and the CLI compute the same dream from the same recording.
 *
 * Targets (foundation form; calibrated z-scores replace the fixed anchors once per-user baselines exist):
 * - balance = α / (α + β) from mean relative alpha and beta over the electrodes with good windows;
 *   relaxed Muse recordings sit near 0.7, concentrating ones near 0.3.
 * - calm   = smoothstep(0.30, 0.70, balance)
 * - dread  = smoothstep(0.45, 0.80, 1 − balance): a sustained beta-dominated, alpha-poor state.
 * - wonder = smoothstep(0.28, 0.45, α) · calm: dominant alpha on top of calm, the "glorious" extreme.
 * - glitch = the larger of the share of electrodes with bad contact (quality 4 or incomplete window) and the
 *   share of samples lost over the last second; the glitch is shown, never hidden.
 * Smoothing is first order toward each target with time constants TAU_S: dread rises slowly so one noisy
 * window never starts a nightmare, glitch attacks fast so a lost contact is seen at once.
 */
import type { BandPowerFrame } from '../pipeline/frames.ts';
import { CALM_DREAM, type DreamState, type DreamWhy } from './dream-state.ts';

export const TAU_S = { calm: 1.5, dread: 2.5, wonder: 3, glitchAttack: 0.2, glitchRelease: 1.5 } as const;

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

export class DreamModel {
  private state: DreamState = CALM_DREAM;
  private lastT: number | null = null;
  /** Lost samples with their time, for the loss share over the last second. */
  private losses: { t: number; samples: number }[] = [];

  constructor(private readonly sampleRate: number) {}

  /** Records samples that should have arrived and did not, at time `t` (s). */
  lost(t: number, samples: number): void {
    if (samples > 0) this.losses.push({ t, samples });
  }

  update(frame: BandPowerFrame): DreamUpdate {
    const dtS = this.lastT === null ? 0.1 : Math.max(0, Math.min(1, frame.t - this.lastT));
    this.lastT = frame.t;

    const nc = frame.channels.length;
    let bad = 0;
    for (let c = 0; c < nc; c++) if (!frame.valid[c] || frame.quality[c] === 4) bad++;
    const badShare = nc > 0 ? bad / nc : 1;

    while (this.losses.length > 0 && (this.losses[0]?.t ?? 0) < frame.t - 1) this.losses.shift();
    let lostSamples = 0;
    for (const l of this.losses) lostSamples += l.samples;
    const lossShare = Math.min(1, lostSamples / this.sampleRate);

    const alphaI = frame.bands.indexOf('alpha');
    const betaI = frame.bands.indexOf('beta');
    const alpha = alphaI >= 0 ? (frame.meanRelative[alphaI] ?? 0) : 0;
    const beta = betaI >= 0 ? (frame.meanRelative[betaI] ?? 0) : 0;
    const usable = bad < nc && alpha + beta > 0;

    const prev = this.state;
    const balance = usable ? alpha / (alpha + beta) : NaN;
    // Without a usable electrode the dream holds where it was; only the glitch moves.
    const calmTarget = usable ? smoothstep(0.3, 0.7, balance) : prev.calm;
    const dreadTarget = usable ? smoothstep(0.45, 0.8, 1 - balance) : prev.dread;
    const wonderTarget = usable ? smoothstep(0.28, 0.45, alpha) * calmTarget : prev.wonder;
    const glitchTarget = Math.max(badShare, lossShare);

    const glitchTau = glitchTarget > prev.glitch ? TAU_S.glitchAttack : TAU_S.glitchRelease;
    this.state = {
      calm: approach(prev.calm, calmTarget, dtS, TAU_S.calm),
      dread: approach(prev.dread, dreadTarget, dtS, TAU_S.dread),
      wonder: approach(prev.wonder, wonderTarget, dtS, TAU_S.wonder),
      glitch: approach(prev.glitch, glitchTarget, dtS, glitchTau),
    };
    const why: DreamWhy = {
      calm: usable ? { alphaBetaBalance: balance } : { heldNoUsableElectrode: 1 },
      dread: usable ? { betaAlphaBalance: 1 - balance } : { heldNoUsableElectrode: 1 },
      wonder: usable ? { relativeAlpha: alpha, calm: calmTarget } : { heldNoUsableElectrode: 1 },
      glitch: { badContactShare: badShare, lostSampleShare: lossShare },
    };
    return { state: this.state, why };
  }
}
