/**
 * The safety policy: a JSON configuration with home and kiosk presets. A policy can only tighten the governor's
 * hard limits (flash rates), never loosen them. Parsing validates every field and names the one that is wrong.
 */

export type ReducedMotionSetting = 'system' | 'always' | 'never';

export interface SafetyPolicy {
  /** Preset this policy started from, or the name given in the JSON. */
  readonly name: string;
  /** Highest dread (nightmare intensity) a scene may be shown, 0..1. */
  readonly nightmareCap: number;
  /** Model dread above `threshold` for `durationS` seconds starts a guided de-escalation. */
  readonly distress: { readonly threshold: number; readonly durationS: number };
  /**
   * De-escalation: a breathing cue while the scene glides to calm over `returnS` seconds; it ends once the
   * model's dread has stayed below the distress threshold for `settleS` seconds.
   */
  readonly deEscalation: { readonly returnS: number; readonly settleS: number };
  /** 'system' follows the browser's `prefers-reduced-motion`. */
  readonly reducedMotion: ReducedMotionSetting;
  /** Rate limits on what can flash: overall brightness and the effect dimensions (glitch, dread, wonder). */
  readonly flash: { readonly maxBrightnessSlewPerS: number; readonly maxEffectSlewPerS: number };
  /** The soundscape; absent means home's. */
  readonly sound?: SoundPolicy;
}

export interface SoundPolicy {
  /** False: no sound at all, the toggle is disabled. */
  readonly allowed: boolean;
  /** Sound starts on (at the first click or key press) unless the listener has muted it before. */
  readonly startOn: boolean;
  /** Ceiling on the listener's volume, 0..1. */
  readonly maxVolume: number;
}

/**
 * Hard limits, independent of policy and scene. At 0.25/s a 10% brightness swing takes at least 0.4 s, so one
 * opposing pair (a WCAG 2.3.1 general flash) takes 0.8 s: at most 1.25 flashes a second, under the limit of 3.
 */
export const HARD_LIMITS = { maxBrightnessSlewPerS: 0.25, maxEffectSlewPerS: 0.5 } as const;

export const HOME_POLICY: SafetyPolicy = Object.freeze({
  name: 'home',
  nightmareCap: 1,
  distress: Object.freeze({ threshold: 0.8, durationS: 20 }),
  deEscalation: Object.freeze({ returnS: 20, settleS: 10 }),
  reducedMotion: 'system',
  flash: Object.freeze({ ...HARD_LIMITS }),
  sound: Object.freeze({ allowed: true, startOn: false, maxVolume: 1 }),
});

export const KIOSK_POLICY: SafetyPolicy = Object.freeze({
  name: 'kiosk',
  nightmareCap: 0.7,
  distress: Object.freeze({ threshold: 0.6, durationS: 20 }),
  deEscalation: Object.freeze({ returnS: 15, settleS: 10 }),
  reducedMotion: 'system',
  flash: Object.freeze({ maxBrightnessSlewPerS: 0.2, maxEffectSlewPerS: 0.4 }),
  // A passer-by is not met with sound: a kiosk plays it only if its policy turns it on.
  sound: Object.freeze({ allowed: false, startOn: false, maxVolume: 0.6 }),
});

export const POLICY_PRESETS: Readonly<Record<string, SafetyPolicy>> = Object.freeze({
  home: HOME_POLICY,
  kiosk: KIOSK_POLICY,
});

export class PolicyError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(`${field}: ${message}`);
    this.name = 'PolicyError';
  }
}

function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v);
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  return Array.isArray(v) ? 'an array' : 'an object';
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkKeys(obj: Record<string, unknown>, path: string, allowed: readonly string[]): void {
  for (const k of Object.keys(obj))
    if (!allowed.includes(k))
      throw new PolicyError(`${path}.${k}`, `unknown field (expected one of ${allowed.join(', ')})`);
}

function num(
  obj: Record<string, unknown>,
  key: string,
  path: string,
  min: number,
  max: number,
  dflt: number,
) {
  const v = obj[key];
  if (v === undefined) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    throw new PolicyError(`${path}.${key}`, `expected a number from ${min} to ${max}, found ${describe(v)}`);
  return v;
}

function section(obj: Record<string, unknown>, key: string, path: string, allowed: readonly string[]) {
  const v = obj[key];
  if (v === undefined) return {};
  if (!isRecord(v)) throw new PolicyError(`${path}.${key}`, `expected an object, found ${describe(v)}`);
  checkKeys(v, `${path}.${key}`, allowed);
  return v;
}

/**
 * Validates a policy from JSON (a string or parsed value). Fields left out come from `preset` ("home" or
 * "kiosk", default "home"). Throws PolicyError naming the field, e.g. `policy.distress.durationS: expected a
 * number from 1 to 3600, found "20s"`.
 */
export function parsePolicy(json: unknown): SafetyPolicy {
  let value = json;
  if (typeof json === 'string') {
    try {
      value = JSON.parse(json);
    } catch (err) {
      throw new PolicyError('policy', `expected JSON, found invalid text (${(err as Error).message})`);
    }
  }
  const p = 'policy';
  if (!isRecord(value)) throw new PolicyError(p, `expected an object, found ${describe(value)}`);
  checkKeys(value, p, [
    'preset',
    'name',
    'nightmareCap',
    'distress',
    'deEscalation',
    'reducedMotion',
    'flash',
    'sound',
  ]);
  const presetName = value.preset ?? 'home';
  const base = typeof presetName === 'string' ? POLICY_PRESETS[presetName] : undefined;
  if (!base)
    throw new PolicyError(
      `${p}.preset`,
      `expected one of ${Object.keys(POLICY_PRESETS).join(', ')}, found ${describe(presetName)}`,
    );
  const name = value.name ?? base.name;
  if (typeof name !== 'string' || name.length === 0 || name.length > 60)
    throw new PolicyError(`${p}.name`, `expected a name of 1 to 60 characters, found ${describe(name)}`);
  const reducedMotion = value.reducedMotion ?? base.reducedMotion;
  if (reducedMotion !== 'system' && reducedMotion !== 'always' && reducedMotion !== 'never')
    throw new PolicyError(
      `${p}.reducedMotion`,
      `expected "system", "always" or "never", found ${describe(reducedMotion)}`,
    );
  const distress = section(value, 'distress', p, ['threshold', 'durationS']);
  const de = section(value, 'deEscalation', p, ['returnS', 'settleS']);
  const flash = section(value, 'flash', p, ['maxBrightnessSlewPerS', 'maxEffectSlewPerS']);
  const hard = HARD_LIMITS;
  const sound = section(value, 'sound', p, ['allowed', 'startOn', 'maxVolume']);
  const baseSound = base.sound ?? HOME_POLICY.sound!;
  const flag = (key: 'allowed' | 'startOn') => {
    const v = sound[key] ?? baseSound[key];
    if (typeof v !== 'boolean')
      throw new PolicyError(`${p}.sound.${key}`, `expected true or false, found ${describe(v)}`);
    return v;
  };
  return {
    name,
    nightmareCap: num(value, 'nightmareCap', p, 0, 1, base.nightmareCap),
    distress: {
      threshold: num(distress, 'threshold', `${p}.distress`, 0, 1, base.distress.threshold),
      durationS: num(distress, 'durationS', `${p}.distress`, 1, 3600, base.distress.durationS),
    },
    deEscalation: {
      returnS: num(de, 'returnS', `${p}.deEscalation`, 2, 600, base.deEscalation.returnS),
      settleS: num(de, 'settleS', `${p}.deEscalation`, 0, 3600, base.deEscalation.settleS),
    },
    reducedMotion,
    flash: {
      // A policy may only tighten the hard limits: the upper bound of each range is the hard limit itself.
      maxBrightnessSlewPerS: num(
        flash,
        'maxBrightnessSlewPerS',
        `${p}.flash`,
        0.01,
        hard.maxBrightnessSlewPerS,
        base.flash.maxBrightnessSlewPerS,
      ),
      maxEffectSlewPerS: num(
        flash,
        'maxEffectSlewPerS',
        `${p}.flash`,
        0.01,
        hard.maxEffectSlewPerS,
        base.flash.maxEffectSlewPerS,
      ),
    },
    sound: {
      allowed: flag('allowed'),
      startOn: flag('startOn'),
      maxVolume: num(sound, 'maxVolume', `${p}.sound`, 0, 1, baseSound.maxVolume),
    },
  };
}
