/**
 * Writes a synthesized session as a muse-lsl CSV file, streaming with backpressure so hours fit in little
 * memory. Prints nothing unless something goes wrong.
 *
 *   npx tsx tools/synth-recording.ts --session demo --duration 3600 --seed 1 --out /tmp/x.csv
 *   options: --start <epoch s> (default 1700000000) --mains 50|60|none --rate <Hz>
 */
import { createWriteStream } from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { museLslCsvChunks } from '../hardware-mocks/synth/muse-lsl-csv.ts';
import {
  BUILTIN_SESSION_NAMES,
  EegSynthesizer,
  type BuiltinSessionName,
} from '../hardware-mocks/synth/synthesizer.ts';

function number(name: string, text: string | undefined, fallback?: number): number {
  if (text === undefined) {
    if (fallback === undefined) throw new Error(`--${name} is required`);
    return fallback;
  }
  const x = Number(text);
  if (text.trim() === '' || !Number.isFinite(x))
    throw new Error(`--${name} must be a number (got '${text}')`);
  return x;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      session: { type: 'string', default: 'demo' },
      duration: { type: 'string' },
      seed: { type: 'string', default: '1' },
      out: { type: 'string' },
      start: { type: 'string' },
      mains: { type: 'string', default: '50' },
      rate: { type: 'string' },
    },
    strict: true,
    allowPositionals: false,
  });
  const session = values.session;
  if (!(BUILTIN_SESSION_NAMES as readonly string[]).includes(session)) {
    throw new Error(`--session must be one of ${BUILTIN_SESSION_NAMES.join(', ')} (got '${session}')`);
  }
  if (values.out === undefined || values.out === '') throw new Error('--out <file.csv> is required');
  const mainsHz = { '50': 50, '60': 60, none: null }[values.mains];
  if (mainsHz === undefined) throw new Error(`--mains must be 50, 60 or none (got '${values.mains}')`);
  const synth = new EegSynthesizer({
    seed: number('seed', values.seed),
    timeline: session as BuiltinSessionName,
    mainsHz: mainsHz as 50 | 60 | null,
    ...(values.rate === undefined ? {} : { sampleRate: number('rate', values.rate) }),
  });
  if (values.duration === undefined && !Number.isFinite(synth.durationS)) {
    throw new Error(`--duration <s> is required: session '${session}' loops forever`);
  }
  const chunks = museLslCsvChunks(synth, {
    startEpochS: number('start', values.start, 1_700_000_000),
    ...(values.duration === undefined ? {} : { durationS: number('duration', values.duration) }),
  });
  await pipeline(Readable.from(chunks), createWriteStream(values.out));
}

main().catch((err: unknown) => {
  process.stderr.write(`synth-recording: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
