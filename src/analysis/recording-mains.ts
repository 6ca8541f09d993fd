/** The mains a recording carries, from its first half minute (the CLI's `--mains auto`, and `inspect`). */
import type { MainsDetection } from '../../dsp/mains-detect.ts';
import { MainsProbe } from '../pipeline/mains-probe.ts';
import { RecordingError, readRecording, type RecordingScan } from '../readers/index.ts';

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
