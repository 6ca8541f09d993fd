import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, describe, expect, it } from 'vitest';
import { CliError, FileSink, TextSink, openFileSync, outputSink } from '../../../src/cli/node-io.ts';

const dir = mkdtempSync(join(tmpdir(), 'neurosleep-sinks-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

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

describe('FileSink (analyze --out to a file)', () => {
  it('writes text and bytes in order across its 64 KB flushes, and closes once', async () => {
    const path = join(dir, 'rows.csv');
    const sink = outputSink(path);
    expect(sink).toBeInstanceOf(FileSink);
    const expected: string[] = [];
    for (let i = 0; i < 20_000; i++) {
      const line = `row ${i},${'x'.repeat(i % 50)}\n`;
      expected.push(line);
      if (i % 3 === 0) await sink.write(line);
      else await sink.write(new TextEncoder().encode(line));
    }
    expect(expected.join('').length).toBeGreaterThan(4 << 16);
    await sink.close();
    await sink.close();
    expect(readFileSync(path, 'utf8')).toBe(expected.join(''));
    expect(() => sink.write('late\n')).toThrow(/rows\.csv: cannot write \(the file is closed\)/);
  });

  it('says which file cannot be written, and why', async () => {
    expect(() => new FileSink(join(dir, 'no-such-folder', 'rows.csv'))).toThrow(CliError);
    expect(() => new FileSink(join(dir, 'no-such-folder', 'rows.csv'))).toThrow(
      /no-such-folder\/rows\.csv: cannot write \(ENOENT/,
    );
    // /dev/full takes the open and refuses every write: a full disk.
    const full = new FileSink('/dev/full');
    full.write('header\n');
    await expect(full.close()).rejects.toThrow(/\/dev\/full: cannot write \(ENOSPC/);
    await full.close(); // failed once: nothing left to close
    expect(() => full.write('more\n')).toThrow(/\/dev\/full: cannot write \(the file is closed\)/);
  });

  it('leaves what is not a regular file (a device, a pipe) to a stream', async () => {
    const sink = outputSink('/dev/null');
    expect(sink).toBeInstanceOf(TextSink);
    await sink.close();
  });
});

describe('openFileSync (the mains probe reads the file start synchronously)', () => {
  const openFds = () => readdirSync('/proc/self/fd').length;

  it('gives the whole file in order, in pieces of the size asked', async () => {
    const path = join(dir, 'bytes.bin');
    const bytes = Uint8Array.from({ length: 10_000 }, (_, i) => (i * 7) % 251);
    writeFileSync(path, bytes);
    const pieces: Uint8Array[] = [];
    // Copied: a piece is valid until the next (the pieces share one buffer), and Buffer#slice is a view.
    for await (const piece of openFileSync(path, 4096)()) pieces.push(new Uint8Array(piece));
    expect(pieces.map((p) => p.length)).toEqual([4096, 4096, 1808]);
    expect(Buffer.concat(pieces).equals(Buffer.from(bytes))).toBe(true);
  });

  it('closes the file when its reader stops early', async () => {
    const path = join(dir, 'early.bin');
    writeFileSync(path, new Uint8Array(50_000));
    const before = openFds();
    for await (const piece of openFileSync(path, 1024)()) {
      expect(piece.length).toBe(1024);
      expect(openFds()).toBe(before + 1);
      break;
    }
    expect(openFds()).toBe(before);
  });
});
