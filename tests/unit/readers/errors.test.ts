import { describe, expect, it } from 'vitest';
import { RecordingError } from '../../../src/readers/index.ts';
import {
  MIND_MONITOR_HEADER,
  bytesOf,
  mindMonitorRow,
  mmStamp,
  museLslText,
  readChunks,
  readText,
  scanChunks,
  totalSamples,
} from './read-helpers.ts';

const H = 'timestamps,TP9,AF7,AF8,TP10,Right AUX';

function scanError(text: string | Uint8Array, name = 'f.csv', format?: 'mind-monitor' | 'muse-lsl') {
  try {
    scanChunks(name, [typeof text === 'string' ? bytesOf(text) : text], format);
  } catch (err) {
    if (err instanceof RecordingError) return err;
    throw err;
  }
  throw new Error('expected the scan to fail');
}

/** Replaces row `line` (1-based file line) of `text`. */
function withLine(text: string, line: number, replacement: string): string {
  const lines = text.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
}

describe('errors that leave nothing to read', () => {
  it.each([
    ['an empty file', '', 'f.csv:1: expected a header line, found an empty file'],
    ['only blank lines', '\n\r\n\n', 'f.csv:3: expected a header line, found only blank lines'],
    ['only a byte-order mark', '\uFEFF', 'f.csv:1: expected a header line, found only blank lines'],
    [
      'a header and no rows',
      H + '\n',
      'f.csv:2: expected at least 2 data rows after the header (to measure the sample rate), found none',
    ],
    [
      'a single row',
      H + '\n1,2,3,4,5,6\n',
      'f.csv:3: expected at least 2 data rows after the header (to measure the sample rate), found 1',
    ],
    [
      'rows all stamped alike',
      H + '\n1,2,3,4,5,6\n1,2,3,4,5,6',
      'f.csv:3: expected timestamps that advance over the file, found 2 data rows from 1 to 1',
    ],
  ])('%s', (_, text, message) => {
    expect(scanError(text).message).toBe(message);
  });

  it('an unknown header names the formats it could have been', () => {
    const err = scanError('foo,bar,baz\n1,2,3\n');
    expect(err.message).toBe(
      'f.csv:1: expected a Mind Monitor header (TimeStamp,Delta_TP9,…,RAW_TP9,RAW_AF7,RAW_AF8,RAW_TP10,…) or ' +
        'a muse-lsl header (timestamps,TP9,AF7,AF8,TP10,Right AUX[,Marker0] or ,TP9,AF7,AF8,TP10,Right AUX,' +
        'timestamps), found "foo,bar,baz"',
    );
    expect(err).toMatchObject({ file: 'f.csv', line: 1, byteOffset: 0, found: '"foo,bar,baz"' });
  });

  it('a binary file is an unknown header, shown escaped and cut short', () => {
    const bytes = new Uint8Array(200).map((_, i) => (i * 37) % 256).map((b) => (b === 10 ? 11 : b));
    const err = scanError(bytes, 'x.edf');
    expect(err.message).toMatch(/^x\.edf:1: expected a Mind Monitor header .* found "\\x00%J.*…"$/);
  });

  it.each([
    ['semicolons', 'timestamps;TP9;AF7\n1;2;3', '"timestamps;TP9;AF7"'],
    ['tabs', 'timestamps\tTP9\n1\t2', '"timestamps\\x09TP9"'],
  ])('a header separated by %s says so', (name, text, shown) => {
    expect(scanError(text).message).toBe(
      `f.csv:1: expected comma-separated columns, found columns separated by ${name} (${shown})`,
    );
  });

  it('UTF-16 text is named as such', () => {
    const err = scanError(new Uint8Array(Buffer.from('\uFEFFtimestamps,TP9\n1,2\n', 'utf16le')));
    expect(err.message).toBe(
      'f.csv:1: expected UTF-8 or ASCII text, found UTF-16 text (byte-order mark); re-save the file as UTF-8',
    );
  });

  it('a forced format that does not fit names what it found', () => {
    expect(scanError('TimeStamp,RAW_TP9,Elements\n1,2,\n2,3,\n', 'f.csv', 'muse-lsl').message).toBe(
      'f.csv:1: expected a muse-lsl header (timestamps,TP9,AF7,AF8,TP10,Right AUX[,Marker0] or ' +
        ',TP9,AF7,AF8,TP10,Right AUX,timestamps), found a Mind Monitor header',
    );
    expect(scanError(H + '\n1,2,3,4,5,6\n', 'f.csv', 'mind-monitor').message).toMatch(
      /^f\.csv:1: expected a Mind Monitor header .* found a muse-lsl header$/,
    );
  });
});

describe('a bad row after good ones', () => {
  const good = museLslText({ rows: 1000 });

  it('delivers every sample before it, then fails with file, line, byte offset and the field', () => {
    const text = withLine(good, 600, '1700000002.332031,1.5,x3,4,5,0.0');
    const { events, summary, error, scan } = readText('rec.csv', text);
    expect(summary).toBeNull();
    expect(error?.message).toBe('rec.csv:600: expected a number in column "AF7" (field 3), found "x3"');
    expect(error).toMatchObject({ line: 600, expected: 'a number in column "AF7" (field 3)', found: '"x3"' });
    expect(text.slice(error?.byteOffset, (error?.byteOffset ?? 0) + 2)).toBe('x3');
    expect(totalSamples(events)).toBe(598);
    // EEG values are for pass 2 to read: the scan did not need them.
    expect(scan.error).toBeUndefined();
  });

  it.each([
    [
      'too few fields',
      '1700000002.332031,1.5,3',
      'expected 6 (or 5) comma-separated fields as in the header, found 3 fields',
    ],
    [
      'too many fields',
      '1700000002.332031,1,2,3,4,0.0,9',
      'expected 6 (or 5) comma-separated fields as in the header, found 7 fields',
    ],
    [
      'semicolons',
      '1700000002.332031;1;2;3;4;0.0',
      'expected 6 (or 5) comma-separated fields as in the header, found 1 field (separated by semicolons: expected commas)',
    ],
    [
      'a bad timestamp',
      'yesterday,1,2,3,4,0.0',
      'expected a timestamp in seconds in column "timestamps" (field 1), found "yesterday"',
    ],
    [
      'no timestamp',
      ',1,2,3,4,0.0',
      'expected a timestamp in seconds in column "timestamps" (field 1), found ""',
    ],
  ])('%s: the scan stops there and reading delivers the rows before it', (_, row, what) => {
    const { events, error, scan } = readText('rec.csv', withLine(good, 300, row));
    expect(error?.message).toBe(`rec.csv:300: ${what}`);
    expect(scan.error?.line).toBe(300);
    expect(scan.rows).toBe(298);
    expect(scan.warnings.join(' ')).toMatch(/reading stops at line 300/);
    expect(totalSamples(events)).toBe(298);
  });

  it('fails the same way however the bytes are cut', () => {
    const bytes = bytesOf(withLine(good, 700, '1700000002.72,1,2,3,4,0.0,0.0'));
    const whole = readChunks('rec.csv', [bytes]);
    for (const size of [1, 7, 100, 4096]) {
      const chunks: Uint8Array[] = [];
      for (let p = 0; p < bytes.length; p += size) chunks.push(bytes.subarray(p, p + size));
      const cut = readChunks('rec.csv', chunks);
      expect(cut.error?.message).toBe(whole.error?.message);
      expect(cut.events).toEqual(whole.events);
    }
  });

  it('keeps failing after the first error rather than reading on', () => {
    const bytes = bytesOf(withLine(good, 10, 'bad,1,2,3,4,0.0'));
    const r = readChunks('rec.csv', [bytes.subarray(0, 2000), bytes.subarray(2000)]);
    expect(r.error?.line).toBe(10);
  });

  it('in Mind Monitor files names the TimeStamp form it expected', () => {
    const lines = [MIND_MONITOR_HEADER];
    for (let i = 0; i < 50; i++) lines.push(mindMonitorRow(mmStamp(i / 256), [800, 800, 800, 800]));
    lines.push(mindMonitorRow('27/07/2021 00:55', [800, 800, 800, 800]));
    const { error, events } = readText('mm.csv', lines.join('\n'));
    expect(error?.message).toBe(
      'mm.csv:52: expected a TimeStamp like 2021-07-23 17:14:44.250 in column "TimeStamp" (field 1), ' +
        'found "27/07/2021 00:55"',
    );
    expect(totalSamples(events)).toBe(50);
  });

  it('in a Mind Monitor 1 row/s file, a non-numeric band power is an error too', () => {
    const lines = [MIND_MONITOR_HEADER];
    for (let i = 0; i < 5; i++) lines.push(mindMonitorRow(mmStamp(i), [800, 800, 800, 800]));
    lines.push(mindMonitorRow(mmStamp(5), [800, 800, 800, 800]).replace(',0.5,', ',high,'));
    const { error, events } = readText('slow.csv', lines.join('\n'));
    expect(error?.message).toBe(
      'slow.csv:7: expected a number in column "Delta_TP9" (field 2), found "high"',
    );
    expect(events).toHaveLength(5);
  });
});
