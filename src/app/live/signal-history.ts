/**
 * Rolling histories for the live panel: the last seconds of raw EEG and of band powers, in preallocated rings, so
 * a days-long kiosk session keeps a constant footprint. Plots copy out of them a few times a second.
 */
import type { SampleChunk } from '../../source/types.ts';
import type { BandPowerFrame } from '../../pipeline/frames.ts';

export class RawHistory {
  private readonly rings: Float32Array[];
  private readonly capacity: number;
  /** Samples written in total; the ring position is `written % capacity`. */
  private written = 0;
  private lastIndex = 0;

  constructor(
    readonly channels: number,
    readonly sampleRate: number,
    readonly seconds: number,
  ) {
    this.capacity = Math.max(1, Math.round(sampleRate * seconds));
    this.rings = Array.from({ length: channels }, () => new Float32Array(this.capacity).fill(NaN));
  }

  push(chunk: SampleChunk): void {
    // A gap is shown as a break in the trace, as long as it is (up to the window).
    const missing = Math.min(this.capacity, Math.max(0, chunk.index - this.lastIndex));
    if (this.written > 0 && missing > 0) this.fill(NaN, missing);
    for (let i = 0; i < chunk.length; i++) {
      const at = (this.written + i) % this.capacity;
      for (let c = 0; c < this.channels; c++) (this.rings[c] as Float32Array)[at] = chunk.data[c]?.[i] ?? NaN;
    }
    this.written += chunk.length;
    this.lastIndex = chunk.index + chunk.length;
  }

  private fill(v: number, n: number): void {
    for (let i = 0; i < n; i++) {
      const at = (this.written + i) % this.capacity;
      for (const ring of this.rings) ring[at] = v;
    }
    this.written += n;
  }

  /** Oldest-first copies: times in s relative to now (negative) and one array per channel (NaN = no data). */
  series(): { t: number[]; values: (number | null)[][] } {
    const n = this.capacity;
    const t = new Array<number>(n);
    const values = this.rings.map(() => new Array<number | null>(n));
    for (let i = 0; i < n; i++) {
      const at = (this.written + i) % n;
      t[i] = (i - n) / this.sampleRate;
      this.rings.forEach((ring, c) => {
        const v = ring[at] as number;
        (values[c] as (number | null)[])[i] = Number.isNaN(v) ? null : v;
      });
    }
    return { t, values };
  }

  /** The newest `n` samples of channel `c`, oldest first (NaN where missing). */
  latest(c: number, n: number, out: Float64Array): Float64Array {
    const ring = this.rings[c];
    for (let i = 0; i < n; i++) {
      const at = (((this.written - n + i) % this.capacity) + this.capacity) % this.capacity;
      out[i] = ring?.[at] ?? NaN;
    }
    return out;
  }
}

export class BandHistory {
  private readonly t: Float64Array;
  private readonly bands: Float64Array[];
  private n = 0;

  constructor(
    readonly bandNames: readonly string[],
    readonly capacity: number,
  ) {
    this.t = new Float64Array(capacity);
    this.bands = bandNames.map(() => new Float64Array(capacity));
  }

  push(frame: BandPowerFrame): void {
    const at = this.n % this.capacity;
    this.t[at] = frame.t;
    this.bands.forEach((b, i) => (b[at] = frame.meanAbsolute[i] ?? 0));
    this.n++;
  }

  series(): { t: number[]; values: number[][] } {
    const count = Math.min(this.n, this.capacity);
    const start = this.n - count;
    const t: number[] = [];
    const values = this.bands.map(() => [] as number[]);
    for (let k = 0; k < count; k++) {
      const at = (start + k) % this.capacity;
      t.push(this.t[at] as number);
      this.bands.forEach((b, i) => (values[i] as number[]).push(b[at] as number));
    }
    return { t, values };
  }
}
