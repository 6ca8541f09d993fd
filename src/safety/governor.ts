/**
 * The safety governor sits between the dream model and every scene. Its limits hold whatever the model or a
 * scene does: every scene parameter changes at a bounded rate, so brightness cannot flash, and dread is capped
 * by policy.
 *
 * Why the brightness slew bounds flashes: a WCAG 2.3.1 general flash is an opposing pair of luminance changes of
 * at least 10%. At MAX_BRIGHTNESS_SLEW_PER_S = 0.25 a 10% swing takes at least 0.4 s, so one opposing pair takes
 * 0.8 s: at most 1.25 flashes a second, under the limit of 3, for any input.
 */
import type { SceneParams } from '../../scenes/params.ts';
import type { DreamState } from '../dream/dream-state.ts';

export interface GovernorPolicy {
  /** Highest dread a scene may be shown, 0..1. */
  readonly maxDread: number;
  readonly reducedMotion: boolean;
}

export const HOME_POLICY: GovernorPolicy = Object.freeze({ maxDread: 1, reducedMotion: false });

export const MAX_BRIGHTNESS_SLEW_PER_S = 0.25;
export const MAX_DIMENSION_SLEW_PER_S = 0.5;
export const BRIGHTNESS_RANGE = [0.15, 0.8] as const;

function slew(current: number, target: number, maxPerS: number, dtS: number): number {
  const step = maxPerS * dtS;
  return current + Math.max(-step, Math.min(step, target - current));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

export class SafetyGovernor {
  private params: SceneParams;

  constructor(
    private policy: GovernorPolicy = HOME_POLICY,
    initial?: SceneParams,
  ) {
    this.params = initial ?? {
      calm: 1,
      dread: 0,
      wonder: 0,
      glitch: 0,
      brightness: 0.55,
      motion: policy.reducedMotion ? 0.1 : 0.3,
      reducedMotion: policy.reducedMotion,
      unplugged: false,
    };
  }

  setPolicy(policy: GovernorPolicy): void {
    this.policy = policy;
  }

  get current(): SceneParams {
    return this.params;
  }

  /** Moves the scene parameters toward what `state` asks for, within the limits, over `dtS` seconds. */
  update(state: DreamState, dtS: number): SceneParams {
    const dt = Math.max(0, Math.min(1, Number.isFinite(dtS) ? dtS : 0));
    const p = this.params;
    const dread = Math.min(clamp01(state.dread), this.policy.maxDread);
    const calm = clamp01(state.calm);
    const wonder = clamp01(state.wonder);
    const glitch = clamp01(state.glitch);
    const brightnessTarget = Math.min(
      BRIGHTNESS_RANGE[1],
      Math.max(BRIGHTNESS_RANGE[0], 0.55 + 0.2 * wonder - 0.35 * dread - 0.1 * glitch),
    );
    const motionTarget =
      (this.policy.reducedMotion ? 0.1 : 0.25) + (this.policy.reducedMotion ? 0.1 : 0.6) * dread;
    this.params = {
      calm: slew(p.calm, calm, MAX_DIMENSION_SLEW_PER_S, dt),
      dread: Math.min(this.policy.maxDread, slew(p.dread, dread, MAX_DIMENSION_SLEW_PER_S, dt)),
      wonder: slew(p.wonder, wonder, MAX_DIMENSION_SLEW_PER_S, dt),
      glitch: slew(p.glitch, glitch, MAX_DIMENSION_SLEW_PER_S, dt),
      brightness: slew(p.brightness, brightnessTarget, MAX_BRIGHTNESS_SLEW_PER_S, dt),
      motion: slew(p.motion, motionTarget, MAX_DIMENSION_SLEW_PER_S, dt),
      reducedMotion: this.policy.reducedMotion,
      unplugged: false,
    };
    return this.params;
  }
}
