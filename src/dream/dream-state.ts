/** The typed arrow between the dream model and the safety governor. Every dimension is in [0, 1]. */
export interface DreamState {
  readonly calm: number;
  /** The nightmare. */
  readonly dread: number;
  /** The "glorious" extreme. */
  readonly wonder: number;
  /** Theta taking over from alpha: the sleeper drifting off. */
  readonly drowsiness: number;
  /** Bad contact, artifacts and lost packets: shown, never hidden. */
  readonly glitch: number;
  /** 1 while the headband is on (some electrode has contact), 0 once it has been off for a few seconds. */
  readonly presence: number;
}

/** The dimensions the experience is made of; also the CLI's CSV columns, in this order. */
export const DREAM_DIMENSIONS = ['calm', 'dread', 'wonder', 'glitch'] as const;
/** Every dimension of the state, experience first, then the sleeper's and the headband's. */
export const ALL_DREAM_DIMENSIONS = [...DREAM_DIMENSIONS, 'drowsiness', 'presence'] as const;
export type DreamDimension = (typeof ALL_DREAM_DIMENSIONS)[number];

/** What drove a dimension at the last update: each named input's contribution to the target. */
export type DreamWhy = Record<DreamDimension, Readonly<Record<string, number>>>;

export const CALM_DREAM: DreamState = Object.freeze({
  calm: 1,
  dread: 0,
  wonder: 0,
  drowsiness: 0,
  glitch: 0,
  presence: 1,
});

function unit(x: unknown, fallback: number): number {
  return typeof x === 'number' && Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : fallback;
}

/** Fills a partial state from the calm dream and clamps every value into [0, 1] (NaN → the calm value). */
export function completeDreamState(partial: Partial<Record<DreamDimension, unknown>>): DreamState {
  return {
    calm: unit(partial.calm, CALM_DREAM.calm),
    dread: unit(partial.dread, CALM_DREAM.dread),
    wonder: unit(partial.wonder, CALM_DREAM.wonder),
    drowsiness: unit(partial.drowsiness, CALM_DREAM.drowsiness),
    glitch: unit(partial.glitch, CALM_DREAM.glitch),
    presence: unit(partial.presence, CALM_DREAM.presence),
  };
}
