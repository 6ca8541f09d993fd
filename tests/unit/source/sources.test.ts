import { Readable } from 'node:stream';
import { lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { virtualClock } from '../../../src/source/clock.ts';
import { openRecordingSource } from '../../../src/source/recording-source.ts';
import { createSynthSource } from '../../../src/source/synth-source.ts';
import type { SampleChunk, SourceEvent, SourceStatus } from '../../../src/source/types.ts';

function bytes(text: string, pieceSize = 97) {
  return () => {
    const buf = Buffer.from(text);
    const pieces: Uint8Array[] = [];
    for (let i = 0; i < buf.length; i += pieceSize) pieces.push(buf.subarray(i, i + pieceSize));
    return Readable.from(pieces);
  };
}

function museLsl(rows: number, { gapAfter = -1, gapS = 0 } = {}): string {
  let text = 'timestamps,TP9,AF7,AF8,TP10,Right AUX\n';
  let t = 1_600_000_000;
  for (let i = 0; i < rows; i++) {
    if (i === gapAfter) t += gapS;
    text += `${t.toFixed(4)},${(i % 7) - 3},${i % 5},${-(i % 3)},${i % 11},0\n`;
    t += 1 / 256;
  }
  return text;
}

describe('synthesizer source', () => {
  it('emits contiguous 12-sample packets paced by its clock and ends after its duration', async () => {
    const source = createSynthSource({ seed: 3, session: 'demo', clock: virtualClock(), durationS: 2 });
    const statuses: SourceStatus['state'][] = [];
    source.status$.subscribe((s) => statuses.push(s.state));
    const events = await lastValueFrom(source.events$.pipe(toArray()));
    const chunks = events.filter((e): e is SampleChunk => e.kind === 'samples');
    expect(chunks.reduce((n, c) => n + c.length, 0)).toBe(512);
    let next = 0;
    for (const c of chunks) {
      expect(c.index).toBe(next);
      expect(c.t0).toBeCloseTo(c.index / 256, 12);
      expect(c.data).toHaveLength(4);
      next += c.length;
    }
    expect(chunks.every((c) => c.length <= 12)).toBe(true);
    expect(statuses).toEqual(['idle', 'connecting', 'streaming', 'ended']);
  });

  it('stop() ends a live demo and releases its loop', async () => {
    const source = createSynthSource({ seed: 3, clock: virtualClock() });
    let n = 0;
    const done = new Promise<void>((resolve) => {
      const sub = source.events$.subscribe(() => {
        if (++n === 10) {
          source.stop();
          sub.unsubscribe();
          resolve();
        }
      });
    });
    await done;
    await new Promise((r) => setTimeout(r, 20));
    expect(n).toBe(10);
  });
});

describe('recording source', () => {
  it('replays a recording with its scan, exact sample count and gap markers', async () => {
    const text = museLsl(1024, { gapAfter: 500, gapS: 0.5 });
    const source = await openRecordingSource('x.csv', bytes(text), { clock: virtualClock() });
    expect(source.info).toMatchObject({ kind: 'file', label: 'x.csv', sampleRate: 256, hasRawEeg: true });
    expect(source.info.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    const events: SourceEvent[] = await lastValueFrom(source.events$.pipe(toArray()));
    const samples = events.filter((e): e is SampleChunk => e.kind === 'samples');
    expect(samples.reduce((n, c) => n + c.length, 0)).toBe(1024);
    expect(samples.every((c) => c.length <= 32)).toBe(true);
    const gaps = events.filter((e) => e.kind === 'gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ kind: 'gap', missingSamples: 128, index: 500 });
    const after = samples.find((c) => c.index > 500);
    expect(after?.index).toBe(500 + 128);
  });

  it('plays a malformed file up to the bad line, then reports the error as its status', async () => {
    const good = museLsl(300);
    const lines = good.split('\n');
    lines[201] = '1600000000.78,1,2,oops,4,0';
    const source = await openRecordingSource('bad.csv', bytes(lines.join('\n')), { clock: virtualClock() });
    const statuses: SourceStatus[] = [];
    source.status$.subscribe((s) => statuses.push(s));
    let received = 0;
    const error = await new Promise<unknown>((resolve) =>
      source.events$.subscribe({
        next: (e) => {
          if (e.kind === 'samples') received += e.length;
        },
        error: resolve,
      }),
    );
    expect(received).toBe(200);
    expect(String(error)).toMatch(/bad\.csv:202: expected/);
    expect(statuses.at(-1)).toMatchObject({ state: 'error', reason: expect.stringMatching(/bad\.csv:202:/) });
  });
});
