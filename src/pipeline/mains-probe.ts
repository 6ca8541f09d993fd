/**
 * Which mains frequency a signal carries, judged from its start (dsp/mains-detect.ts), so that an American
 * recording or headset gets a 60 Hz notch and a European one 50 Hz without being told: the CLI probes a file's
 * first half minute (src/analysis/recording-mains.ts), a live session its first seconds (mains-choice.ts).
 */
import { detectMains, type MainsDetection } from '../../dsp/mains-detect.ts';
import type { SourceEvent } from '../source/types.ts';

/** Seconds of contiguous signal the CLI's probe collects: 30 one-second Welch segments (59 with overlap). */
export const MAINS_PROBE_SECONDS = 30;
/** A stretch shorter than this before a gap is dropped; a probe shorter than this decides nothing. */
const MIN_SECONDS = 2;

/** Collects the first contiguous stretch of raw EEG, up to `seconds` (default {@link MAINS_PROBE_SECONDS}). */
export class MainsProbe {
  private readonly buffers: Float32Array[];
  private length = 0;
  private done = false;

  constructor(
    channels: number,
    private readonly sampleRate: number,
    seconds: number = MAINS_PROBE_SECONDS,
  ) {
    const n = Math.max(1, Math.round(seconds * sampleRate));
    this.buffers = Array.from({ length: channels }, () => new Float32Array(n));
  }

  /** Takes one source event; true once the probe has all it will use. */
  push(event: SourceEvent): boolean {
    if (event.kind === 'gap') return this.gap();
    if (event.kind === 'samples') return this.samples(event.data, event.length);
    return this.done;
  }

  /** Takes `length` samples of every channel; true once the probe has all it will use. */
  samples(data: readonly Float32Array[], length: number): boolean {
    if (this.done) return true;
    const room = (this.buffers[0] as Float32Array).length - this.length;
    const n = Math.min(length, room);
    this.buffers.forEach((b, c) => b.set((data[c] as Float32Array).subarray(0, n), this.length));
    this.length += n;
    if (n === room) this.done = true;
    return this.done;
  }

  /** Samples are missing; true once the probe has all it will use. */
  gap(): boolean {
    if (this.done) return true;
    // Welch needs contiguous signal: a long enough stretch ends the probe, a short one is dropped.
    if (this.length >= MIN_SECONDS * this.sampleRate) this.done = true;
    else this.length = 0;
    return this.done;
  }

  /** The detection, or null when less than {@link MIN_SECONDS} of contiguous signal was collected. */
  result(): MainsDetection | null {
    if (this.length < MIN_SECONDS * this.sampleRate) return null;
    return detectMains(
      this.buffers.map((b) => b.subarray(0, this.length)),
      this.sampleRate,
    );
  }
}
