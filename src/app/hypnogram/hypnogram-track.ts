/** The hypnogram as the playback timeline draws it: stages clipped to the recording, neighbours merged. */
import type { HypnogramStage, SleepStage } from '../../readers/index.ts';

/** Rows of the classic hypnogram, top to bottom: wake, REM, then deepening NREM; unscored and movement last. */
export const STAGE_ROWS: readonly SleepStage[] = ['W', 'R', '1', '2', '3', '4', 'M', '?'];

export interface TrackSegment {
  readonly stage: SleepStage;
  readonly fromS: number;
  readonly toS: number;
}

/** Beyond this many segments the track is too fine to see; later ones are dropped (the text says so). */
export const MAX_SEGMENTS = 4000;

export function trackSegments(stages: readonly HypnogramStage[], durationS: number): TrackSegment[] {
  const out: { stage: SleepStage; fromS: number; toS: number }[] = [];
  for (const s of stages) {
    const fromS = Math.max(0, s.onsetS);
    const toS = Math.min(durationS, s.onsetS + s.durationS);
    if (!(toS > fromS)) continue;
    const last = out[out.length - 1];
    if (last && last.stage === s.stage && Math.abs(last.toS - fromS) < 1e-6) last.toS = toS;
    else if (out.length < MAX_SEGMENTS) out.push({ stage: s.stage, fromS, toS });
  }
  return out;
}

/** Seconds in each stage over the segments, in row order, for the track's text alternative. */
export function stageTotals(segments: readonly TrackSegment[]): [SleepStage, number][] {
  const totals = new Map<SleepStage, number>();
  for (const s of segments) totals.set(s.stage, (totals.get(s.stage) ?? 0) + (s.toS - s.fromS));
  return STAGE_ROWS.filter((st) => totals.has(st)).map((st) => [st, totals.get(st) as number]);
}
