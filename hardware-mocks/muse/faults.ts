import { mulberry32 } from '../../dsp/seeded-random.ts';
/** Faults the fake headset can be told to have, all seeded so a failing test replays exactly. */
export interface MuseFaults {
  /** Seed of the fault dice. */
  readonly seed?: number;
  /** Probability that one EEG packet set (every electrode of one sequence number) is lost. */
  readonly lossRate?: number;
  /** Probability that one electrode's packet alone is lost. */
  readonly electrodeLossRate?: number;
  /** Loss bursts: at stream time `atS`, this many consecutive packet sets are lost. */
  readonly lossBursts?: readonly { readonly atS: number; readonly packets: number }[];
  /** Probability that a packet set is sent twice. */
  readonly duplicateRate?: number;
  /** Probability that a packet set is held back and sent after the next one. */
  readonly reorderRate?: number;
  /** The headset silently stops streaming at this stream time (s), link up, until it is sent `d` again. */
  readonly stallAtS?: number;
  /** Link lost at this stream time (s). */
  readonly disconnectAtS?: number;
  /** The headset can be reached again from this stream time on (default: never). */
  readonly availableAgainAtS?: number;
  /** Battery at stream start (%) and its drain (% per hour). */
  readonly batteryStartPct?: number;
  readonly batteryDrainPctPerHour?: number;
  /** Electrode index (0 TP9 … 3 TP10) reading a flat 0 µV, as with no skin contact. */
  readonly flatElectrode?: number;
  /** Electrode index driven to the positive rail (code 0xfff). */
  readonly railElectrode?: number;
  /** Head movements in the IMU feed; see {@link HeadMotion}. */
  readonly headMotion?: readonly HeadMotion[];
}

/**
 * A nod from stream time `atS` for `durationS`: the accelerometer's y axis swings by up to ±`peakG` g (one sine
 * period), z dips as the head tilts, and the gyroscope turns at up to 40 °/s per 0.1 g.
 */
export interface HeadMotion {
  readonly atS: number;
  readonly durationS: number;
  readonly peakG: number;
}

/** The movement added to the resting accelerometer (g) and gyroscope (°/s) at stream time `t`, or null. */
export function headMotionAt(
  motions: readonly HeadMotion[] | undefined,
  t: number,
): {
  readonly acc: readonly [number, number, number];
  readonly gyro: readonly [number, number, number];
} | null {
  for (const m of motions ?? []) {
    const u = (t - m.atS) / m.durationS;
    if (!(u >= 0 && u < 1)) continue;
    const swing = Math.sin(2 * Math.PI * u);
    return {
      acc: [0, m.peakG * swing, -0.3 * m.peakG * Math.sin(Math.PI * u)],
      gyro: [400 * m.peakG * Math.cos(2 * Math.PI * u), 0, 0],
    };
  }
  return null;
}

/** Mulberry32: tiny, fast, seeded; plenty for fault dice. */
export const faultDice = mulberry32;
