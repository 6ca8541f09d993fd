/**
 * Band powers whose updates say whether their window overlaps an artifact (issue 4: "Windows that overlap a gap
 * or an artifact are flagged. They are then excluded from the indices or given less weight."). Gaps and
 * missing samples are already flagged per channel by the engine (`valid` is 0 until the window has refilled);
 * this adds blinks and jaw clenches from {@link ArtifactDetector}, for the whole update, because a blink seen on
 * AF7/AF8 also moves the reference every channel shares, and, for a headset with an accelerometer, head motion
 * from {@link MotionSpans} (fed by {@link FlaggedBandPowers.pushAccelerometer}; the IMU is its own stream, see
 * dsp/motion-spans.ts for how the two are lined up): a moving head sways every electrode and its cable.
 *
 * The detector is fed exactly the samples up to each update before the update is emitted (pushes are split at
 * update points), so the flag is causal and does not depend on how the stream is chunked: live 12-sample
 * packets and an offline file read in 64 KiB blocks flag the same updates.
 *
 * Excluded, not down-weighted: an update whose window overlaps an artifact gives no index value and no
 * baseline sample (dsp/indices.ts); the dream model holds its state through it. A blink adds up to ~100 µV of
 * delta/theta to a 1 s window, far more than the changes the indices track, so no weight would make it useful.
 */
import type { ArtifactSpanFlags } from './artifact-spans.ts';
import { ArtifactDetector, windowOverlapsArtifact, type ArtifactEvent } from './artifacts.ts';
import type { BandPowerEngine, BandPowerUpdate } from './band-power-engine.ts';
import { electrodeIndex } from './electrodes.ts';
import type { MotionSpans } from './motion-spans.ts';

/** Called per update with whether its window overlaps an artifact; the update object is reused, as the engine's. */
export type FlaggedUpdateHandler = (u: BandPowerUpdate, artifact: boolean) => void;

/**
 * Wraps an engine and (optionally) an artifact detector on the same channels and stream. With `detector` null
 * (no blink/clench electrodes, or a rate too low to detect them) every update is unflagged.
 */
export class FlaggedBandPowers {
  private onUpdate: FlaggedUpdateHandler = () => {};
  private readonly emit = (u: BandPowerUpdate): void => {
    const artifact =
      (this.detector !== null &&
        windowOverlapsArtifact(u.index, this.engine.windowSamples, this.detector.lastArtifactIndex)) ||
      (this.spans !== null && this.spans.flagAt(u.index, this.engine.windowSamples)) ||
      (this.motion !== null &&
        this.motion.overlaps((u.index - this.engine.windowSamples) / this.engine.sampleRate, u.t));
    this.onUpdate(u, artifact);
  };

  constructor(
    readonly engine: BandPowerEngine,
    readonly detector: ArtifactDetector | null,
    /** Head motion for a source with an accelerometer; null (no motion flags) for one without. */
    readonly motion: MotionSpans | null = null,
    /**
     * Blink and clench flags from a detector run elsewhere on the same samples (dsp/artifact-spans.ts), each
     * batch's spans added before its samples are pushed here; instead of `detector`, which must then be null.
     */
    readonly spans: ArtifactSpanFlags | null = null,
  ) {
    if (detector !== null && spans !== null) {
      throw new Error('artifact flags come from a detector here or from spans found elsewhere, not both');
    }
    if (detector !== null && detector.sampleRate !== engine.sampleRate) {
      throw new RangeError(
        `detector runs at ${detector.sampleRate} Hz but the engine at ${engine.sampleRate} Hz`,
      );
    }
  }

  /**
   * Feeds `length` samples per channel (µV) to detector and engine; `onArtifact` gets each artifact once it has
   * ended, `onUpdate` each band-power update with its flag.
   */
  push(
    data: readonly Float32Array[],
    length: number,
    onUpdate: FlaggedUpdateHandler,
    onArtifact: (e: ArtifactEvent) => void = () => {},
  ): void {
    this.onUpdate = onUpdate;
    const detector = this.detector;
    if (detector === null) {
      this.engine.push(data, length, this.emit);
      return;
    }
    let offset = 0;
    while (offset < length) {
      const n = Math.min(length - offset, this.engine.samplesUntilUpdate);
      const part = offset === 0 && n === length ? data : data.map((ch) => ch.subarray(offset, offset + n));
      detector.push(part, n, onArtifact);
      this.engine.push(part, n, this.emit);
      offset += n;
    }
  }

  /**
   * Accelerometer samples (g) at `sampleRate` Hz, the first at `t0` s on the EEG clock: updates whose window
   * overlaps a movement are flagged; `onArtifact` gets each movement once it has ended. Needs `motion`.
   */
  pushAccelerometer(
    x: ArrayLike<number>,
    y: ArrayLike<number>,
    z: ArrayLike<number>,
    length: number,
    sampleRate: number,
    t0: number,
    onArtifact: (e: ArtifactEvent) => void = () => {},
  ): void {
    if (this.motion === null) throw new Error('accelerometer samples given, but no MotionSpans to take them');
    this.motion.push(x, y, z, length, sampleRate, t0, onArtifact);
  }

  /** `missingSamples` samples of every channel are missing (see {@link BandPowerEngine.gap}). */
  gap(missingSamples: number, onArtifact: (e: ArtifactEvent) => void = () => {}): void {
    this.detector?.gap(missingSamples, onArtifact);
    this.engine.gap(missingSamples);
  }
}

/**
 * The artifact detector for a stream, or null where it cannot detect anything: below 32 Hz, or without any of
 * AF7/AF8 (blinks) and TP9/TP10 (jaw clenches), e.g. an EDF with O1/O2 only.
 */
export function artifactDetectorFor(
  sampleRate: number,
  channels: readonly string[],
  mainsHz: 50 | 60 | null,
  mainsHarmonics = false,
): ArtifactDetector | null {
  const muse = ['AF7', 'AF8', 'TP9', 'TP10'].some((site) => electrodeIndex(channels, site) >= 0);
  if (!muse || !(sampleRate >= 32)) return null;
  return new ArtifactDetector({ sampleRate, channels, mainsHz, mainsHarmonics });
}
