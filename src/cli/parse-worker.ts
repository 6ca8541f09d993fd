/** Which thread parses a recording for pass 2: a worker for text, this thread for EDF/BDF. */
import { closeSync, openSync, readSync } from 'node:fs';
import type { RecordingRead } from '../analysis/offline-analysis.ts';
import { sniffEdf, type RecordingFormat } from '../readers/index.ts';
import type { WorkerArtifacts } from './worker-artifacts.ts';
import { RecordingReadWorker, type WorkerReadOptions } from './worker-read.ts';

/** Whether `file` starts like an EDF or BDF (as the scanner sniffs it); false when it cannot be read. */
function isEdfOrBdf(file: string): boolean {
  const head = new Uint8Array(8);
  let fd = -1;
  try {
    fd = openSync(file, 'r');
    const n = readSync(fd, head, 0, head.length, 0);
    return sniffEdf(head.subarray(0, n)) !== null;
  } catch {
    return false; // the scan that follows reports why the file cannot be read
  } finally {
    if (fd >= 0) closeSync(fd);
  }
}

/**
 * Pass 2 of a text recording is parsed in a worker thread, beside the DSP on this one: parsing CSV costs about
 * as much as the DSP (worker-read.ts). EDF/BDF decode cheaply and are read on this thread, or (`analyze`) by the
 * worker that runs their DSP (engine-worker.ts). The worker starts before the scan, to load while this thread
 * scans.
 */
export class ParseWorker {
  private readonly reader: RecordingReadWorker | null;

  constructor(
    private readonly file: string,
    format: RecordingFormat | undefined,
  ) {
    const binary = format ? format === 'edf' || format === 'bdf' : isEdfOrBdf(file);
    this.reader = binary ? null : new RecordingReadWorker();
  }

  /** Whether pass 2 runs in the worker (a text recording). */
  get inWorker(): boolean {
    return this.reader !== null;
  }

  /**
   * Pass 2 in the worker (with the whole file's verdict when asked, and running the blink / jaw-clench detector
   * into `artifacts` when given), or undefined (readRecording on this thread).
   */
  read(
    wholeFileScan?: WorkerReadOptions['wholeFileScan'],
    artifacts?: WorkerArtifacts,
  ): RecordingRead | undefined {
    const reader = this.reader;
    const options: WorkerReadOptions = {
      ...(wholeFileScan ? { wholeFileScan } : {}),
      ...(artifacts ? { artifacts } : {}),
    };
    return reader ? (scan, onEvent) => reader.read(this.file, scan, onEvent, options) : undefined;
  }

  async dispose(): Promise<void> {
    await this.reader?.dispose();
  }
}
