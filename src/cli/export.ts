/** `neurosleep export FILE --to edf --out OUT.edf`: any recording the readers take, written as EDF+. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { RecordingError, readRecording, type RecordingScan } from '../readers/index.ts';
import { EdfPlusWriter, type EdfPlusResult } from '../writers/edf-plus.ts';
import { CliError } from './node-io.ts';

export interface ExportOutcome {
  readonly result: EdfPlusResult;
  /** The malformed part that stopped reading; everything before it is in the file. */
  readonly error: RecordingError | null;
}

export async function exportEdf(
  scan: RecordingScan,
  open: () => AsyncIterable<Uint8Array>,
  outPath: string,
): Promise<ExportOutcome> {
  if (!scan.hasRawEeg) {
    throw new CliError(`${scan.file}: no raw EEG to export (${scan.note ?? 'band powers only'})`);
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
  let result: EdfPlusResult;
  try {
    result = writer.finish();
  } catch (err) {
    if (error) throw error;
    throw new CliError(`${scan.file}: ${err instanceof Error ? err.message : String(err)}`);
  }
  const out = createWriteStream(outPath);
  let failure: Error | null = null;
  out.on('error', (e) => (failure = e));
  for (const part of result.parts) {
    if (failure) break;
    if (!out.write(part)) await once(out, 'drain').catch((e: Error) => (failure = e));
  }
  out.end();
  if (!failure) await once(out, 'finish').catch((e: Error) => (failure = e));
  if (failure) throw new CliError(`${outPath}: cannot write (${(failure as Error).message})`);
  return { result, error };
}
