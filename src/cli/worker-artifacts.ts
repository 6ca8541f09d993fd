/**
 * `analyze`'s blink / jaw-clench detector in the parsing worker (worker-read.ts) instead of beside the engine: on
 * a long CSV the thread that runs the engine, the dream model and the rows is the one the run waits for, while the
 * parsing worker waits for it about a fifth of the time. The worker sends each batch's artifact spans with its
 * events, and the flags are the ones the detector gives in one thread (dsp/artifact-spans.ts).
 *
 * The worker starts reading before this thread has settled the mains notch (`--mains auto` probes the file), and
 * the detector's EMG filter holds that notch. So the worker waits, in shared memory, for {@link
 * WorkerArtifacts.decide} before it detects and sends its first batch; {@link WorkerArtifacts.release} lets it go
 * (it then stops) when the run ends without a decision, so a failure before the probe ends never leaves it
 * waiting.
 */
import { ArtifactSpanFlags, ArtifactSpanRecorder, type ArtifactSpans } from '../../dsp/artifact-spans.ts';
import { detectorFor, type BandPowerOptions } from '../pipeline/band-power-frames.ts';
import type { RecordingScan } from '../readers/index.ts';
import type { SourceEvent } from '../source/types.ts';

// Slots of the shared Int32Array: the state, then the decision.
const STATE = 0;
const MAINS = 1;
const HARMONICS = 2;
const UNDECIDED = 0;
const DECIDED = 1;
const RELEASED = 2;

/** What the worker is sent with its read request: the memory the decision comes through. */
export interface DetectorRequest {
  readonly control: SharedArrayBuffer;
}

/** This thread's side: the decision to send, and the flags the worker's spans give. */
export class WorkerArtifacts {
  /** Filled with each batch's spans before its events are handed on; the engine reads its flags from it. */
  readonly flags = new ArtifactSpanFlags();
  private readonly cells = new Int32Array(new SharedArrayBuffer(3 * Int32Array.BYTES_PER_ELEMENT));

  get request(): DetectorRequest {
    return { control: this.cells.buffer as SharedArrayBuffer };
  }

  /** The engine's notch, which the detector shares; once. */
  decide(mainsHz: 50 | 60 | null, mainsHarmonics: boolean): void {
    const cells = this.cells;
    if (Atomics.load(cells, STATE) !== UNDECIDED) throw new Error('the detector’s notch is decided once');
    Atomics.store(cells, MAINS, mainsHz ?? 0);
    Atomics.store(cells, HARMONICS, mainsHarmonics ? 1 : 0);
    Atomics.store(cells, STATE, DECIDED);
    Atomics.notify(cells, STATE);
  }

  /** Ends a wait that no decision will end (the worker stops); after a decision, does nothing. */
  release(): void {
    if (Atomics.compareExchange(this.cells, STATE, UNDECIDED, RELEASED) === UNDECIDED) {
      Atomics.notify(this.cells, STATE);
    }
  }
}

/** The worker's side: the detector, started on the first batch once the notch is known. */
export class DetectorInWorker {
  private recorder: ArtifactSpanRecorder | null = null;
  private started = false;
  private readonly cells: Int32Array;

  constructor(
    request: DetectorRequest,
    private readonly scan: RecordingScan,
  ) {
    this.cells = new Int32Array(request.control);
  }

  /**
   * Feeds a batch's samples and gaps to the detector and returns their spans; null when this thread was released
   * without a decision (the read is to stop).
   */
  spansOf(events: readonly SourceEvent[]): ArtifactSpans | null {
    if (!this.started) {
      const options = this.awaitOptions();
      if (options === null) return null;
      const detector = detectorFor(this.scan.sampleRate, this.scan.channels, options);
      this.recorder = detector ? new ArtifactSpanRecorder(detector) : null;
      this.started = true;
    }
    const recorder = this.recorder;
    if (recorder === null) return { closed: [], openSince: -1 };
    for (const e of events) {
      if (e.kind === 'samples') recorder.push(e.data, e.length);
      else if (e.kind === 'gap') recorder.gap(e.missingSamples);
    }
    return recorder.take();
  }

  private awaitOptions(): BandPowerOptions | null {
    const cells = this.cells;
    for (;;) {
      const state = Atomics.load(cells, STATE);
      if (state === RELEASED) return null;
      if (state === DECIDED) break;
      Atomics.wait(cells, STATE, UNDECIDED);
    }
    const mains = Atomics.load(cells, MAINS);
    return {
      mainsHz: mains === 50 || mains === 60 ? mains : null,
      mainsHarmonics: Atomics.load(cells, HARMONICS) === 1,
    };
  }
}
