/**
 * Artifact flags for band-power updates from the spans an {@link ArtifactDetector} reports
 * ({@link ArtifactDetector.onSpan}, {@link ArtifactDetector.openSince}) rather than from its state at each update:
 * for an engine whose detector runs elsewhere and ahead of it (`neurosleep analyze` of a CSV runs the detector in
 * its parsing worker, src/cli/worker-read.ts).
 *
 * Each flag is FlaggedBandPowers' (flagged-band-powers.ts), whose detector is fed exactly up to the update: there
 * the window [endIndex − W, endIndex) is flagged when the detector's last artifact sample is at or after its start,
 * and every sample from a detection's start to its close counts as artifact (an open one up to the newest sample).
 * So the window is flagged exactly when a span [start, end] has start < endIndex and end ≥ endIndex − W, or a
 * detection still open began before endIndex. Spans that closed after endIndex, or detections opened after it, as a
 * detector ahead of the engine has seen, change neither side.
 */
import type { ArtifactDetector } from './artifacts.ts';
import type { BandPowerEngine, BandPowerUpdate } from './band-power-engine.ts';
import type { FlaggedUpdateHandler } from './flagged-band-powers.ts';

/** The spans a detector has reported so far, for flagging windows of `windowSamples` samples in order. */
export class ArtifactSpanFlags {
  /** Closed spans, flat: start, end, start, end, … */
  private spans: number[] = [];
  private openSince = -1;

  constructor(readonly windowSamples: number) {}

  /**
   * What the detector reported since the last call, as of one point in its input: the spans that closed (flat
   * start, end pairs) and its {@link ArtifactDetector.openSince} there. Flags may then be asked for windows ending
   * no later than that point.
   */
  add(closed: ArrayLike<number>, openSince: number): void {
    for (let k = 0; k < closed.length; k++) this.spans.push(closed[k] as number);
    this.openSince = openSince;
  }

  /**
   * Whether the window ending before sample `endIndex` overlaps an artifact. `endIndex` must not decrease from call
   * to call (an engine's updates do not): spans that end before a window's start are dropped.
   */
  flagAt(endIndex: number): boolean {
    if (this.openSince >= 0 && this.openSince < endIndex) return true;
    const from = endIndex - this.windowSamples;
    const spans = this.spans;
    let kept = 0;
    let hit = false;
    for (let k = 0; k < spans.length; k += 2) {
      const start = spans[k] as number;
      const end = spans[k + 1] as number;
      if (end < from) continue;
      if (start < endIndex) hit = true;
      spans[kept++] = start;
      spans[kept++] = end;
    }
    spans.length = kept;
    return hit;
  }
}

/**
 * An engine whose updates are flagged from spans (see the module comment), with FlaggedBandPowers' push and gap:
 * the spans must have been added as far as the samples pushed.
 */
export class SpanFlaggedBandPowers {
  private onUpdate: FlaggedUpdateHandler = () => {};
  private readonly emit = (u: BandPowerUpdate): void => this.onUpdate(u, this.flags.flagAt(u.index));

  constructor(
    readonly engine: BandPowerEngine,
    readonly flags: ArtifactSpanFlags,
  ) {}

  push(data: readonly Float32Array[], length: number, onUpdate: FlaggedUpdateHandler): void {
    this.onUpdate = onUpdate;
    this.engine.push(data, length, this.emit);
  }

  gap(missingSamples: number): void {
    this.engine.gap(missingSamples);
  }
}

/** Collects what `detector` reports for an {@link ArtifactSpanFlags} elsewhere; `take` empties it. */
export class ArtifactSpanRecorder {
  private closed: number[] = [];

  constructor(private readonly detector: ArtifactDetector) {
    detector.onSpan = (start, end) => {
      this.closed.push(start, end);
    };
  }

  /** The spans closed since the last take (flat start, end pairs) and the detector's openSince now. */
  take(): { readonly closed: number[]; readonly openSince: number } {
    const closed = this.closed;
    this.closed = [];
    return { closed, openSince: this.detector.openSince };
  }
}
