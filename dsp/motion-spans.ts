/**
 * Head-motion events ({@link MotionDetector}) kept as time spans, so band-power windows can be tested for
 * overlap with them the way blinks and jaw clenches are (dsp/flagged-band-powers.ts).
 *
 * The accelerometer runs on its own stream and rate (Muse: 52 Hz, 3 samples per notification) beside the EEG,
 * and either may be a little ahead of the other. Spans are therefore kept until a window starts after their end,
 * not only the last one: an IMU packet that arrives before the EEG it overlaps still flags the right windows. The
 * movement under way counts up to its last active sample, exactly the span its event reports once it ends. A
 * window is judged with the accelerometer samples received by then: if the IMU lags the EEG, a movement that
 * begins in the newest tens of ms of a window flags the next update (100 ms later) instead.
 *
 * Units: s on the EEG session clock. Pure: typed arrays in, booleans and event objects out.
 */
import type { ArtifactEvent } from './artifacts.ts';
import { MotionDetector, type MotionDetectorOptions } from './motion.ts';

/**
 * Most spans kept ahead of the EEG; beyond it the oldest go. 256 movements is minutes of constant motion, far
 * more than any lead the IMU has over the EEG in one source.
 */
const MAX_SPANS = 256;

export class MotionSpans {
  private detector: MotionDetector | null = null;
  /** Ended movements not yet behind every window, oldest first: start and end (exclusive), s. */
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];

  constructor(private readonly options: Omit<MotionDetectorOptions, 'sampleRate'> = {}) {}

  /**
   * Feeds `length` accelerometer samples (g) at `sampleRate` Hz whose first is at `t0` s (see
   * {@link MotionDetector.push}); `onEvent` gets each movement once it has ended. A change of rate starts a new
   * detector, ending any movement under way.
   */
  push(
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    z: ArrayLike<number>,
    length: number,
    sampleRate: number,
    t0: number,
    onEvent: (e: ArtifactEvent) => void = () => {},
  ): void {
    const record = (e: ArtifactEvent) => {
      this.starts.push(e.t);
      this.ends.push(e.t + e.durationS);
      if (this.starts.length > MAX_SPANS) {
        this.starts.shift();
        this.ends.shift();
      }
      onEvent(e);
    };
    if (this.detector?.sampleRate !== sampleRate) {
      this.detector?.flush(record);
      this.detector = new MotionDetector({ ...this.options, sampleRate });
    }
    this.detector.push(x, y, z, length, t0, record);
  }

  /** Ends the movement under way at the last sample seen (end of the IMU stream). */
  flush(onEvent: (e: ArtifactEvent) => void = () => {}): void {
    this.detector?.flush((e) => {
      this.starts.push(e.t);
      this.ends.push(e.t + e.durationS);
      onEvent(e);
    });
  }

  /**
   * True when [startS, endS) overlaps a movement seen so far. Calls must come with non-decreasing `startS` (band-
   * power windows moving forward): spans that end before it are dropped.
   */
  overlaps(startS: number, endS: number): boolean {
    const starts = this.starts;
    const ends = this.ends;
    let drop = 0;
    while (drop < ends.length && (ends[drop] as number) <= startS) drop++;
    if (drop > 0) {
      starts.splice(0, drop);
      ends.splice(0, drop);
    }
    for (let i = 0; i < starts.length; i++) {
      if ((starts[i] as number) < endS && (ends[i] as number) > startS) return true;
    }
    const d = this.detector;
    return d !== null && d.openStart < endS && d.openEnd > startS;
  }
}
