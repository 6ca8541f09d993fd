/** The typed arrow between the dream model and the safety governor. Every dimension is in [0, 1]. */
export interface DreamState {
  readonly calm: number;
  readonly dread: number;
  readonly wonder: number;
  readonly glitch: number;
}

export const DREAM_DIMENSIONS = ['calm', 'dread', 'wonder', 'glitch'] as const;
export type DreamDimension = (typeof DREAM_DIMENSIONS)[number];

/** What drove a dimension at the last update: each named input's contribution to the target. */
export type DreamWhy = Record<DreamDimension, Readonly<Record<string, number>>>;

export const CALM_DREAM: DreamState = Object.freeze({ calm: 1, dread: 0, wonder: 0, glitch: 0 });
