/**
 * How long the wizard's steps last. The defaults follow the DSP's calibration (60 s rest, 30 s per eyes step);
 * `?debug=1&calibrationS=N` shortens every step to N seconds so tests can run the wizard in seconds against the
 * demo. Without debug the parameter is ignored: a short baseline is a poor one, and users should not get it by
 * sharing a link.
 */
import { DEFAULT_EYES_S, DEFAULT_REST_S } from './calibration-run.ts';

export interface StepDurations {
  readonly restS: number;
  readonly eyesS: number;
  /** Set when the URL asked for something that was not applied, in plain words. */
  readonly note?: string;
}

export const MIN_DEBUG_S = 1;
export const MAX_DEBUG_S = 600;

export function durationsFromQuery(search: string): StepDurations {
  const params = new URLSearchParams(search);
  const text = params.get('calibrationS');
  const defaults = { restS: DEFAULT_REST_S, eyesS: DEFAULT_EYES_S };
  if (text === null) return defaults;
  if (params.get('debug') !== '1') {
    return { ...defaults, note: 'calibrationS applies only with debug=1; using the full durations.' };
  }
  const s = Number(text);
  if (!Number.isFinite(s) || s < MIN_DEBUG_S || s > MAX_DEBUG_S) {
    return {
      ...defaults,
      note: `calibrationS: expected seconds from ${MIN_DEBUG_S} to ${MAX_DEBUG_S}, found "${text}"; using the full durations.`,
    };
  }
  return { restS: s, eyesS: s };
}
