/**
 * The figures a sleeper reflects on afterwards.
 *
 * - Time in a state: update intervals during which that dimension was at least IN_STATE (0.5).
 * - A dread episode starts when dread reaches IN_STATE and is a recovery once dread falls back below RECOVERED
 *   (0.3); its recovery time runs from the episode's start to that moment. The gap between the two thresholds is
 *   hysteresis: dread hovering around 0.5 counts once, not many times.
 */
import type { SessionRecord } from './session-record.ts';

export const IN_STATE = 0.5;
export const RECOVERED = 0.3;

export interface SessionSummary {
  readonly durationS: number;
  readonly timeInS: { readonly calm: number; readonly dread: number; readonly wonder: number };
  readonly recoveries: { readonly count: number; readonly medianS: number | null; readonly timesS: number[] };
  /** Dread episodes still open when the session ended. */
  readonly unresolvedDreadEpisodes: number;
  /** null when no governor ran. */
  readonly interventions: number | null;
  readonly markers: number;
  readonly gaps: { readonly count: number; readonly missingSamples: number };
  /** Mean share of electrodes with bad contact over the session. */
  readonly meanBadContact: number;
}

function median(xs: number[]): number | null {
  if (xs.length === 0) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/** Duration each update stands for: until the next update, the last one for a typical step. */
function stepAt(t: Float32Array, i: number): number {
  const next = t[i + 1];
  if (next !== undefined) return next - (t[i] as number);
  const prev = t[i - 1];
  return prev !== undefined ? (t[i] as number) - prev : 0;
}

export function summarizeSession(record: SessionRecord): SessionSummary {
  const { t } = record;
  const timeIn = { calm: 0, dread: 0, wonder: 0 };
  const recoveries: number[] = [];
  let episodeStart: number | null = null;
  let bad = 0;
  for (let i = 0; i < t.length; i++) {
    const dt = stepAt(t, i);
    for (const k of ['calm', 'dread', 'wonder'] as const)
      if ((record.dream[k][i] ?? 0) >= IN_STATE) timeIn[k] += dt;
    const dread = record.dream.dread[i] ?? 0;
    const now = t[i] as number;
    if (episodeStart === null && dread >= IN_STATE) episodeStart = now;
    else if (episodeStart !== null && dread < RECOVERED) {
      recoveries.push(now - episodeStart);
      episodeStart = null;
    }
    bad += record.badContact[i] ?? 0;
  }
  return {
    durationS: record.durationS,
    timeInS: timeIn,
    recoveries: { count: recoveries.length, medianS: median(recoveries), timesS: recoveries },
    unresolvedDreadEpisodes: episodeStart === null ? 0 : 1,
    interventions: record.audit ? record.audit.length : null,
    markers: record.markers.length,
    gaps: {
      count: record.gaps.length,
      missingSamples: record.gaps.reduce((n, g) => n + g.missingSamples, 0),
    },
    meanBadContact: t.length > 0 ? bad / t.length : 0,
  };
}
