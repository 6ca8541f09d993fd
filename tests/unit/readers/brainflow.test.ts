import { describe, expect, it } from 'vitest';
import {
  createAnyParser,
  createAnyScanner,
  RecordingError,
  type RecordingScan,
} from '../../../src/readers/index.ts';
import type { SampleChunk, SourceEvent } from '../../../src/source/types.ts';
import { bytesOf, splitAt } from './read-helpers.ts';

function read(text: string, cuts: number[] = []) {
  const chunks = splitAt(bytesOf(text), cuts);
  const scanner = createAnyScanner('muse.csv');
  for (const c of chunks) scanner.push(c);
  const scan: RecordingScan = scanner.end();
  const events: SourceEvent[] = [];
  const parser = createAnyParser(scan, (e) => events.push(e));
  let error: RecordingError | null = null;
  try {
    for (const c of chunks) parser.push(c);
    parser.end();
  } catch (err) {
    if (!(err instanceof RecordingError)) throw err;
    error = err;
  }
  const samples = events.filter((e): e is SampleChunk => e.kind === 'samples');
  return { scan, events, samples, error };
}

/** BrainFlow `write_file` rows for a Muse 2 (8 columns) or a Muse 2016 (7 columns). */
function rows(n: number, columns: 7 | 8, skipFrom = Infinity, skip = 0): string {
  let text = '';
  for (let i = 0; i < n; i++) {
    const k = i >= skipFrom ? i + skip : i;
    const eeg = [0, 1, 2, 3].map((c) => (k * 0.5 + c - 10).toFixed(6));
    const t = (1700000000 + k / 256).toFixed(6);
    const marker = i === 5 ? '2.000000' : '0.000000';
    const aux = columns === 8 ? ['0.000000'] : [];
    text += [String(k % 256) + '.000000', ...eeg, ...aux, t, marker].join('\t') + '\n';
  }
  return text;
}

describe('BrainFlow Muse recordings', () => {
  it.each([8, 7] as const)('%i columns: TP9..TP10 at 256 Hz, markers from the marker column', (columns) => {
    const text = rows(300, columns);
    const r = read(text);
    expect(r.error).toBeNull();
    expect(r.scan.format).toBe('brainflow');
    expect(r.scan.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    expect(r.scan.sampleRate).toBe(256);
    expect(r.scan.startTime).toBe('2023-11-14T22:13:20.000Z');
    expect(r.samples.reduce((n, s) => n + s.length, 0)).toBe(300);
    expect(r.samples[1]?.data[3]?.[0]).toBeCloseTo(256 * 0.5 + 3 - 10, 5);
    expect(r.events.filter((e) => e.kind === 'marker')).toEqual([{ kind: 'marker', t: 5 / 256, label: '2' }]);
    for (const cut of [3, 100, 513, 2000]) expect(read(text, [cut]).events).toEqual(r.events);
  });

  it('lost samples show as a gap of exactly that many samples', () => {
    const r = read(rows(600, 8, 300, 64));
    const gaps = r.events.filter((e) => e.kind === 'gap');
    expect(gaps).toEqual([
      {
        kind: 'gap',
        t: 300 / 256,
        index: 300,
        missingSamples: 64,
        reason: expect.stringMatching(/line 301/),
      },
    ]);
    expect(r.samples.at(-1)?.index).toBeGreaterThan(600);
  });

  it('a row of another length is an error naming the line, after the samples before it', () => {
    const lines = rows(20, 8).split('\n');
    lines[9] = lines[9]?.split('\t').slice(0, 7).join('\t') ?? '';
    const r = read(lines.join('\n'));
    expect(r.samples.reduce((n, s) => n + s.length, 0)).toBe(9);
    expect(r.error?.message).toMatch(
      /^muse\.csv:10: expected 8 tab-separated fields, as on the first line, found 7: /,
    );
  });
});
