/**
 * The artifact flags of `analyze`'s updates while its band-power engine runs in the engine worker
 * (engine-worker.ts): this thread reads the file a second time and runs the blink / jaw-clench detector, so the
 * worker need not. The detector is about a quarter of the DSP's cost, and this thread, which runs the dream model
 * and writes the rows, was idle half the time waiting for updates while the worker ran it; on two cores the work
 * is now shared about evenly.
 *
 * Each flag is the one FlaggedBandPowers gives in one thread (dsp/flagged-band-powers.ts): the detector is fed
 * exactly the samples and gaps before the update's sample index, decoded from the same file by the same parser.
 */
import type { ArtifactDetector } from '../../dsp/artifacts.ts';
import { windowOverlapsArtifact } from '../../dsp/artifacts.ts';
import { RecordingError, createAnyParser, type RecordingScan } from '../readers/index.ts';
import type { SourceEvent } from '../source/types.ts';
import { FilePieces } from './node-io.ts';

type Fed = Extract<SourceEvent, { kind: 'samples' | 'gap' }>;

const ignore = (): void => {};

/** Bytes per read: ≈ 30 s of a Muse EDF, so this thread never blocks long between the batches it consumes. */
const READ_BYTES = 1 << 16;

/** A detector fed from its own read of `file` (scanned into `scan`) as far as each flag asked for needs. */
export class ArtifactFlagReader {
  private readonly pieces: FilePieces;
  private readonly parser: ReturnType<typeof createAnyParser>;
  /** Sample and gap events parsed and not yet wholly fed, from `first` on. */
  private queue: Fed[] = [];
  private first = 0;
  /** Samples of `queue[first]` already fed. */
  private offset = 0;
  /** Sample index (gaps included) the detector has reached. */
  private fed = 0;
  /** The parser's error: what it parsed before the bad record is still fed. */
  private failure: RecordingError | null = null;

  constructor(
    private readonly file: string,
    scan: RecordingScan,
    private readonly detector: ArtifactDetector,
    /** Of the engine whose updates are flagged. */
    private readonly windowSamples: number,
    readBytes = READ_BYTES,
  ) {
    this.pieces = new FilePieces(file, readBytes);
    this.parser = createAnyParser(scan, (e) => {
      if (e.kind === 'samples' || e.kind === 'gap') this.queue.push(e);
    });
  }

  /**
   * Whether the engine's update at sample index `index` (its window's last sample + 1) overlaps an artifact.
   * Indices must not decrease from call to call, as an engine's updates do not.
   */
  flagAt(index: number): boolean {
    if (index < this.fed) {
      throw new Error(`${this.file}: artifact flag asked for sample ${index}, after sample ${this.fed}`);
    }
    while (this.fed < index) this.feed(index);
    return windowOverlapsArtifact(index, this.windowSamples, this.detector.lastArtifactIndex);
  }

  /** Closes the file; flags asked for after this fail once they need more of it. */
  close(): void {
    this.pieces.close();
  }

  /** Feeds the next event, or the part of it before `index`. */
  private feed(index: number): void {
    if (this.first === this.queue.length) {
      this.parseMore(index);
      return;
    }
    const e = this.queue[this.first] as Fed;
    if (e.kind === 'gap') {
      // An engine skips the updates a gap covers, so none can fall inside one.
      if (this.fed + e.missingSamples > index) {
        throw new Error(
          `${this.file}: an update at sample ${index} falls inside the gap at sample ${this.fed}`,
        );
      }
      this.detector.gap(e.missingSamples, ignore);
      this.fed += e.missingSamples;
      this.first++;
      return;
    }
    const n = Math.min(e.length - this.offset, index - this.fed);
    this.detector.push(e.data, n, ignore, this.offset);
    this.fed += n;
    this.offset += n;
    if (this.offset === e.length) {
      this.first++;
      this.offset = 0;
    }
  }

  /** Parses the next piece of the file into the queue. */
  private parseMore(index: number): void {
    this.queue = [];
    this.first = 0;
    if (this.failure) throw this.failure;
    const bytes = this.pieces.next();
    if (bytes === null) {
      throw new Error(
        `${this.file}: an update at sample ${index} is past the end of the signal (${this.fed})`,
      );
    }
    try {
      this.parser.push(bytes);
    } catch (err) {
      // The records before the bad one are queued; a flag that needs more gets this error.
      if (!(err instanceof RecordingError)) throw err;
      this.failure = err;
    }
  }
}
