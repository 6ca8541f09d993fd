/**
 * Finds samples that never arrived by comparing each row's timestamp with the sample-index clock
 * (`index / sampleRate` from the first timestamp). Timestamps are arrival times: late by a varying latency,
 * never early, so the clock is anchored on the *earliest* arrivals (the lower envelope of timestamp - index
 * time). A row more than the threshold ahead of that envelope means samples are missing: exactly
 * round(excess × rate) of them. The envelope rises slowly (120 s time constant) so that a headset clock a
 * little slower than nominal (−100 ppm is common) does not, over an hour, add up to invented gaps (it lags
 * 12 ms behind such a drift), while lost packets still add up to a gap.
 */

const ANCHOR_TIME_CONSTANT_S = 120;

export class GapClock {
  /** Times the clock was re-anchored after timestamps stayed far behind for a second. */
  resets = 0;
  private anchor = NaN;
  private behind = 0;
  private readonly rise: number;

  constructor(
    private readonly sampleRate: number,
    private readonly thresholdS: number,
  ) {
    this.rise = 1 / (sampleRate * ANCHOR_TIME_CONSTANT_S);
  }

  /** Samples missing before the sample at `index` stamped `t`; the caller advances its index by them. */
  missingBefore(t: number, index: number): number {
    const offset = t - index / this.sampleRate;
    if (this.anchor !== this.anchor) {
      this.anchor = offset;
      return 0;
    }
    const excess = offset - this.anchor;
    if (excess >= this.thresholdS) {
      this.behind = 0;
      return Math.round(excess * this.sampleRate);
    }
    if (excess >= 0) {
      this.anchor += excess * this.rise;
      this.behind = 0;
    } else if (excess > -this.thresholdS) {
      this.anchor = offset;
      this.behind = 0;
    } else if (++this.behind > this.sampleRate) {
      // One stray early stamp is ignored; a second of them means the clock itself was set back.
      this.anchor = offset;
      this.behind = 0;
      this.resets++;
    }
    return 0;
  }
}
