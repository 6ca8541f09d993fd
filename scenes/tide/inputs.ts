import type { SceneParams } from '../params';

/**
 * The numbers the Tide look is computed from. `reduced` is a number, not a boolean, so that switching
 * reduced motion on can be damped like everything else instead of snapping the camera.
 */
export interface TideInputs {
  calm: number;
  dread: number;
  wonder: number;
  glitch: number;
  brightness: number;
  motion: number;
  reduced: number;
}

export const TIDE_INPUT_KEYS = [
  'calm',
  'dread',
  'wonder',
  'glitch',
  'brightness',
  'motion',
  'reduced',
] as const satisfies readonly (keyof TideInputs)[];

export function createTideInputs(): TideInputs {
  return { calm: 1, dread: 0, wonder: 0, glitch: 0, brightness: 0.5, motion: 0.3, reduced: 0 };
}

/** Governed params are already bounded; this guards against a NaN or a stray value reaching a shader. */
function unit(x: number, fallback: number): number {
  if (!Number.isFinite(x)) return fallback;
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * The targets the scene eases towards. Unplugged means the calm neutral form: the dream dimensions are
 * dropped, while brightness and motion still come from the governor, which already rate-limits them.
 */
export function resolveTideInputs(p: SceneParams, out: TideInputs = createTideInputs()): TideInputs {
  const unplugged = p.unplugged === true;
  out.calm = unplugged ? 1 : unit(p.calm, 1);
  out.dread = unplugged ? 0 : unit(p.dread, 0);
  out.wonder = unplugged ? 0 : unit(p.wonder, 0);
  out.glitch = unplugged ? 0 : unit(p.glitch, 0);
  out.brightness = unit(p.brightness, 0.5);
  out.motion = unit(p.motion, 0.3);
  out.reduced = p.reducedMotion ? 1 : 0;
  return out;
}

/**
 * How fast each input is eased towards the governor's value (1/s). The governor already rate-limits; this
 * is a second, scene-side guarantee that nothing on screen can step, even if a param does.
 */
export const TIDE_EASE_RATES: Readonly<Record<keyof TideInputs, number>> = {
  calm: 0.8,
  dread: 0.8,
  wonder: 0.8,
  glitch: 0.8,
  brightness: 1.0,
  motion: 1.0,
  reduced: 2.0,
};

/**
 * After unplug the dream dimensions glide to the calm form at this rate (1/s), so the picture is within 1% of
 * calm neutral 2 s later. A one-way approach to a fixed target cannot flash, so it may be faster than the
 * everyday easing.
 */
export const UNPLUG_EASE_RATE = 2.5;
const DREAM_KEYS: ReadonlySet<keyof TideInputs> = new Set(['calm', 'dread', 'wonder', 'glitch']);

/**
 * Frame-rate independent exponential easing of every input towards its target (the same curve as
 * THREE.MathUtils.damp): two 1/60 s steps land exactly where one 1/30 s step does.
 */
export function easeTideInputs(
  eased: TideInputs,
  target: Readonly<TideInputs>,
  dt: number,
  unplugged = false,
): TideInputs {
  for (let k = 0; k < TIDE_INPUT_KEYS.length; k++) {
    const key = TIDE_INPUT_KEYS[k]!;
    const rate = unplugged && DREAM_KEYS.has(key) ? UNPLUG_EASE_RATE : TIDE_EASE_RATES[key];
    eased[key] += (target[key] - eased[key]) * (1 - Math.exp(-rate * dt));
  }
  return eased;
}

/** A long frame (tab in background, GC pause) must not fast-forward a scene. */
export const MAX_FRAME_SECONDS = 0.1;

/** A scene's governed inputs: what the params ask for, what the scene shows, and whether it has started. */
export interface GovernedInputs {
  readonly target: TideInputs;
  readonly eased: TideInputs;
  started: boolean;
}

export function createGovernedInputs(): GovernedInputs {
  return { target: createTideInputs(), eased: createTideInputs(), started: false };
}

/**
 * One frame of every scene's inputs: clamps the frame time, resolves the governed params and eases towards
 * them. The first frame starts where the params are: mounting a scene is itself the transition. Returns dt, s.
 */
export function stepGovernedInputs(inputs: GovernedInputs, params: SceneParams, delta: number): number {
  const dt = Math.min(Math.max(delta, 0), MAX_FRAME_SECONDS);
  resolveTideInputs(params, inputs.target);
  if (inputs.started) easeTideInputs(inputs.eased, inputs.target, dt, params.unplugged);
  else Object.assign(inputs.eased, inputs.target);
  inputs.started = true;
  return dt;
}
