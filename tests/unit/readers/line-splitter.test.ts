import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LineSplitter, MAX_LINE_BYTES } from '../../../src/readers/line-splitter.ts';
import { RecordingError } from '../../../src/readers/recording-error.ts';
import { bytesOf, splitAt } from './read-helpers.ts';

interface Line {
  text: string;
  line: number;
  offset: number;
}

function lines(chunks: readonly Uint8Array[]): Line[] {
  const out: Line[] = [];
  const splitter = new LineSplitter('f.csv', (buf, start, end, line, offset) => {
    out.push({ text: Buffer.from(buf.subarray(start, end)).toString('latin1'), line, offset });
  });
  for (const c of chunks) splitter.push(c);
  splitter.end();
  return out;
}

describe('LineSplitter', () => {
  it('numbers lines from 1, skips blank ones, strips CR and a UTF-8 byte-order mark', () => {
    const text = '\uFEFFa,b\r\n\r\n1,2\n\n3,4';
    expect(lines([bytesOf(text)])).toEqual([
      { text: 'a,b', line: 1, offset: 3 },
      { text: '1,2', line: 3, offset: 10 },
      { text: '3,4', line: 5, offset: 15 },
    ]);
  });

  it('hands over a last line without a line break, and nothing for a trailing one', () => {
    expect(lines([bytesOf('x\ny')]).map((l) => l.text)).toEqual(['x', 'y']);
    expect(lines([bytesOf('x\ny\n')]).map((l) => l.text)).toEqual(['x', 'y']);
  });

  it('gives the same lines, numbers and offsets however the bytes are cut', () => {
    const text = '\uFEFFTimeStamp,a\r\n1,2\r\n\n33,44,55\n' + 'z'.repeat(3000) + '\r\n7';
    const bytes = bytesOf(text);
    const whole = lines([bytes]);
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: bytes.length }), { maxLength: 40 }), (cuts) => {
        expect(lines(splitAt(bytes, cuts))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });

  it('cuts a BOM split over two chunks too', () => {
    const bytes = bytesOf('\uFEFFh\n1');
    expect(lines([bytes.subarray(0, 1), bytes.subarray(1, 2), bytes.subarray(2)])).toEqual([
      { text: 'h', line: 1, offset: 3 },
      { text: '1', line: 2, offset: 5 },
    ]);
  });

  it('refuses a line longer than 1 MiB instead of buffering without end', () => {
    const splitter = new LineSplitter('big.bin', () => undefined);
    const block = new Uint8Array(64 * 1024).fill(65);
    let error: unknown = null;
    try {
      for (let i = 0; i * block.length <= MAX_LINE_BYTES + block.length; i++) splitter.push(block);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(RecordingError);
    expect((error as RecordingError).message).toBe(
      'big.bin:1: expected a line break within 1048576 bytes (a CSV text file), found a longer line ' +
        '(binary data, or line breaks other than LF/CRLF?)',
    );
  });
});
