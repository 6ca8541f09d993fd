/**
 * A pass 2 started before its consumer is ready. `analyze` asks the parsing worker for its first batches before
 * this thread probes the mains frequency (≈ 40 ms at the start of an hour's run, when nothing else ran on the
 * worker's core); the events wait in the worker's bounded queue until `read` is called with their consumer.
 */
import type { RecordingRead } from '../analysis/offline-analysis.ts';
import type { RecordingScan } from '../readers/index.ts';
import type { SourceEvent } from '../source/types.ts';

export interface ReadAhead {
  /** The read already started: called once, with the scan it started with, it takes the events from the first. */
  readonly read: RecordingRead;
  /** Ends the read if `read` was never called (the worker stops); after `read`, does nothing. */
  cancel(): void;
}

/** What the started read ends with when it is cancelled before anyone took it. */
export class ReadCancelled extends Error {
  constructor() {
    super('the read was cancelled before its events were taken');
  }
}

export function readAhead(read: RecordingRead, scan: RecordingScan): ReadAhead {
  let consumer: ((e: SourceEvent) => void | Promise<void>) | null = null;
  let cancelled = false;
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => (open = resolve));
  const result = read(scan, (e) => {
    if (consumer) return consumer(e);
    return gate.then(() => {
      if (consumer === null) throw new ReadCancelled();
      return consumer(e);
    });
  });
  // A failure reaches the consumer through the promise `read` returns. This handler only keeps Node from calling
  // it unhandled while no one has taken the read yet, or after a cancel, when no one will.
  result.catch(() => {});
  return {
    read: (s, onEvent) => {
      if (s !== scan) throw new Error('a read ahead is taken with the scan it started with');
      if (consumer !== null || cancelled)
        throw new Error('a read ahead is taken once, and not after a cancel');
      consumer = onEvent;
      open();
      return result;
    },
    cancel: () => {
      if (consumer !== null || cancelled) return;
      cancelled = true;
      open();
    },
  };
}
