/**
 * The blink / jaw-clench flags of {@link FlaggedBandPowers} when the detector runs on another thread than the
 * band-power engine (`neurosleep analyze` runs it in the thread that parses the CSV, whose core has time to spare).
 *
 * In one thread the flag of the update at sample index k is `windowOverlapsArtifact(k, W, L)`, with L the
 * detector's `lastArtifactIndex` once it has been fed exactly k samples: k itself while an artifact is open, else
 * the index the latest artifact closed at. So an artifact whose first sample is s and that closed at index c
 * flags exactly the updates with s + 1 ≤ k ≤ c + W (while open, L = k; once closed, L ≥ c), and an update is
 * flagged when any artifact's span holds it. The detector's thread records these spans per batch of samples
 * ({@link ArtifactSpanRecorder}); an artifact still open at the batch's end flags every k ≥ s + 1 up to that end,
 * whenever it closes. The engine's thread adds a batch's spans before it pushes the batch's samples
 * ({@link ArtifactSpanFlags}). Its flags are those of the one-thread detector, for any batching: the tests compare
 * them update by update, across blinks, clenches, gaps and missing samples.
 */
import type { ArtifactDetector } from './artifacts.ts';

/** What one batch of samples showed: plain data, to cross to another thread. */
export interface ArtifactSpans {
  /** Per artifact closed in the batch: the index of its first sample, then the index it closed at. */
  readonly closed: number[];
  /** First sample of the earliest artifact still open at the batch's end; −1 when none is. */
  readonly openSince: number;
}

const ignore = (): void => {};

/** Feeds a detector and collects the {@link ArtifactSpans} of what it was fed since the last {@link take}. */
export class ArtifactSpanRecorder {
  private closed: number[] = [];

  constructor(private readonly detector: ArtifactDetector) {
    detector.onClose = (start, end) => this.closed.push(start, end);
  }

  /** As {@link ArtifactDetector.push}, without reporting events. */
  push(data: readonly Float32Array[], length: number): void {
    this.detector.push(data, length, ignore);
  }

  /** As {@link ArtifactDetector.gap}. */
  gap(missingSamples: number): void {
    this.detector.gap(missingSamples, ignore);
  }

  /** The spans of the samples fed since the last call. */
  take(): ArtifactSpans {
    const closed = this.closed;
    this.closed = [];
    return { closed, openSince: this.detector.openSince };
  }
}

/** Flags from {@link ArtifactSpans}: the engine's thread asks for each update's flag in sample order. */
export class ArtifactSpanFlags {
  /** Closed spans that may still flag an update: first flagged index s + 1, and c (the last flagged is c + W). */
  private from: number[] = [];
  private closedAt: number[] = [];
  private openFrom = -1;
  private asked = -1;

  /** Adds a batch's spans; called before the batch's samples reach the engine. */
  add(spans: ArtifactSpans): void {
    const c = spans.closed;
    for (let i = 0; i + 1 < c.length; i += 2) {
      this.from.push((c[i] as number) + 1);
      this.closedAt.push(c[i + 1] as number);
    }
    this.openFrom = spans.openSince < 0 ? -1 : spans.openSince + 1;
  }

  /**
   * Whether the window of `windowSamples` samples ending before sample `endIndex` overlaps an artifact, for an
   * update in the latest batch added. `endIndex` must not decrease from call to call, as an engine's updates do not.
   */
  flagAt(endIndex: number, windowSamples: number): boolean {
    if (endIndex < this.asked) {
      throw new Error(`artifact flag asked for sample ${endIndex}, after sample ${this.asked}`);
    }
    this.asked = endIndex;
    if (this.openFrom >= 0 && endIndex >= this.openFrom) return true;
    const from = this.from;
    const closedAt = this.closedAt;
    let flagged = false;
    let kept = 0;
    for (let i = 0; i < from.length; i++) {
      const c = closedAt[i] as number;
      // Past its last flagged index: no later update can fall in it.
      if (c + windowSamples < endIndex) continue;
      const f = from[i] as number;
      if (f <= endIndex) flagged = true;
      from[kept] = f;
      closedAt[kept++] = c;
    }
    from.length = kept;
    closedAt.length = kept;
    return flagged;
  }
}
