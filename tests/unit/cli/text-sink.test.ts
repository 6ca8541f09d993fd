import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { TextSink } from '../../../src/cli/node-io.ts';

/** A stream that takes 4 KB before asking writers to wait, and keeps what it got. */
function collector(): { out: Writable; text: () => string; writes: () => number } {
  const chunks: Buffer[] = [];
  const out = new Writable({
    highWaterMark: 4096,
    write(chunk: Buffer, _enc, done) {
      chunks.push(chunk);
      setImmediate(done);
    },
  });
  return { out, text: () => Buffer.concat(chunks).toString('utf8'), writes: () => chunks.length };
}

describe('TextSink', () => {
  it('keeps text and bytes in the order they were written, across flushes and back-pressure', async () => {
    const { out, text, writes } = collector();
    const sink = new TextSink(out, 'test output');
    const expected: string[] = [];
    for (let i = 0; i < 3000; i++) {
      const line = `row ${i},${'x'.repeat(i % 50)}\n`;
      expected.push(line);
      if (i % 3 === 0) await sink.write(line);
      else await sink.write(new TextEncoder().encode(line));
    }
    await sink.close();
    expect(text()).toBe(expected.join(''));
    expect(writes()).toBeGreaterThan(3);
  });
});
