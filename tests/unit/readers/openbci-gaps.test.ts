import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createAnyParser,
  createAnyScanner,
  type ParseSummary,
  type RecordingScan,
} from '../../../src/readers/index.ts';
import type { GapMarker, SampleChunk, SourceEvent } from '../../../src/source/types.ts';
import { bytesOf, splitAt } from './read-helpers.ts';

function read(text: string, cuts: number[] = []) {
  const chunks = splitAt(bytesOf(text), cuts);
  const scanner = createAnyScanner('OpenBCI-RAW.txt');
  for (const c of chunks) scanner.push(c);
  const scan: RecordingScan = scanner.end();
  const events: SourceEvent[] = [];
  const parser = createAnyParser(scan, (e) => events.push(e));
  for (const c of chunks) parser.push(c);
  const summary: ParseSummary = parser.end();
  const samples = events.filter((e): e is SampleChunk => e.kind === 'samples');
  const gaps = events.filter((e): e is GapMarker => e.kind === 'gap');
  return { scan, events, samples, gaps, summary };
}

/** A GUI v5 file holding the samples numbered in `kept` (their counter is `n * step % modulus`). */
function guiFile(kept: readonly number[], opts: { board?: string; modulus?: number; step?: number } = {}) {
  const board = opts.board ?? 'OpenBCI_GUI$BoardCytonSerial';
  const modulus = opts.modulus ?? 256;
  const step = opts.step ?? 1;
  let text =
    `%OpenBCI Raw EXG Data\n%Number of channels = 2\n%Sample Rate = 250 Hz\n%Board = ${board}\n` +
    'Sample Index, EXG Channel 0, EXG Channel 1, Accel Channel 0, Timestamp\n';
  for (const n of kept) text += `${(n * step) % modulus}, ${n}.5, ${-n}, 0.0, ${1700000000 + n / 250}\n`;
  return text;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

/** Sample numbers of channel 0 at each sample-clock index (value n.5 is sample n). */
function sampleNumbersByIndex(samples: readonly SampleChunk[]): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of samples) {
    for (let i = 0; i < s.length; i++) out.set(s.index + i, Math.floor(s.data[0]?.[i] ?? NaN));
  }
  return out;
}

describe('OpenBCI dropped samples from the Sample Index column', () => {
  it('a jump inside one counter cycle is a gap of exactly the samples skipped', () => {
    const kept = [...range(0, 10), ...range(15, 300)];
    const r = read(guiFile(kept));
    expect(r.gaps).toEqual([
      {
        kind: 'gap',
        t: 10 / 250,
        index: 10,
        missingSamples: 5,
        reason: 'Sample Index jumps from 9 to 15 at line 16',
      },
    ]);
    expect(r.summary).toMatchObject({ rows: 295, sampleCount: 300, gaps: 1, gapSamples: 5 });
    expect(r.scan.durationS).toBeCloseTo(300 / 250, 9);
    expect(r.scan.warnings).toContain('1 gap(s) in the Sample Index column, 5 samples missing');
    // Every sample sits at its own index on the sample clock, after the gap as before it.
    const byIndex = sampleNumbersByIndex(r.samples);
    for (const n of kept) expect(byIndex.get(n)).toBe(n);
  });

  it('a loss across the wrap (255 → 0) counts the samples on both sides of it', () => {
    const kept = [...range(0, 250), ...range(259, 600)];
    const r = read(guiFile(kept));
    expect(r.gaps.map((g) => [g.index, g.missingSamples])).toEqual([[250, 9]]);
    expect(r.summary.sampleCount).toBe(600);
    const byIndex = sampleNumbersByIndex(r.samples);
    expect(byIndex.get(259)).toBe(259);
    expect(byIndex.get(599)).toBe(599);
  });

  it('a Cyton counter wraps at 256 even when a short file never shows 255', () => {
    // 0..249 then 3: the samples 250..255 and 0..2 of the next cycle are lost (9), not 3 as a wrap at 250 says.
    const r = read(guiFile([...range(0, 250), ...range(259, 300)]));
    expect(r.gaps.map((g) => g.missingSamples)).toEqual([9]);
  });

  it('a Ganglion-style counter wraps where the file shows it wraps', () => {
    const kept = [...range(0, 450), ...range(453, 700)];
    const r = read(guiFile(kept, { board: 'OpenBCI_GUI$BoardGanglionBLE', modulus: 200 }));
    expect(r.gaps.map((g) => [g.index, g.missingSamples])).toEqual([[450, 3]]);
    expect(r.summary.gapSamples).toBe(3);
  });

  it('a counter that steps by 2 (Cyton with Daisy) loses one sample per skipped step', () => {
    const kept = [...range(0, 100), ...range(102, 400)];
    const r = read(guiFile(kept, { step: 2 }));
    expect(r.gaps.map((g) => [g.index, g.missingSamples])).toEqual([[100, 2]]);
    expect(r.summary.sampleCount).toBe(400);
  });

  it('a repeated index is not a gap; several gaps are each exact', () => {
    const kept = [...range(0, 20), 19, ...range(20, 40), ...range(41, 60), ...range(70, 80)];
    const r = read(guiFile(kept));
    expect(r.gaps.map((g) => [g.index, g.missingSamples])).toEqual([
      [41, 1],
      [61, 10],
    ]);
  });

  it('a column that does not count finds no gaps and says so', () => {
    let text =
      '%OpenBCI Raw EXG Data\n%Number of channels = 1\n%Sample Rate = 250 Hz\nSample Index, EXG Channel 0\n';
    for (let i = 0; i < 100; i++) text += `${(i * i * 7919) % 1000}, 1.0\n`;
    const r = read(text);
    expect(r.gaps).toEqual([]);
    expect(r.summary.sampleCount).toBe(100);
    expect(r.scan.warnings).toContain(
      'the Sample Index column does not count samples: dropped samples cannot be found',
    );
    const v4 = read('%OpenBCI\n%Number of channels = 1\n%Sample Rate = 250 Hz\n0.5, 1\n1.5, 2\n2.5, 3\n');
    expect(v4.gaps).toEqual([]);
    expect(v4.summary.sampleCount).toBe(3);
  });

  it('any pattern of losses shorter than a cycle is found exactly, wherever the bytes are cut', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ keep: fc.integer({ min: 1, max: 300 }), drop: fc.integer({ min: 0, max: 200 }) }),
          {
            minLength: 1,
            maxLength: 8,
          },
        ),
        fc.array(fc.nat(), { maxLength: 4 }),
        (runs, cutSeeds) => {
          const kept: number[] = [];
          const expected: [number, number][] = [];
          let n = 0;
          for (const { keep, drop } of runs) {
            if (drop > 0 && kept.length > 0) expected.push([n, drop]);
            n += drop;
            for (let i = 0; i < keep; i++) kept.push(n++);
          }
          if (kept[0] !== 0) {
            // A file starts where it starts: a leading loss is not visible in the counter.
            const shift = kept[0] as number;
            for (let i = 0; i < kept.length; i++) kept[i] = (kept[i] as number) - shift;
            for (const e of expected) e[0] -= shift;
          }
          const text = guiFile(kept);
          const r = read(
            text,
            cutSeeds.map((s) => s % text.length),
          );
          expect(r.gaps.map((g) => [g.index, g.missingSamples])).toEqual(expected);
          expect(r.summary.sampleCount).toBe((kept[kept.length - 1] as number) + 1);
          expect(r.scan.durationS).toBeCloseTo(r.summary.durationS, 9);
        },
      ),
      { numRuns: 200 },
    );
  });
});
