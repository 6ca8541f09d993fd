/**
 * Anchors the sample clock (sequence index at exactly 256 Hz) to the host's clock, for wall-clock stamps in
 * recordings and exports. A packet reaches the host some latency after it was sampled, never before, so the
 * lowest `host time − index / rate` seen in each window is the latency-free offset; a line fitted through those
 * window minima follows the headset's crystal drifting against the host's.
 */
export class HostClockAnchor {
  private readonly minima: { index: number; offset: number }[] = [];
  private current: { index: number; offset: number } | null = null;
  private windowStart = -Infinity;
  private a = 0;
  private b = 0;
  private fitted = false;

  constructor(
    private readonly sampleRate = 256,
    /** Length of one minimum window, samples. */
    private readonly windowSamples = 256 * 10,
    /** Window minima kept for the fit (10 s windows: about an hour). */
    private readonly keep = 360,
  ) {}

  /** A packet whose first sample is `index` arrived at host time `hostS`. */
  observe(index: number, hostS: number): void {
    const offset = hostS - index / this.sampleRate;
    if (index - this.windowStart >= this.windowSamples) {
      if (this.current) this.close(this.current);
      this.windowStart = index;
      this.current = { index, offset };
    } else if (this.current && offset < this.current.offset) {
      this.current = { index, offset };
    }
    if (!this.fitted) {
      this.a = this.current?.offset ?? offset;
      this.b = 0;
    }
  }

  private close(min: { index: number; offset: number }): void {
    this.minima.push(min);
    if (this.minima.length > this.keep) this.minima.shift();
    const n = this.minima.length;
    if (n < 2) {
      this.a = min.offset;
      return;
    }
    let sx = 0;
    let sy = 0;
    for (const m of this.minima) {
      sx += m.index;
      sy += m.offset;
    }
    const mx = sx / n;
    const my = sy / n;
    let sxx = 0;
    let sxy = 0;
    for (const m of this.minima) {
      sxx += (m.index - mx) ** 2;
      sxy += (m.index - mx) * (m.offset - my);
    }
    this.b = sxx > 0 ? sxy / sxx : 0;
    this.a = my - this.b * mx;
    this.fitted = true;
  }

  /** Host time (s, same clock as observed) at which sample `index` was taken. NaN before any packet. */
  hostTimeAt(index: number): number {
    if (!this.current && !this.fitted) return NaN;
    return index / this.sampleRate + this.a + this.b * index;
  }

  /** How much faster the host clock runs than the headset's, parts per million. */
  driftPpm(): number {
    return this.b * this.sampleRate * 1e6;
  }
}
