import { describe, expect, it } from 'vitest';
import {
  createAnyParser,
  createAnyScanner,
  RecordingError,
  selectScanChannels,
  type RecordingScan,
} from '../../../src/readers/index.ts';
import type { RecordedBandPowers, SampleChunk, SourceEvent } from '../../../src/source/types.ts';
import { bytesOf, MIND_MONITOR_HEADER, mindMonitorRow, mmStamp, splitAt } from './read-helpers.ts';

function read(name: string, text: string, channels?: string[]) {
  const chunks = splitAt(bytesOf(text), [7, 100, 333]);
  const scanner = createAnyScanner(name, undefined, channels ? { channels } : {});
  for (const c of chunks) scanner.push(c);
  const scan: RecordingScan = scanner.end();
  const events: SourceEvent[] = [];
  const parser = createAnyParser(scan, (e) => events.push(e));
  for (const c of chunks) parser.push(c);
  const summary = parser.end();
  const samples = events.filter((e): e is SampleChunk => e.kind === 'samples');
  return { scan, events, samples, summary };
}

/** Channel c of the whole read, joined across chunks. */
function column(samples: readonly SampleChunk[], c: number): number[] {
  return samples.flatMap((s) => Array.from((s.data[c] as Float32Array).subarray(0, s.length)));
}

const MUSE_LSL =
  'timestamps,TP9,AF7,AF8,TP10,Right AUX\n' +
  Array.from({ length: 600 }, (_, i) => `${1700000000 + i / 256},${i},${i + 0.25},${i + 0.5},${-i},7\n`).join(
    '',
  );

const OPENBCI =
  '%OpenBCI Raw EXG Data\n%Number of channels = 8\n%Sample Rate = 250 Hz\n%Board = OpenBCI_GUI$BoardCytonSerial\n' +
  'Sample Index, ' +
  Array.from({ length: 8 }, (_, c) => `EXG Channel ${c}`).join(', ') +
  ', Timestamp\n' +
  Array.from(
    { length: 700 },
    (_, i) =>
      `${i % 256}, ${Array.from({ length: 8 }, (_, c) => (c * 100 + i * 0.5).toFixed(2)).join(', ')}, ${1700000000 + i / 250}\n`,
  ).join('');

const BRAINFLOW = Array.from(
  { length: 500 },
  (_, i) => `${i % 256}\t${i}\t${i + 1}\t${i + 2}\t${i + 3}\t0\t${1700000000 + i / 256}\t0\n`,
).join('');

describe('channel selection in the table formats', () => {
  it('streams the chosen muse-lsl columns, in the order asked, sample for sample', () => {
    const whole = read('lsl.csv', MUSE_LSL);
    const picked = read('lsl.csv', MUSE_LSL, ['tp10', 'AF7']);
    expect(picked.scan.channels).toEqual(['TP10', 'AF7']);
    expect(picked.scan.selection?.fileChannels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    expect(picked.samples.every((s) => s.data.length === 2)).toBe(true);
    expect(column(picked.samples, 0)).toEqual(column(whole.samples, 3));
    expect(column(picked.samples, 1)).toEqual(column(whole.samples, 1));
    expect(picked.summary.sampleCount).toBe(whole.summary.sampleCount);
  });

  it('picks OpenBCI GUI channels by their column names, case and spacing aside', () => {
    const whole = read('OpenBCI-RAW.txt', OPENBCI);
    expect(whole.scan.channels).toHaveLength(8);
    const picked = read('OpenBCI-RAW.txt', OPENBCI, ['exg channel 6', 'EXG Channel 1']);
    expect(picked.scan.format).toBe('openbci');
    expect(picked.scan.channels).toEqual(['EXG Channel 6', 'EXG Channel 1']);
    expect(column(picked.samples, 0)).toEqual(column(whole.samples, 6));
    expect(column(picked.samples, 1)).toEqual(column(whole.samples, 1));
    expect(column(picked.samples, 0)[0]).toBe(600);
  });

  it('picks BrainFlow Muse channels by the Muse names', () => {
    const picked = read('muse.csv', BRAINFLOW, ['AF8']);
    expect(picked.scan.format).toBe('brainflow');
    expect(picked.scan.channels).toEqual(['AF8']);
    expect(column(picked.samples, 0).slice(0, 3)).toEqual([2, 3, 4]);
  });

  it('narrows Mind Monitor 1 row/s band powers, band-major, and the contact figures', () => {
    const band = (b: number, c: number) => b + c / 10 + 0.05;
    const rows = Array.from({ length: 5 }, (_, i) =>
      mindMonitorRow(mmStamp(i * 1.004), [700, 800, 900, 1000], { bands: band }),
    );
    const text = [MIND_MONITOR_HEADER, ...rows].join('\r\n');
    const picked = read('slow.csv', text, ['AF8', 'TP9']);
    expect(picked.scan.hasRawEeg).toBe(false);
    expect(picked.scan.quality?.hsiGood).toHaveLength(2);
    const first = picked.events[0] as RecordedBandPowers;
    expect(first.absolute).toHaveLength(5 * 2);
    // absolute[b * 2 + j]: theta (b = 1) on AF8 (j = 0, file channel 2), then on TP9 (j = 1, file channel 0).
    expect(first.absolute[1 * 2 + 0]).toBe(Math.fround(band(1, 2)));
    expect(first.absolute[1 * 2 + 1]).toBe(Math.fround(band(1, 0)));
  });

  it('names the missing label and the channels there are', () => {
    const scanner = createAnyScanner('OpenBCI-RAW.txt', undefined, { channels: ['O1'] });
    scanner.push(bytesOf(OPENBCI));
    let error: unknown;
    try {
      scanner.end();
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as Error).message).toBe(
      'OpenBCI-RAW.txt:1: expected a channel named "O1" (channels: EXG Channel 0, ' +
        'EXG Channel 1, EXG Channel 2, EXG Channel 3, EXG Channel 4, EXG Channel 5, EXG Channel 6, EXG Channel 7), ' +
        'found none',
    );
  });

  it('re-selects from the whole file, not from an earlier selection', () => {
    const first = read('lsl.csv', MUSE_LSL, ['AF7']).scan;
    const again = selectScanChannels(first, ['TP9', 'AF7']);
    expect(again.channels).toEqual(['TP9', 'AF7']);
    expect(again.selection?.pick).toEqual([0, 1]);
  });
});
