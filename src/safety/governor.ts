/**
 * The safety governor sits between the dream model and every scene. Its limits hold whatever the model, a
 * forced state or a scene does:
 * - every scene parameter changes at a bounded rate (HARD_LIMITS, tightened by policy), so brightness and the
 *   effects cannot flash (see HARD_LIMITS for the WCAG 2.3.1 arithmetic);
 * - dread is capped by the policy's nightmare cap;
 * - sustained distress (model dread above the policy threshold for its duration) starts a guided
 *   de-escalation: a breathing cue while the scene glides to calm;
 * - unplug fades to the calm neutral form within UNPLUG_FADE_S and stops all motion; the session is kept;
 * - reduced motion follows the policy, or the browser's `prefers-reduced-motion`.
 * Every intervention and policy change is written to the audit log with its time and cause.
 */
import type { SceneParams } from '../../scenes/params.ts';
import type { DreamState } from '../dream/dream-state.ts';
import { AuditLog } from './audit.ts';
import { HARD_LIMITS, HOME_POLICY, type SafetyPolicy } from './policy.ts';

export { HOME_POLICY, KIOSK_POLICY } from './policy.ts';

export const MAX_BRIGHTNESS_SLEW_PER_S = HARD_LIMITS.maxBrightnessSlewPerS;
export const MAX_DIMENSION_SLEW_PER_S = HARD_LIMITS.maxEffectSlewPerS;
export const BRIGHTNESS_RANGE = [0.15, 0.8] as const;
/** The calm neutral form's brightness: mid-range, so the fade to it from anywhere in range is short. */
export const NEUTRAL_BRIGHTNESS = 0.5;
/** Unplug reaches the calm neutral form within this time from anywhere (the limit is 2 s). */
export const UNPLUG_FADE_S = 1.5;
/** Dimensions fade towards calm at this rate after unplug: the whole 0..1 range in UNPLUG_FADE_S. */
export const UNPLUG_SLEW_PER_S = 1 / UNPLUG_FADE_S;
/** Brightness swings the limiter holds back by more than this are logged as flash-limit interventions. */
const FLASH_LIMIT_LOG_DELTA = 0.1;
/** At most one flash-limit entry per this many seconds, so a long adversarial input does not flood the log. */
const FLASH_LIMIT_LOG_EVERY_S = 5;

export interface GovernorStatus {
  policy: SafetyPolicy;
  reducedMotion: boolean;
  systemPrefersReducedMotion: boolean;
  unplugged: boolean;
  unplugCause: string | null;
  deEscalating: boolean;
  /** Seconds since the current de-escalation began (0 when none). */
  deEscalationS: number;
  /** Seconds model dread has been above the distress threshold (0 when it is not). */
  distressS: number;
  /** Seconds of displayed frames the governor has run. */
  timeS: number;
}

function slew(current: number, target: number, maxPerS: number, dtS: number): number {
  const step = maxPerS * dtS;
  // Land exactly on the target rather than a rounding error away from it, so "calm neutral" is exact.
  if (Math.abs(target - current) <= step + 1e-12) return target;
  return current + Math.max(-step, Math.min(step, target - current));
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

const fmt = (x: number) => x.toFixed(2);

export class SafetyGovernor {
  readonly audit: AuditLog;
  private params: SceneParams;
  private timeS = 0;
  private systemReduced = false;
  private unplugCause: string | null = null;
  private distressSince: number | null = null;
  private deEscalationSince: number | null = null;
  private calmSince: number | null = null;
  private capEngaged = false;
  private flashLimitEngaged = false;
  private lastFlashLogS = -Infinity;

  constructor(
    private policy: SafetyPolicy = HOME_POLICY,
    options: { audit?: AuditLog; initial?: SceneParams } = {},
  ) {
    this.audit = options.audit ?? new AuditLog();
    const reduced = this.reducedMotion;
    this.params = options.initial ?? {
      calm: 1,
      dread: 0,
      wonder: 0,
      glitch: 0,
      brightness: 0.55,
      motion: reduced ? 0.1 : 0.3,
      reducedMotion: reduced,
      unplugged: false,
    };
    this.audit.record(0, 'policy', `policy '${policy.name}' in force`);
  }

  get current(): SceneParams {
    return this.params;
  }

  get currentPolicy(): SafetyPolicy {
    return this.policy;
  }

  get reducedMotion(): boolean {
    return (
      this.policy.reducedMotion === 'always' || (this.policy.reducedMotion === 'system' && this.systemReduced)
    );
  }

  setPolicy(policy: SafetyPolicy, cause = 'policy changed'): void {
    this.policy = policy;
    this.audit.record(
      this.timeS,
      'policy',
      `${cause}: policy '${policy.name}' (nightmare cap ${fmt(policy.nightmareCap)}, distress ` +
        `${fmt(policy.distress.threshold)} for ${policy.distress.durationS} s, reduced motion ${policy.reducedMotion})`,
    );
  }

  /** The browser's `prefers-reduced-motion`, honoured when the policy says 'system'. */
  setSystemReducedMotion(prefers: boolean): void {
    if (prefers === this.systemReduced) return;
    this.systemReduced = prefers;
    this.audit.record(
      this.timeS,
      'reduced-motion',
      `the system ${prefers ? 'prefers' : 'no longer prefers'} reduced motion` +
        (this.policy.reducedMotion === 'system' ? '' : ` (policy overrides: ${this.policy.reducedMotion})`),
    );
  }

  /** Fades to the calm neutral form and stops all motion; the session keeps running underneath. */
  unplug(cause: string): void {
    if (this.unplugCause !== null) return;
    this.unplugCause = cause;
    this.audit.record(this.timeS, 'unplug', cause);
  }

  resume(cause: string): void {
    if (this.unplugCause === null) return;
    this.unplugCause = null;
    this.audit.record(this.timeS, 'resume', cause);
  }

  get unplugged(): boolean {
    return this.unplugCause !== null;
  }

  status(): GovernorStatus {
    return {
      policy: this.policy,
      reducedMotion: this.reducedMotion,
      systemPrefersReducedMotion: this.systemReduced,
      unplugged: this.unplugged,
      unplugCause: this.unplugCause,
      deEscalating: this.deEscalationSince !== null,
      deEscalationS: this.deEscalationSince === null ? 0 : this.timeS - this.deEscalationSince,
      distressS: this.distressSince === null ? 0 : this.timeS - this.distressSince,
      timeS: this.timeS,
    };
  }

  /** Moves the scene parameters toward what `state` asks for, within the limits, over `dtS` seconds. */
  update(state: DreamState, dtS: number): SceneParams {
    const dt = Math.max(0, Math.min(1, Number.isFinite(dtS) ? dtS : 0));
    this.timeS += dt;
    const t = this.timeS;
    const p = this.params;
    const policy = this.policy;
    const reduced = this.reducedMotion;
    const modelDread = clamp01(state.dread);

    this.trackDistress(modelDread, t);

    const cap = clamp01(policy.nightmareCap);
    if (!this.capEngaged && modelDread > cap) {
      this.capEngaged = true;
      this.audit.record(t, 'nightmare-cap', `model dread ${fmt(modelDread)} capped at ${fmt(cap)}`);
    } else if (this.capEngaged && modelDread < cap - 0.05) this.capEngaged = false;

    const brightnessSlew = Math.min(HARD_LIMITS.maxBrightnessSlewPerS, policy.flash.maxBrightnessSlewPerS);
    const effectSlew = Math.min(HARD_LIMITS.maxEffectSlewPerS, policy.flash.maxEffectSlewPerS);

    if (this.unplugged) {
      // Monotonic fades to the neutral form: no opposing pair of changes, so no flash, at any fade speed.
      this.params = {
        calm: slew(p.calm, 1, UNPLUG_SLEW_PER_S, dt),
        // A lower cap that comes into force mid-fade (a kiosk policy, say) holds at once, as it does plugged in.
        dread: Math.min(cap, slew(p.dread, 0, UNPLUG_SLEW_PER_S, dt)),
        wonder: slew(p.wonder, 0, UNPLUG_SLEW_PER_S, dt),
        glitch: slew(p.glitch, 0, UNPLUG_SLEW_PER_S, dt),
        brightness: slew(p.brightness, NEUTRAL_BRIGHTNESS, brightnessSlew, dt),
        motion: slew(p.motion, 0, UNPLUG_SLEW_PER_S, dt),
        reducedMotion: reduced,
        unplugged: true,
      };
      return this.params;
    }

    const deEscalating = this.deEscalationSince !== null;
    // During de-escalation the scene glides to calm over returnS, slower than any normal change.
    const dimSlew = deEscalating ? Math.min(effectSlew, 1 / policy.deEscalation.returnS) : effectSlew;
    const dread = deEscalating ? 0 : Math.min(modelDread, cap);
    const calm = deEscalating ? 1 : clamp01(state.calm);
    const wonder = deEscalating ? 0 : clamp01(state.wonder);
    // Glitch is honesty about the signal, not stimulation we may hide: it passes through de-escalation.
    const glitch = clamp01(state.glitch);
    const brightnessTarget = Math.min(
      BRIGHTNESS_RANGE[1],
      Math.max(BRIGHTNESS_RANGE[0], 0.55 + 0.2 * wonder - 0.35 * dread - 0.1 * glitch),
    );
    const motionTarget = (reduced ? 0.1 : 0.25) + (reduced ? 0.1 : 0.6) * dread;
    const brightness = slew(p.brightness, brightnessTarget, brightnessSlew, dt);
    this.params = {
      calm: slew(p.calm, calm, dimSlew, dt),
      dread: Math.min(cap, slew(p.dread, dread, dimSlew, dt)),
      wonder: slew(p.wonder, wonder, dimSlew, dt),
      glitch: slew(p.glitch, glitch, effectSlew, dt),
      brightness,
      motion: slew(p.motion, motionTarget, effectSlew, dt),
      reducedMotion: reduced,
      unplugged: false,
    };

    const heldBack = Math.abs(brightnessTarget - brightness);
    if (!this.flashLimitEngaged && heldBack > FLASH_LIMIT_LOG_DELTA) {
      this.flashLimitEngaged = true;
      if (t - this.lastFlashLogS >= FLASH_LIMIT_LOG_EVERY_S) {
        this.lastFlashLogS = t;
        this.audit.record(
          t,
          'flash-limit',
          `brightness change of ${fmt(brightnessTarget - p.brightness)} slowed to ${fmt(brightnessSlew)}/s`,
        );
      }
    } else if (this.flashLimitEngaged && heldBack < 0.02) this.flashLimitEngaged = false;
    return this.params;
  }

  private trackDistress(modelDread: number, t: number): void {
    const { threshold, durationS } = this.policy.distress;
    const { returnS, settleS } = this.policy.deEscalation;
    if (modelDread > threshold) {
      this.distressSince ??= t;
      this.calmSince = null;
    } else {
      this.distressSince = null;
      this.calmSince ??= t;
    }
    if (this.deEscalationSince === null) {
      if (this.distressSince !== null && t - this.distressSince >= durationS && !this.unplugged) {
        this.deEscalationSince = t;
        this.audit.record(
          t,
          'de-escalation-start',
          `dread above ${fmt(threshold)} for ${durationS} s: breathing cue, gliding to calm over ${returnS} s`,
        );
      }
    } else if (
      t - this.deEscalationSince >= returnS &&
      this.calmSince !== null &&
      t - this.calmSince >= settleS
    ) {
      this.audit.record(
        t,
        'de-escalation-end',
        `dread below ${fmt(threshold)} for ${settleS} s after ${fmt(t - this.deEscalationSince)} s`,
      );
      this.deEscalationSince = null;
      this.distressSince = null;
    }
  }
}
