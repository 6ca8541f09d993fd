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
}

/** Mulberry32: tiny, fast, seeded; plenty for fault dice. */
export function faultDice(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
