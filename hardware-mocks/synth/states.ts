/**
 * Mental states the synthesizer can play, as rhythm strengths and artifact rates. Amplitudes are the µV RMS a
 * channel of gain 1 shows (TP9/TP10 for alpha, theta, beta and EMG; see channels.ts for the others), chosen so a
 * Muse-like recording comes out at 10–30 µV RMS with relative band powers like those of real Muse files.
 */

/** Every state a timeline segment can name. */
export const SYNTH_STATE_NAMES = [
  'neutral',
  'calm',
  'deep-relaxation',
  'focused',
  'anxious',
  'drowsy',
  'chaotic',
] as const;

export type SynthStateName = (typeof SYNTH_STATE_NAMES)[number];

/** What one state (or a blend of two) asks of the generator. */
export interface StateParams {
  /** RMS of the 1/f background, µV. */
  background: number;
  /** RMS of the ~10 Hz alpha rhythm, µV. */
  alpha: number;
  /** RMS of the ~6 Hz theta rhythm, µV. */
  theta: number;
  /** RMS of the ~20 Hz beta rhythm, µV. */
  beta: number;
  /** RMS of tonic muscle (EMG, 20 Hz to Nyquist) activity from tension, µV; jaw clenches add to it. */
  emg: number;
  /** Alpha peak frequency, Hz. */
  alphaHz: number;
  /** Theta peak frequency, Hz. */
  thetaHz: number;
  /** Beta peak frequency, Hz. */
  betaHz: number;
  /** Mean rates of randomly scheduled artifacts, events per minute. */
  blinkPerMin: number;
  eyeRollPerMin: number;
  jawPerMin: number;
  motionPerMin: number;
  contactLossPerMin: number;
}

/** The fields of StateParams, in a fixed order. */
export const STATE_PARAM_KEYS: readonly (keyof StateParams)[] = [
  'background',
  'alpha',
  'theta',
  'beta',
  'emg',
  'alphaHz',
  'thetaHz',
  'betaHz',
  'blinkPerMin',
  'eyeRollPerMin',
  'jawPerMin',
  'motionPerMin',
  'contactLossPerMin',
];

const p = (
  background: number,
  alpha: number,
  theta: number,
  beta: number,
  emg: number,
  [alphaHz, thetaHz, betaHz]: readonly [number, number, number],
  [blinkPerMin, eyeRollPerMin, jawPerMin, motionPerMin, contactLossPerMin]: readonly [
    number,
    number,
    number,
    number,
    number,
  ],
): Readonly<StateParams> =>
  Object.freeze({
    background,
    alpha,
    theta,
    beta,
    emg,
    alphaHz,
    thetaHz,
    betaHz,
    blinkPerMin,
    eyeRollPerMin,
    jawPerMin,
    motionPerMin,
    contactLossPerMin,
  });

/**
 * The states. Calm: eyes-closed-like strong alpha. Deep relaxation: stronger, slightly slower alpha with theta
 * creeping in. Anxious: alpha blocked, fast beta, jaw tension and frequent blinks. Drowsy: alpha fading into
 * theta, slow eye rolls. Chaotic: everything at once, with electrodes losing contact.
 */
export const STATE_PARAMS: Readonly<Record<SynthStateName, Readonly<StateParams>>> = Object.freeze({
  // p(background, alpha, theta, beta, emg: µV RMS, [alpha, theta, beta: Hz],
  //   [blink, eye roll, jaw, motion, contact loss: per min])
  neutral: p(13, 7, 4.5, 4, 0.5, [10, 6, 20], [15, 0, 0.5, 0.3, 0]),
  calm: p(12, 11, 4, 2.5, 0, [10, 6, 19], [8, 0.5, 0.2, 0.1, 0]),
  'deep-relaxation': p(11, 14, 7, 1.8, 0, [9.5, 6, 18], [3, 1, 0, 0, 0]),
  focused: p(13, 5, 6, 6, 1, [10.5, 6.5, 21], [10, 0, 0.5, 0.2, 0]),
  anxious: p(13, 3.5, 4, 10, 4, [11, 6, 22], [25, 0, 3, 1, 0]),
  drowsy: p(14, 5, 11, 2, 0, [9, 5.5, 18], [4, 3, 0.1, 0.2, 0]),
  chaotic: p(15, 6, 6, 8, 6, [10, 6, 22], [30, 1, 8, 6, 2]),
});

/** A zeroed parameter set to blend into. */
export function emptyParams(): StateParams {
  const out = {} as StateParams;
  for (const key of STATE_PARAM_KEYS) out[key] = 0;
  return out;
}

/** The highest rate of each artifact over all states, events/min: the thinning bound of the scheduler. */
export function maxRatePerMin(key: keyof StateParams): number {
  let m = 0;
  for (const name of SYNTH_STATE_NAMES) m = Math.max(m, STATE_PARAMS[name][key]);
  return m;
}

/** out = (1 − w)·a + w·b for every parameter, without allocating. */
export function blendParams(
  a: Readonly<StateParams>,
  b: Readonly<StateParams>,
  w: number,
  out: StateParams,
): void {
  // Spelled out rather than looped over keys: this runs for every 32-sample block.
  out.background = a.background + (b.background - a.background) * w;
  out.alpha = a.alpha + (b.alpha - a.alpha) * w;
  out.theta = a.theta + (b.theta - a.theta) * w;
  out.beta = a.beta + (b.beta - a.beta) * w;
  out.emg = a.emg + (b.emg - a.emg) * w;
  out.alphaHz = a.alphaHz + (b.alphaHz - a.alphaHz) * w;
  out.thetaHz = a.thetaHz + (b.thetaHz - a.thetaHz) * w;
  out.betaHz = a.betaHz + (b.betaHz - a.betaHz) * w;
  out.blinkPerMin = a.blinkPerMin + (b.blinkPerMin - a.blinkPerMin) * w;
  out.eyeRollPerMin = a.eyeRollPerMin + (b.eyeRollPerMin - a.eyeRollPerMin) * w;
  out.jawPerMin = a.jawPerMin + (b.jawPerMin - a.jawPerMin) * w;
  out.motionPerMin = a.motionPerMin + (b.motionPerMin - a.motionPerMin) * w;
  out.contactLossPerMin = a.contactLossPerMin + (b.contactLossPerMin - a.contactLossPerMin) * w;
}

/** True for the names in SYNTH_STATE_NAMES. */
export function isSynthStateName(name: unknown): name is SynthStateName {
  return typeof name === 'string' && (SYNTH_STATE_NAMES as readonly string[]).includes(name);
}
