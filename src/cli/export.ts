/** `neurosleep export FILE --to edf --out OUT.edf`: any recording the readers take, written as EDF+. */
import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import type { RecordingError, RecordingScan } from '../readers/index.ts';
import type { EdfPlusResult } from '../writers/edf-plus.ts';
import { EdfExportError, recordingToEdfPlus, type EdfConversion } from '../writers/recording-to-edf.ts';
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
  let conversion: EdfConversion;
  try {
    conversion = await recordingToEdfPlus(scan, open);
  } catch (err) {
    if (err instanceof EdfExportError) throw new CliError(err.message);
    throw err;
  }
  const { result, error } = conversion;
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
