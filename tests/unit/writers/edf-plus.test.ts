import { describe, expect, it } from 'vitest';
import { createAnyParser, createAnyScanner, type RecordingScan } from '../../../src/readers/index.ts';
import type { SampleChunk, SourceEvent } from '../../../src/source/types.ts';
import { concatParts, EdfPlusWriter } from '../../../src/writers/edf-plus.ts';

function readBack(bytes: Uint8Array): { scan: RecordingScan; events: SourceEvent[] } {
  const scanner = createAnyScanner('out.edf');
  scanner.push(bytes);
  const scan = scanner.end();
  const events: SourceEvent[] = [];
  const parser = createAnyParser(scan, (e) => events.push(e));
  parser.push(bytes);
  parser.end();
  return { scan, events };
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, end));
}

/** A deterministic EEG-like signal with a large excursion on one channel. */
function value(i: number, c: number): number {
  return 40 * Math.sin(i * 0.07 * (c + 1)) + 9.3 * Math.cos(i * 0.31) + (c === 2 && i === 300 ? 1234.567 : 0);
}

function chunk(index: number, length: number, nc = 4, fs = 256): SampleChunk {
  const data = Array.from({ length: nc }, (_, c) =>
    Float32Array.from({ length }, (_, i) => value(index + i, c)),
  );
  return { kind: 'samples', t0: index / fs, index, sampleRate: fs, data, length };
}

const CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];

describe('EDF+ writer', () => {
  it('writes a conformant EDF+C header and reads back sample for sample within the digital resolution', () => {
    const w = new EdfPlusWriter({
      channels: CHANNELS,
      sampleRate: 256,
      startTime: new Date(Date.UTC(2024, 2, 5, 22, 7, 9)),
    });
    for (let i = 0; i < 2560; i += 12) w.push(chunk(i, Math.min(12, 2560 - i)));
    w.push({ kind: 'marker', t: 1.5, label: 'eyes closed' });
    w.annotate(3.25, 'reconnect');
    const out = w.finish();
    const bytes = concatParts(out.parts);
    expect(bytes.length).toBe(out.bytes);
    expect(out.variant).toBe('EDF+C');
    expect(out.samplesPerRecord).toBe(256);
    expect(out.fillerSamples).toBe(0);
    // Header fields where the spec puts them.
    expect(latin1(bytes, 0, 8)).toBe('0       ');
    expect(latin1(bytes, 8, 16)).toBe('X X X X ');
    expect(latin1(bytes, 88, 130)).toBe('Startdate 05-MAR-2024 X X NeuroSleep      ');
    expect(latin1(bytes, 168, 184)).toBe('05.03.2422.07.09');
    expect(latin1(bytes, 184, 192)).toBe(String(256 * 6).padEnd(8));
    expect(latin1(bytes, 192, 197)).toBe('EDF+C');
    expect(latin1(bytes, 236, 256)).toBe('10      1       5   ');
    expect(latin1(bytes, 256, 256 + 80)).toBe(
      'EEG TP9         EEG AF7         EEG AF8         EEG TP10        EDF Annotations ',
    );

    const { scan, events } = readBack(bytes);
    expect(scan.layout).toBe('EDF+C');
    expect(scan.channels).toEqual(['EEG TP9', 'EEG AF7', 'EEG AF8', 'EEG TP10']);
    expect(scan.sampleRate).toBe(256);
    expect(scan.startTime).toBe('2024-03-05T22:07:09');
    const edf = 'edf' in scan ? scan.edf : null;
    const samples = events.filter((e): e is SampleChunk => e.kind === 'samples');
    expect(samples.reduce((n, s) => n + s.length, 0)).toBe(2560);
    for (let c = 0; c < 4; c++) {
      const sig = edf?.signals[c];
      const resolution = ((sig?.physicalMax ?? 0) - (sig?.physicalMin ?? 0)) / 65535;
      expect(resolution).toBeLessThan(c === 2 ? 0.03 : 0.002);
      let worst = 0;
      for (const s of samples) {
        for (let i = 0; i < s.length; i++) {
          worst = Math.max(worst, Math.abs((s.data[c]?.[i] ?? NaN) - Math.fround(value(s.index + i, c))));
        }
      }
      expect(worst).toBeLessThanOrEqual(resolution / 2 + 1e-4);
    }
    // No clipping: the excursion comes back.
    expect(samples[1]?.data[2]?.[300 - 256]).toBeCloseTo(value(300, 2), 1);
    expect(events.filter((e) => e.kind === 'marker')).toEqual([
      { kind: 'marker', t: 1.5, label: 'eyes closed' },
      { kind: 'marker', t: 3.25, label: 'reconnect' },
    ]);
  });

  it('gaps make an EDF+D whose records leave out exactly the missing samples', () => {
    const w = new EdfPlusWriter({ channels: CHANNELS, sampleRate: 256 });
    const present: [number, number][] = [
      [0, 600],
      [636, 1000],
      [1300, 1900],
    ];
    for (const [from, to] of present) {
      if (from > 0) {
        const prev = present[present.findIndex(([f]) => f === from) - 1] as [number, number];
        w.push({
          kind: 'gap',
          t: prev[1] / 256,
          index: prev[1],
          missingSamples: from - prev[1],
          reason: 'lost packets',
        });
      }
      for (let i = from; i < to; i += 12) w.push(chunk(i, Math.min(12, to - i)));
    }
    const out = w.finish();
    expect(out.variant).toBe('EDF+D');
    expect(out.samplesPerRecord).toBe(4);
    expect(out.fillerSamples).toBe(0);
    const { scan, events } = readBack(concatParts(out.parts));
    expect(scan.layout).toBe('EDF+D');
    const gaps = events.filter((e) => e.kind === 'gap');
    expect(gaps.map((g) => (g.kind === 'gap' ? [g.index, g.missingSamples] : null))).toEqual([
      [600, 36],
      [1000, 300],
    ]);
    const samples = events.filter((e): e is SampleChunk => e.kind === 'samples');
    expect(samples.reduce((n, s) => n + s.length, 0)).toBe(600 + 364 + 600);
    const last = samples.at(-1) as SampleChunk;
    expect(last.index + last.length).toBe(1900);
    expect(last.data[0]?.[last.length - 1]).toBeCloseTo(value(1899, 0), 2);
    expect(
      events.filter((e) => e.kind === 'marker').map((e) => (e.kind === 'marker' ? e.label : '')),
    ).toEqual(['gap: 36 samples missing: lost packets', 'gap: 300 samples missing: lost packets']);
  });

  it('a recording ending inside any possible record is padded with annotated filler', () => {
    const w = new EdfPlusWriter({ channels: ['Fpz-Cz'], sampleRate: 100 });
    w.push(chunk(0, 1001, 1, 100));
    const out = w.finish();
    expect(out.samplesPerRecord).toBe(100);
    expect(out.fillerSamples).toBe(99);
    const { events } = readBack(concatParts(out.parts));
    expect(events.filter((e) => e.kind === 'marker')).toEqual([
      { kind: 'marker', t: 10.01, label: 'filler: 99 samples of 0 uV' },
    ]);
  });

  it('missing samples (NaN) are written as 0 µV and said so', () => {
    const w = new EdfPlusWriter({ channels: ['Cz'], sampleRate: 4 });
    w.push({
      kind: 'samples',
      t0: 0,
      index: 0,
      sampleRate: 4,
      length: 4,
      data: [Float32Array.of(1, NaN, -3, 2)],
    });
    const out = w.finish();
    expect(out.missingWrittenAsZero).toBe(1);
    const { events } = readBack(concatParts(out.parts));
    const s = events.find((e): e is SampleChunk => e.kind === 'samples');
    expect(Array.from(s?.data[0] ?? []).map((v) => Math.round(v * 1000) / 1000 + 0)).toEqual([1, 0, -3, 2]);
  });
});
