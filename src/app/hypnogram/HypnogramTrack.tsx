import { useEffect, useState } from 'react';
import type { SessionController } from '../session-controller.ts';
import { stageName, type SessionHypnogram } from './hypnogram-files.ts';
import { STAGE_ROWS, stageTotals, trackSegments } from './hypnogram-track.ts';

function useHypnogram(controller: SessionController): SessionHypnogram | null {
  const [hypnogram, setHypnogram] = useState<SessionHypnogram | null>(controller.hypnogram$.value);
  useEffect(() => {
    const sub = controller.hypnogram$.subscribe(setHypnogram);
    return () => sub.unsubscribe();
  }, [controller]);
  return hypnogram;
}

const minutes = (s: number) => `${(s / 60).toFixed(s < 600 ? 1 : 0)} min`;

/** The sleep stages under the playback timeline, one row per stage, with a text alternative. */
export function HypnogramTrack({
  controller,
  durationS,
}: {
  controller: SessionController;
  durationS: number;
}) {
  const hypnogram = useHypnogram(controller);
  if (!hypnogram) return null;
  const dur = Math.max(durationS, 1e-3);
  const segments = trackSegments(hypnogram.stages, dur);
  const totals = stageTotals(segments);
  const summary =
    segments.length === 0
      ? `no scored stage falls within this recording`
      : totals.map(([st, s]) => `${stageName(st)} ${minutes(s)}`).join(', ');
  return (
    <div
      className="hypnogram-track"
      role="img"
      aria-label={`Hypnogram from ${hypnogram.file}: ${summary}`}
      data-testid="hypnogram-track"
      style={{ ['--hypnogram-rows' as string]: STAGE_ROWS.length }}
    >
      {segments.map((s, i) => (
        <i
          key={i}
          className={`stage stage-${s.stage === '?' ? 'unscored' : s.stage}`}
          data-stage={s.stage}
          title={`${stageName(s.stage)}, ${minutes(s.toS - s.fromS)}`}
          style={{
            left: `${(100 * s.fromS) / dur}%`,
            width: `${(100 * (s.toS - s.fromS)) / dur}%`,
            top: `${(100 * STAGE_ROWS.indexOf(s.stage)) / STAGE_ROWS.length}%`,
          }}
        />
      ))}
    </div>
  );
}

/** The stage scored at the moment that plays, for the HUD. */
export function CurrentSleepStage({ controller, atS }: { controller: SessionController; atS: number }) {
  const hypnogram = useHypnogram(controller);
  if (!hypnogram) return null;
  const stage = hypnogram.stageAt(atS);
  return (
    <div data-testid="hypnogram-stage">
      sleep stage: {stage === null ? 'not scored here' : `${stageName(stage)} (${stage})`}
    </div>
  );
}
