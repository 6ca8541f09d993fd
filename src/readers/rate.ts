/**
 * The sample rate of a recording, from the whole file and never from row-to-row differences: Mind Monitor
 * stamps ~12 rows with one packet time and LSL timestamps jitter and step backwards.
 */
import { GapClock } from './gap-clock.ts';

/** Muse rates: 256 Hz (2016 and later, Muse S), 220 Hz (Muse 2014). */
export const NOMINAL_RATES: readonly number[] = [256, 220];
/** A rate this close (relative) to a nominal one is that rate: packet stamping alone moves a 10 s Mind
 * Monitor file by ~1 %. */
export const SNAP_TOLERANCE = 0.05;
/** Below this the file holds band powers at a row rate (Mind Monitor 1-second interval), not raw EEG. */
export const RAW_EEG_MIN_RATE_HZ = 20;

/** Lost samples may lift a file back to a nominal rate only if they are few gaps, or a small share. */
const MAX_GAPS_ANY_SHARE = 10;
const MAX_LOST_SHARE = 1 / 3;

/** Timestamps of data rows, whole-file statistics only. */
export class RateMeter {
  rows = 0;
  first = NaN;
  last = NaN;
  /** Latest timestamp so far (timestamps may step back). */
  latest = -Infinity;
  /** Rows stamped earlier than the row before them. */
  backwardSteps = 0;

  add(t: number): void {
    if (this.rows === 0) this.first = t;
    else if (t < this.last) this.backwardSteps++;
    if (t > this.latest) this.latest = t;
    this.last = t;
    this.rows++;
  }

  /** (rows - 1) / (last - first): NaN with fewer than two rows or no time elapsed. */
  get wholeFileRate(): number {
    const span = this.last - this.first;
    return this.rows > 1 && span > 0 ? (this.rows - 1) / span : NaN;
  }
}

/**
 * Runs the gap clock of pass 2 at one nominal rate during the scan. A file that lost samples measures slow
 * (a 300-sample gap in 3000 rows gives 233 Hz); counting the lost samples back tells whether it is still a
 * 256 Hz recording, and at the chosen rate the scan's gap count is exactly what pass 2 will find.
 */
export class NominalCandidate {
  gaps = 0;
  lostSamples = 0;
  private index = 0;
  private readonly clock: GapClock;

  constructor(
    readonly rate: number,
    thresholdS: number,
  ) {
    this.clock = new GapClock(rate, thresholdS);
  }

  add(t: number): void {
    const missing = this.clock.missingBefore(t, this.index);
    if (missing > 0) {
      this.gaps++;
      this.lostSamples += missing;
      this.index += missing;
    }
    this.index++;
  }

  /** Whether the file is at this rate once its gaps are counted back, within tolerance. */
  matches(meter: RateMeter): boolean {
    const span = meter.last - meter.first;
    if (!(span > 0)) return false;
    const corrected = (meter.rows + this.lostSamples - 1) / span;
    if (Math.abs(corrected / this.rate - 1) > SNAP_TOLERANCE) return false;
    // A 128 Hz device read against a 256 Hz clock also "loses" half its samples, in hundreds of small gaps.
    const lostShare = this.lostSamples / (meter.rows + this.lostSamples);
    return this.gaps <= MAX_GAPS_ANY_SHARE ? lostShare <= 0.9 : lostShare <= MAX_LOST_SHARE;
  }
}

/** Data rows' timestamps, measured whole and against each nominal rate: what pass 1 decides the rate from. */
export class WholeFileRate {
  readonly meter = new RateMeter();
  readonly candidates: readonly NominalCandidate[];

  constructor(gapThresholdAt: (rate: number) => number) {
    this.candidates = NOMINAL_RATES.map((n) => new NominalCandidate(n, gapThresholdAt(n)));
  }

  add(t: number): void {
    this.meter.add(t);
    for (const c of this.candidates) c.add(t);
  }

  /** The nominal rate the file is at once its gaps are counted back; of several, the one losing fewest samples
   * (a 220 Hz file reads as a 256 Hz one missing 14 %). */
  nominal(): NominalCandidate | undefined {
    return this.candidates
      .filter((c) => c.matches(this.meter))
      .reduce<NominalCandidate | undefined>(
        (best, c) => (!best || c.lostSamples < best.lostSamples ? c : best),
        undefined,
      );
  }
}
