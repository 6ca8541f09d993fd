/** A synthesized Muse recording as EDF+, with a gap, for the tests of `analyze`'s engine worker. */
import { appendFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { museLslCsvChunks } from '../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../hardware-mocks/synth/synthesizer.ts';
import { openFile } from '../../src/cli/node-io.ts';
import { scanRecording } from '../../src/readers/index.ts';
import { recordingToEdfPlus } from '../../src/writers/recording-to-edf.ts';

/**
 * `seconds` of synthesized Muse EEG (blinks and jaw clenches included) with half a second cut out at 8 s (a gap),
 * written as `dir/name.edf` (through `dir/name.csv`); returns the EDF's path.
 */
export async function museEdfWithGap(dir: string, name: string, seconds: number): Promise<string> {
  const synth = new EegSynthesizer({ seed: 9, timeline: 'calm-anxious-recovery', mainsHz: 60 });
  const lines = [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS: seconds })]
    .join('')
    .split('\n');
  const csv = join(dir, `${name}.csv`);
  writeFileSync(csv, [...lines.slice(0, 1 + 256 * 8), ...lines.slice(1 + 256 * 8 + 128)].join('\n'));
  const open = openFile(csv);
  const { result } = await recordingToEdfPlus(await scanRecording(csv, open), open);
  const path = join(dir, `${name}.edf`);
  writeFileSync(path, new Uint8Array(0));
  for (const part of result.parts) appendFileSync(path, part);
  return path;
}
