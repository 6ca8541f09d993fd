/**
 * Which mains frequency a signal carries, judged from its start (dsp/mains-detect.ts), so that an American
 * recording or headset gets a 60 Hz notch and a European one 50 Hz without being told: the CLI probes a file's
 * first half minute (src/analysis/recording-mains.ts), a live session its first seconds (mains-choice.ts).
 *
 * Lost samples do not restart the probe: over a lossy radio link no stretch may last the few seconds a
 * spectrum needs. The signal either side of a gap is joined instead, and a missing value (NaN) holds the last
 * good one. A join adds broadband leakage to the Welch estimate, not a peak at 50 or 60 Hz, so it can hide a
 * weak hum but not invent one.
 */
import { detectMains, type MainsDetection } from '../../dsp/mains-detect.ts';
import type { SourceEvent } from '../source/types.ts';

/** Seconds of signal the CLI's probe collects: 30 one-second Welch segments (59 with overlap). */
export const MAINS_PROBE_SECONDS = 30;
/** A probe shorter than this decides nothing. */
const MIN_SECONDS = 2;

/** Collects the first `seconds` (default {@link MAINS_PROBE_SECONDS}) of raw EEG received. */
export class MainsProbe {
  private readonly buffers: Float32Array[];
  private readonly lastGood: Float32Array;
  private length = 0;

  constructor(
    channels: number,
    private readonly sampleRate: number,
    seconds: number = MAINS_PROBE_SECONDS,
  ) {
    const n = Math.max(1, Math.round(seconds * sampleRate));
    this.buffers = Array.from({ length: channels }, () => new Float32Array(n));
    this.lastGood = new Float32Array(channels);
  }

  /** Whether the probe has all it will use. */
  get full(): boolean {
    return this.length === (this.buffers[0] as Float32Array).length;
  }

  /** Takes one source event; true once the probe has all it will use. */
  push(event: SourceEvent): boolean {
    if (event.kind === 'samples') return this.samples(event.data, event.length);
    return this.full;
  }

  /** Takes `length` samples of every channel; true once the probe has all it will use. */
  samples(data: readonly Float32Array[], length: number): boolean {
    const n = Math.min(length, (this.buffers[0] as Float32Array).length - this.length);
    this.buffers.forEach((b, c) => {
      const src = data[c] as Float32Array;
      let last = this.lastGood[c] as number;
      for (let i = 0; i < n; i++) {
        const v = src[i] as number;
        if (Number.isFinite(v)) last = v;
        b[this.length + i] = last;
      }
      this.lastGood[c] = last;
    });
    this.length += n;
    return this.full;
  }

  /** The detection, or null when less than {@link MIN_SECONDS} of signal was collected. */
  result(): MainsDetection | null {
    if (this.length < MIN_SECONDS * this.sampleRate) return null;
    return detectMains(
      this.buffers.map((b) => b.subarray(0, this.length)),
      this.sampleRate,
    );
  }
}
