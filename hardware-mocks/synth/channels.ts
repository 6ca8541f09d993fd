/**
 * How strongly each source shows on an electrode, from its 10-20 name. A Muse has two temporal-posterior
 * electrodes behind the ears (TP9, TP10: strongest alpha, jaw muscle) and two frontal ones on the forehead
 * (AF7, AF8: eye blinks and movements, weaker alpha, a little more beta).
 */

/** The Muse's four EEG electrodes in muse-lsl/muse-js order: the synthesizer's default channels. */
export const MUSE_CHANNELS: readonly string[] = Object.freeze(['TP9', 'AF7', 'AF8', 'TP10']);

/** Gains relative to the state amplitudes (1 = the state's µV value). */
export interface ChannelProfile {
  /** −1 left hemisphere (odd number), +1 right (even), 0 midline ('z') or unknown. */
  readonly side: -1 | 0 | 1;
  readonly background: number;
  readonly alpha: number;
  readonly theta: number;
  readonly beta: number;
  readonly emg: number;
  /** Fraction of a blink's peak (µV at the frontal electrodes) that reaches this electrode. */
  readonly blink: number;
  /** Signed fraction of a horizontal eye movement: frontal left and right see opposite polarities. */
  readonly eyeRoll: number;
  /** Mains pick-up amplitude, µV. */
  readonly mainsUv: number;
}

type Region = 'frontal' | 'posterior' | 'central';

function regionOf(name: string): Region {
  const upper = name.toUpperCase();
  if (/^(FP|AF|F)\d|^(FP|AF|F)Z/.test(upper)) return 'frontal';
  if (/^(TP|T|P|PO|O)(\d|Z)/.test(upper)) return 'posterior';
  return 'central';
}

function sideOf(name: string): -1 | 0 | 1 {
  const digits = /(\d+)$/.exec(name);
  if (digits?.[1] !== undefined) return Number(digits[1]) % 2 === 1 ? -1 : 1;
  return 0;
}

/** The gains of one electrode; names outside the 10-20 system get a middling profile. */
export function channelProfile(name: string): ChannelProfile {
  const side = sideOf(name);
  switch (regionOf(name)) {
    case 'posterior':
      return {
        side,
        background: 1,
        alpha: 1,
        theta: 0.8,
        beta: 0.8,
        emg: 1,
        blink: 0.06,
        eyeRoll: -0.08 * side,
        mainsUv: 4,
      };
    case 'frontal':
      return {
        side,
        background: 0.75,
        alpha: 0.45,
        theta: 1,
        beta: 1,
        emg: 0.25,
        blink: 1,
        eyeRoll: side,
        mainsUv: 2,
      };
    case 'central':
      return {
        side,
        background: 0.9,
        alpha: 0.7,
        theta: 0.9,
        beta: 0.85,
        emg: 0.5,
        blink: 0.3,
        eyeRoll: 0.3 * side,
        mainsUv: 3,
      };
  }
}

/** Weights of the left and right alpha generators on a channel; they sum in power to 1. */
export function alphaMix(side: -1 | 0 | 1): readonly [left: number, right: number] {
  // 0.92/0.39 gives an inter-hemispheric alpha correlation of about 0.7, as on a real Muse.
  if (side < 0) return [0.92, 0.39];
  if (side > 0) return [0.39, 0.92];
  return [Math.SQRT1_2, Math.SQRT1_2];
}
