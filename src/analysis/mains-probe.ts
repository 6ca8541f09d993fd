/**
 * Which mains frequency a recording carries, judged from its first half minute of raw EEG (dsp/mains-detect.ts),
 * so `neurosleep analyze` and `report` notch 60 Hz for an American recording and 50 Hz for a European one
 * without being told.
 */
import { detectMains, type MainsDetection } from '../../dsp/mains-detect.ts';
import { RecordingError, readRecording, type RecordingScan } from '../readers/index.ts';
import type { SourceEvent } from '../source/types.ts';

/** Seconds of contiguous signal the probe collects: 30 one-second Welch segments (59 with overlap). */
export const MAINS_PROBE_SECONDS = 30;
/** A stretch shorter than this before a gap is dropped; a probe shorter than this decides nothing. */
const MIN_SECONDS = 2;

/** Collects the first contiguous stretch of raw EEG, up to {@link MAINS_PROBE_SECONDS}. */
export class MainsProbe {
  private readonly buffers: Float32Array[];
  private length = 0;
  private done = false;

  constructor(
    channels: number,
    private readonly sampleRate: number,
  ) {
    const n = Math.max(1, Math.round(MAINS_PROBE_SECONDS * sampleRate));
    this.buffers = Array.from({ length: channels }, () => new Float32Array(n));
  }

  /** Takes one source event; true once the probe has all it will use. */
  push(event: SourceEvent): boolean {
    if (this.done) return true;
    if (event.kind === 'gap') {
      // Welch needs contiguous signal: a long enough stretch ends the probe, a short one is dropped.
      if (this.length >= MIN_SECONDS * this.sampleRate) this.done = true;
      else this.length = 0;
    } else if (event.kind === 'samples') {
      const room = (this.buffers[0] as Float32Array).length - this.length;
      const n = Math.min(event.length, room);
      this.buffers.forEach((b, c) => b.set((event.data[c] as Float32Array).subarray(0, n), this.length));
      this.length += n;
      if (n === room) this.done = true;
    }
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

/** Thrown through the reader to stop it once the probe is full. */
class ProbeFull extends Error {}

/**
 * Reads the recording's start into a {@link MainsProbe} and stops; null for a recording without raw EEG or
 * too short to judge. A malformed line stops the probe with what came before it: the analysis that follows
 * reads up to the same line and reports it.
 */
export async function probeRecordingMains(
  scan: RecordingScan,
  open: () => AsyncIterable<Uint8Array>,
): Promise<MainsDetection | null> {
  if (!scan.hasRawEeg) return null;
  const probe = new MainsProbe(scan.channels.length, scan.sampleRate);
  try {
    await readRecording(scan, open, (event) => {
      if (probe.push(event)) throw new ProbeFull();
    });
  } catch (err) {
    if (!(err instanceof ProbeFull || err instanceof RecordingError)) throw err;
  }
  return probe.result();
}
