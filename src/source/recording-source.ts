/**
 * A recording played as a source: scanned once for its format, rate and duration, then streamed and paced by a
 * clock (real time in the app, virtual in tests). Memory stays flat: bytes are parsed as they are read and each
 * event is released once emitted.
 */
import {
  readRecording,
  scanRecording,
  streamToAsyncIterable,
  type RecordingFormat,
  type RecordingScan,
} from '../readers/index.ts';
import { realTimeClock, type PlaybackClock } from './clock.ts';
import { pacedSource } from './paced-source.ts';
import type { EegSource, SampleChunk, SourceEvent } from './types.ts';

export interface RecordingSourceOptions {
  readonly clock?: PlaybackClock;
  readonly format?: RecordingFormat;
  /** Largest piece emitted at once in real time, so the dream moves smoothly rather than once per parsed block. */
  readonly maxPieceSamples?: number;
  /** Start playing here (s into the recording): earlier events are read but not emitted. */
  readonly startAtS?: number;
  /** A scan made earlier of the same bytes (replaying, seeking), so the file is not scanned again. */
  readonly scan?: RecordingScan;
}

export type ByteStreamOpener = () => AsyncIterable<Uint8Array>;

/** At high speed a piece spans at least this much wall time, so fast-forward is not thousands of tiny emits. */
const MIN_PIECE_WALL_S = 0.02;

function pieces(chunk: SampleChunk, max: number): SampleChunk[] {
  if (chunk.length <= max) return [chunk];
  const out: SampleChunk[] = [];
  for (let start = 0; start < chunk.length; start += max) {
    const n = Math.min(max, chunk.length - start);
    out.push({
      kind: 'samples',
      t0: (chunk.index + start) / chunk.sampleRate,
      index: chunk.index + start,
      sampleRate: chunk.sampleRate,
      data: chunk.data.map((d) => d.subarray(start, start + n)),
      length: n,
    });
  }
  return out;
}

function eventEnd(e: SourceEvent): number {
  return e.kind === 'samples' ? e.t0 + e.length / e.sampleRate : e.t;
}

export async function openRecordingSource(
  name: string,
  open: ByteStreamOpener,
  options: RecordingSourceOptions = {},
): Promise<EegSource & { readonly scan: RecordingScan }> {
  const scan = options.scan ?? (await scanRecording(name, open, options.format));
  const maxPiece = options.maxPieceSamples ?? 32;
  const source = pacedSource(
    {
      kind: 'file',
      label: name,
      channels: scan.channels,
      sampleRate: scan.sampleRate,
      hasRawEeg: scan.hasRawEeg,
      ...(scan.bands ? { recordedBands: scan.bands } : {}),
      ...(scan.note ? { note: scan.note } : {}),
    },
    async (emit, signal) => {
      const clock = options.clock ?? realTimeClock();
      const startAt = options.startAtS ?? 0;
      await readRecording(scan, open, async (event) => {
        if (signal.aborted) throw new PlaybackStopped();
        if (eventEnd(event) < startAt) return;
        const max = Math.max(maxPiece, Math.ceil((clock.rate ?? 1) * MIN_PIECE_WALL_S * scan.sampleRate));
        const parts = event.kind === 'samples' ? pieces(event, max) : [event];
        for (const part of parts) {
          await clock.waitUntil(eventEnd(part), signal);
          if (signal.aborted) throw new PlaybackStopped();
          emit(part);
        }
      }).catch((err: unknown) => {
        if (!(err instanceof PlaybackStopped)) throw err;
      });
    },
  );
  return Object.assign(source, { scan });
}

/** Thrown into the reader to stop it when playback is stopped; not an error for the user. */
class PlaybackStopped extends Error {
  constructor() {
    super('playback stopped');
  }
}

/** A File or Blob from the picker, a drop or a fetch, read twice (scan, then play) without loading it whole. */
export function openBlobRecording(blob: Blob, name: string, options: RecordingSourceOptions = {}) {
  return openRecordingSource(name, () => streamToAsyncIterable(blob.stream()), options);
}
