/**
 * The dream model's inputs, kept behind one small interface: today they are read straight from a band-power
 * frame; calibrated per-user z-scores from dsp/ can replace `indicesFromFrame` without touching the model.
 */
import type { BandPowerFrame } from '../pipeline/frames.ts';

export interface DreamIndices {
  /** Signal time of the update (s since session start). */
  readonly t: number;
  /** α / (α + β) over the usable electrodes, 0..1; null when no electrode is usable. */
  readonly alphaBetaBalance: number | null;
  /** Mean relative alpha over the usable electrodes, 0..1; null when no electrode is usable. */
  readonly relativeAlpha: number | null;
  /** θ / α over the usable electrodes (≥ 0); null when no electrode is usable or alpha is zero. */
  readonly thetaAlphaRatio: number | null;
  /** Share of electrodes whose window was complete but whose contact is bad (quality 4). */
  readonly badQualityShare: number;
  /** Share of electrodes without a complete analysis window (warm-up, a gap, no values). */
  readonly incompleteShare: number;
  /** True when the window overlaps a blink or jaw clench: the inputs are withheld, the model holds. */
  readonly artifact?: boolean;
}

export function indicesFromFrame(frame: BandPowerFrame): DreamIndices {
  return indicesFromFrameInto(frame, blankDreamIndices());
}

/** Indices with every field {@link indicesFromFrameInto} writes, to be written. */
export function blankDreamIndices(): { -readonly [K in keyof DreamIndices]: DreamIndices[K] } {
  return {
    t: 0,
    alphaBetaBalance: null,
    relativeAlpha: null,
    thetaAlphaRatio: null,
    badQualityShare: 0,
    incompleteShare: 0,
  };
}

/** {@link indicesFromFrame} written into `out` (its other fields untouched), which it returns. */
export function indicesFromFrameInto<T extends { -readonly [K in keyof DreamIndices]: DreamIndices[K] }>(
  frame: BandPowerFrame,
  out: T,
): T {
  const nc = frame.channels.length;
  let badQuality = 0;
  let incomplete = 0;
  for (let c = 0; c < nc; c++) {
    if (!frame.valid[c]) incomplete++;
    else if (frame.quality[c] === 4) badQuality++;
  }
  const alpha = meanRelative(frame, 'alpha');
  const beta = meanRelative(frame, 'beta');
  const theta = meanRelative(frame, 'theta');
  const usable = badQuality + incomplete < nc && alpha + beta > 0;
  out.t = frame.t;
  out.alphaBetaBalance = usable ? alpha / (alpha + beta) : null;
  out.relativeAlpha = usable ? alpha : null;
  out.thetaAlphaRatio = usable && alpha > 0 ? theta / alpha : null;
  out.badQualityShare = nc > 0 ? badQuality / nc : 1;
  out.incompleteShare = nc > 0 ? incomplete / nc : 1;
  return out;
}

/** The band's relative power averaged over the electrodes; 0 when the frame has no such band or no value. */
function meanRelative(frame: BandPowerFrame, band: string): number {
  const i = frame.bands.indexOf(band);
  const v = i >= 0 ? (frame.meanRelative[i] ?? 0) : 0;
  return Number.isFinite(v) ? v : 0;
}
