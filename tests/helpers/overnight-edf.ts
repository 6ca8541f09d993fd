/** A long synthesized EDF+ in the OS temp directory, for fast-forward tests and the replay benchmark. */
import { createReadStream, writeFileSync, appendFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { EdfPlusWriter } from '../../src/writers/edf-plus.ts';

/** Writes `hours` of two EEG channels (alpha, theta and a slow drift, deterministic) and returns the path. */
export function writeOvernightEdf(options: { hours: number; rateHz: number }): {
  path: string;
  bytes: number;
} {
  const { hours, rateHz } = options;
  const writer = new EdfPlusWriter({
    channels: ['EEG Fpz-Cz', 'EEG Pz-Oz'],
    sampleRate: rateHz,
    startTime: new Date('2024-01-01T22:00:00Z'),
  });
  const block = rateHz * 30;
  const total = hours * 3600 * rateHz;
  for (let index = 0; index < total; index += block) {
    const data = [new Float32Array(block), new Float32Array(block)];
    for (let i = 0; i < block; i++) {
      const t = (index + i) / rateHz;
      const a = data[0] as Float32Array;
      const b = data[1] as Float32Array;
      a[i] = 20 * Math.sin(2 * Math.PI * 10 * t) + 10 * Math.sin(2 * Math.PI * 6 * t) + 5 * Math.sin(t / 60);
      b[i] = 30 * Math.sin(2 * Math.PI * 9.5 * t + 1) + 8 * Math.sin(2 * Math.PI * 2 * t);
    }
    writer.push({ kind: 'samples', t0: index / rateHz, index, sampleRate: rateHz, data, length: block });
    if (index % (3600 * rateHz) === 0)
      writer.push({ kind: 'marker', t: index / rateHz, label: `hour ${index / 3600 / rateHz}` });
  }
  const result = writer.finish();
  const path = join(tmpdir(), `neurosleep-overnight-${process.pid}-${Date.now()}.edf`);
  writeFileSync(path, new Uint8Array(0));
  for (const part of result.parts) appendFileSync(path, part);
  return { path, bytes: result.bytes };
}

export function fileOpener(path: string): () => AsyncIterable<Uint8Array> {
  return () => createReadStream(path, { highWaterMark: 1 << 16 }) as AsyncIterable<Uint8Array>;
}

let gc: (() => void) | null = null;

/** Heap in use after a full collection (V8's gc exposed for this process only). */
export function heapAfterGc(): number {
  if (!gc) {
    setFlagsFromString('--expose-gc');
    gc = runInNewContext('gc') as () => void;
  }
  gc();
  return process.memoryUsage().heapUsed;
}
