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
  const bytes = bytesOf(text);
  const chunks = splitAt(bytes, cuts);
  const scanner = createAnyScanner('OpenBCI-RAW.txt');
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

const V5_HEADER =
  '%OpenBCI Raw EXG Data\n%Number of channels = 4\n%Sample Rate = 200 Hz\n%Board = OpenBCI_GUI$BoardGanglionBLE\n' +
  'Sample Index, EXG Channel 0, EXG Channel 1, EXG Channel 2, EXG Channel 3, Accel Channel 0, Accel Channel 1, ' +
  'Accel Channel 2, Other, Timestamp, Timestamp (Formatted)\n';

function v5Row(i: number): string {
  const eeg = [0, 1, 2, 3].map((c) => (i * 3 + c * 7 - 20.25).toFixed(2));
  return `${i % 200}, ${eeg.join(', ')}, 0.0, 0.0, 0.0, 0, ${1700000000 + i / 200}, 2023-11-14 22:13:20.000\n`;
}

describe('OpenBCI GUI .txt', () => {
  it('GUI v5: rate and channels from the % header, EXG columns by name, values in µV', () => {
    let text = V5_HEADER;
    for (let i = 0; i < 300; i++) text += v5Row(i);
    const r = read(text);
    expect(r.error).toBeNull();
    expect(r.scan.format).toBe('openbci');
    expect(r.scan.channels).toEqual(['EXG Channel 0', 'EXG Channel 1', 'EXG Channel 2', 'EXG Channel 3']);
    expect(r.scan.sampleRate).toBe(200);
    expect(r.scan.durationS).toBe(1.5);
    expect(r.samples.map((s) => [s.index, s.length])).toEqual([
      [0, 256],
      [256, 44],
    ]);
    expect(r.samples[1]?.data[3]?.[43]).toBeCloseTo(299 * 3 + 21 - 20.25, 4);
    for (const cut of [5, 77, 180, 400, 1000]) expect(read(text, [cut, cut + 1]).events).toEqual(r.events);
  });

  it('GUI v4: no column header, EEG is columns 1..N; NaN is missing', () => {
    const header =
      '%OpenBCI Raw EEG Data\r\n%Number of channels = 2\r\n%Sample Rate = 250.0 Hz\r\n%First Column = SampleIndex\r\n';
    const rows = ['0, 1.5, -2.5, 0.01, 0.02, 0.98, 14:58:34.123, 1', '1, NaN, 3.0, 0, 0, 1, 14:58:34.127, 2'];
    const r = read(header + rows.join('\r\n') + '\r\n');
    expect(r.scan.channels).toEqual(['EXG Channel 0', 'EXG Channel 1']);
    expect(r.scan.sampleRate).toBe(250);
    expect(Array.from(r.samples[0]?.data[0] ?? [])).toEqual([1.5, NaN]);
  });

  it('a non-number is an error naming line and column, after the samples before it', () => {
    let text = V5_HEADER;
    for (let i = 0; i < 10; i++)
      text += i === 7 ? '7, 0.75, abc, 1.0, 2.0, 0, 0, 0, 0, 1700000000, x\n' : v5Row(i);
    const r = read(text);
    expect(r.samples.reduce((n, s) => n + s.length, 0)).toBe(7);
    expect(r.error?.message).toBe(
      `OpenBCI-RAW.txt:13: expected a number in column 'EXG Channel 1', found "abc"`,
    );
  });

  it('a header without a sample rate is refused', () => {
    expect(() => read('%OpenBCI Raw EEG Data\n%Number of channels = 2\n0, 1, 2\n')).toThrow(
      "OpenBCI-RAW.txt:3: expected '%Sample Rate = … Hz' and '%Number of channels = …' lines before the data, found no sample rate",
    );
  });
});

describe('OpenBCI headers that lie', () => {
  it('an absurd channel count is refused before anything is allocated', () => {
    expect(() => read('%OpenBCI\n%Number of channels = 99999999\n%Sample Rate = 250 Hz\n0, 1\n')).toThrow(
      'OpenBCI-RAW.txt:4: expected a sample rate up to 100000 Hz and up to 1024 channels in the % header, found ' +
        '250 Hz and 99999999 channels',
    );
  });

  it('% lines after the data starts do not change the rate', () => {
    let text = V5_HEADER;
    for (let i = 0; i < 5; i++) text += v5Row(i);
    const r = read(text + '%Sample Rate = 0 Hz\n' + v5Row(5));
    expect(r.scan.sampleRate).toBe(200);
    expect(r.samples[0]?.length).toBe(6);
  });
});
