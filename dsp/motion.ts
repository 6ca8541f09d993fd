/**
 * Head-motion artifacts from a head-mounted accelerometer (the Muse 2 / Muse S IMU: 52 Hz, 3 samples per
 * notification), as events with a time and a confidence, in the {@link ArtifactEvent} shape that blinks and jaw
 * clenches use.
 *
 * Method. Held still, the accelerometer reads gravity only: a constant 1 g vector in head coordinates. Moving the
 * head adds linear acceleration and, when it tilts, turns that vector. Gravity is separated from movement with a
 * slow low-pass estimate (time constant 2 s), the standard split of body-worn accelerometry (Mathie et al.,
 * "Accelerometry: providing an integrated, practical method for long-term, ambulatory monitoring of human
 * movement", Physiol. Meas. 25(2), 2004; Karantonis et al., IEEE Trans. Inf. Technol. Biomed. 10(1), 2006). The
 * motion statistic is the length of the departure |a − g| in g. A departure above `thresholdG` starts an event,
 * which ends once the departure has stayed below half the threshold for `holdS`: a nod swings through zero
 * acceleration halfway and is one movement, not two. The gravity estimate keeps following during an event: a
 * movement's acceleration averages out over its course, while freezing the estimate would let any slow sway
 * (or a new resting posture) hold an event open indefinitely.
 *
 * Rationale for the defaults: the Muse accelerometer's noise is about 0.005 g RMS at rest, a deliberate nod or
 * turn peaks at 0.1–0.5 g, and EEG motion artifacts (cable and electrode sway) begin around 0.05–0.1 g, so
 * 0.08 g sits well above the noise and below what corrupts the EEG.
 *
 * Units: acceleration in g (1 g = 9.80665 m/s²), times in s on the EEG session clock, rates in Hz. Pure: typed
 * arrays in, plain event objects out; non-finite samples are skipped as missing, and nothing non-finite leaves.
 */
import type { ArtifactEvent } from './artifacts.ts';

export interface MotionDetectorOptions {
  /** Accelerometer rate, Hz (Muse: 52). */
  readonly sampleRate: number;
  /** Departure from gravity that starts an event, g (default 0.08). */
  readonly thresholdG?: number;
  /** Time below half the threshold that ends an event, s (default 0.3). */
  readonly holdS?: number;
  /** Time constant of the gravity estimate, s (default 2). */
  readonly gravityTauS?: number;
  /**
   * A hole in the samples longer than this (s) restarts the detector: an open event ends at the last sample
   * before it, and gravity is re-learnt (default 0.5; the head may have turned meanwhile).
   */
  readonly maxHoleS?: number;
}

export const DEFAULT_MOTION_THRESHOLD_G = 0.08;

interface OpenMotion {
  start: number;
  peak: number;
  /** Time of the last sample above half the threshold. */
  lastActive: number;
}

/** Streaming motion detector; one per accelerometer stream. */
export class MotionDetector {
  readonly sampleRate: number;
  readonly thresholdG: number;
  private readonly holdS: number;
  private readonly maxHoleS: number;
  private readonly alpha: number;
  /** Fast alpha while gravity is first learnt, so a headset put on tilted settles within a second. */
  private readonly learnAlpha: number;
  private readonly gravity = new Float64Array(3);
  /** Samples since (re)start; below one second's worth gravity is being learnt and nothing is detected. */
  private learnt = 0;
  private open: OpenMotion | null = null;
  /** Time of the next sample expected, s; NaN before the first. */
  private expected = NaN;

  constructor(options: MotionDetectorOptions) {
    const { sampleRate } = options;
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate))
      throw new RangeError(`sampleRate must be a positive number of Hz, got ${sampleRate}`);
    this.sampleRate = sampleRate;
    this.thresholdG = options.thresholdG ?? DEFAULT_MOTION_THRESHOLD_G;
    if (!(this.thresholdG > 0)) throw new RangeError(`thresholdG must be positive, got ${this.thresholdG}`);
    this.holdS = options.holdS ?? 0.3;
    this.maxHoleS = options.maxHoleS ?? 0.5;
    this.alpha = 1 - Math.exp(-1 / ((options.gravityTauS ?? 2) * sampleRate));
    this.learnAlpha = 1 - Math.exp(-1 / (0.2 * sampleRate));
  }

  /** True while a movement is under way (not yet reported). */
  get moving(): boolean {
    return this.open !== null;
  }

  /** Start (s) of the movement under way; NaN when none. */
  get openStart(): number {
    return this.open ? this.open.start : NaN;
  }

  /**
   * End (s, exclusive) of the movement under way as it stands: what its event will report if it ends now. NaN
   * when none.
   */
  get openEnd(): number {
    return this.open ? this.open.lastActive + 1 / this.sampleRate : NaN;
  }

  /**
   * Feeds `length` samples (x, y, z in g) whose first is at `t0` s; later calls continue the time line and a
   * `t0` past the expected next sample is a hole. Each event is reported once it has ended.
   */
  push(
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    z: ArrayLike<number>,
    length: number,
    t0: number,
    onEvent: (e: ArtifactEvent) => void,
  ): void {
    if (!Number.isInteger(length) || length < 0)
      throw new RangeError('length must be a non-negative integer');
    if (x.length < length || y.length < length || z.length < length)
      throw new RangeError(`x, y and z need ${length} samples each`);
    if (!Number.isFinite(t0)) throw new RangeError(`t0 must be a finite time in s, got ${t0}`);
    const dt = 1 / this.sampleRate;
    if (Number.isFinite(this.expected) && t0 - this.expected > this.maxHoleS) this.restart(onEvent);
    const g = this.gravity;
    const limit = this.thresholdG;
    const settle = Math.round(this.sampleRate);
    for (let i = 0; i < length; i++) {
      const t = t0 + i * dt;
      const ax = x[i] as number;
      const ay = y[i] as number;
      const az = z[i] as number;
      if (!(Number.isFinite(ax) && Number.isFinite(ay) && Number.isFinite(az))) continue;
      if (this.learnt === 0) {
        g[0] = ax;
        g[1] = ay;
        g[2] = az;
      }
      const dx = ax - (g[0] as number);
      const dy = ay - (g[1] as number);
      const dz = az - (g[2] as number);
      const dev = Math.sqrt(dx * dx + dy * dy + dz * dz);
      if (this.learnt < settle) {
        this.learnt++;
        this.follow(dx, dy, dz, this.learnAlpha);
        continue;
      }
      const m = this.open;
      if (m) {
        if (dev > m.peak) m.peak = dev;
        if (dev >= 0.5 * limit) m.lastActive = t;
        else if (t - m.lastActive >= this.holdS) this.close(onEvent);
      } else if (dev > limit) {
        this.open = { start: t, peak: dev, lastActive: t };
      }
      this.follow(dx, dy, dz, this.alpha);
    }
    this.expected = t0 + length * dt;
  }

  /** Ends any open event at the last sample seen (end of stream). */
  flush(onEvent: (e: ArtifactEvent) => void): void {
    if (this.open) this.close(onEvent);
  }

  private follow(dx: number, dy: number, dz: number, a: number): void {
    const g = this.gravity;
    g[0] = (g[0] as number) + a * dx;
    g[1] = (g[1] as number) + a * dy;
    g[2] = (g[2] as number) + a * dz;
  }

  private restart(onEvent: (e: ArtifactEvent) => void): void {
    this.flush(onEvent);
    this.learnt = 0;
  }

  private close(onEvent: (e: ArtifactEvent) => void): void {
    const m = this.open;
    if (!m) return;
    this.open = null;
    onEvent({
      kind: 'motion',
      t: m.start,
      // From the first sample above the threshold through the last one above half of it.
      durationS: m.lastActive - m.start + 1 / this.sampleRate,
      confidence: Math.min(1, m.peak / (2 * this.thresholdG)),
      peak: m.peak,
    });
  }
}
