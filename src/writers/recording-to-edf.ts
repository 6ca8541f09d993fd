/**
 * Any recording the readers take, converted to EDF+: what `neurosleep export` writes to disk and what the app's
 * "EDF+" button downloads for a stored live recording. A malformed part stops the conversion but keeps
 * everything before it (and says so in an annotation).
 */
import {
  RecordingError,
  readRecording,
  scanRecording,
  streamToAsyncIterable,
  type RecordingScan,
} from '../readers/index.ts';
import { EdfPlusWriter, type EdfPlusResult } from './edf-plus.ts';

/** The recording cannot be exported at all (no raw EEG, nothing to write). */
export class EdfExportError extends Error {}

export interface EdfConversion {
  readonly result: EdfPlusResult;
  /** The malformed part that stopped reading; everything before it is in the file. */
  readonly error: RecordingError | null;
}

export async function recordingToEdfPlus(
  scan: RecordingScan,
  open: () => AsyncIterable<Uint8Array>,
): Promise<EdfConversion> {
  if (!scan.hasRawEeg) {
    throw new EdfExportError(`${scan.file}: no raw EEG to export (${scan.note ?? 'band powers only'})`);
  }
  const start = scan.startTime ? new Date(`${scan.startTime.replace(/Z$/, '')}Z`) : undefined;
  const writer = new EdfPlusWriter({
    channels: scan.channels,
    sampleRate: scan.sampleRate,
    ...(start && !Number.isNaN(start.getTime()) ? { startTime: start } : {}),
  });
  let error: RecordingError | null = null;
  try {
    await readRecording(scan, open, (e) => writer.push(e));
  } catch (err) {
    if (!(err instanceof RecordingError)) throw err;
    error = err;
    writer.annotate(0, `export stopped early: ${err.message}`);
  }
  try {
    return { result: writer.finish(), error };
  } catch (err) {
    if (error) throw error;
    throw new EdfExportError(`${scan.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

/** A stored recording (a Blob, e.g. the recorder's Mind Monitor CSV) as an EDF+ Blob. */
export async function blobToEdfPlus(blob: Blob, name: string): Promise<{ blob: Blob } & EdfConversion> {
  const open = () => streamToAsyncIterable(blob.stream());
  const scan = await scanRecording(name, open);
  const conversion = await recordingToEdfPlus(scan, open);
  // The writer's parts are plain ArrayBuffer-backed arrays; TypeScript cannot tell them from shared ones.
  const parts = conversion.result.parts as Uint8Array<ArrayBuffer>[];
  return { ...conversion, blob: new Blob(parts, { type: 'application/octet-stream' }) };
}
