import { describe, expect, it } from 'vitest';
import {
  RecordingError,
  readRecording,
  scanRecording,
  streamToAsyncIterable,
} from '../../../src/readers/index.ts';
import type { SourceEvent } from '../../../src/source/types.ts';
import { bytesOf, museLslText, readChunks, totalSamples } from './read-helpers.ts';

function opener(bytes: Uint8Array, size: number) {
  let opened = 0;
  const open = async function* () {
    opened++;
    for (let p = 0; p < bytes.length; p += size) {
      await Promise.resolve();
      yield bytes.subarray(p, p + size);
    }
  };
  return { open, opened: () => opened };
}

describe('scanRecording and readRecording', () => {
  const bytes = bytesOf(museLslText({ rows: 2000, marker: (i) => (i === 1500 ? 3 : 0) }));

  it('open the source once per pass and deliver what the synchronous passes do', async () => {
    const source = opener(bytes, 1000);
    const scan = await scanRecording('rec.csv', source.open);
    const events: SourceEvent[] = [];
    const summary = await readRecording(scan, source.open, (e) => {
      events.push(e);
    });
    expect(source.opened()).toBe(2);
    const sync = readChunks('rec.csv', [bytes]);
    expect(scan).toEqual(sync.scan);
    expect(events).toEqual(sync.events);
    expect(summary).toEqual(sync.summary);
  });

  it('await an async consumer before handing over the next event', async () => {
    const source = opener(bytes, 4096);
    const scan = await scanRecording('rec.csv', source.open);
    let busy = false;
    let overlapped = false;
    await readRecording(scan, source.open, async () => {
      if (busy) overlapped = true;
      busy = true;
      await new Promise((r) => setTimeout(r, 0));
      busy = false;
    });
    expect(overlapped).toBe(false);
  });

  it('hand over every event before a bad row, then reject with the RecordingError', async () => {
    const text = museLslText({ rows: 2000 }).replace(/\n(1700000005\.000000),[^,]+,/, '\n$1,oops,');
    const source = opener(bytesOf(text), 512);
    const scan = await scanRecording('rec.csv', source.open);
    const events: SourceEvent[] = [];
    const failure = await readRecording(scan, source.open, async (e) => {
      await Promise.resolve();
      events.push(e);
    }).catch((err: unknown) => err);
    expect(failure).toBeInstanceOf(RecordingError);
    expect((failure as RecordingError).message).toBe(
      'rec.csv:1282: expected a number in column "TP9" (field 2), found "oops"',
    );
    expect(totalSamples(events)).toBe(1280);
  });

  it('pass a consumer error through untouched, without reading on', async () => {
    const source = opener(bytes, 1000);
    const scan = await scanRecording('rec.csv', source.open);
    let calls = 0;
    const boom = new Error('consumer stopped');
    await expect(
      readRecording(scan, source.open, () => {
        calls++;
        throw boom;
      }),
    ).rejects.toBe(boom);
    expect(calls).toBe(1);
  });
});

describe('streamToAsyncIterable', () => {
  it('yields a web stream chunk by chunk, for the browser File.stream()', async () => {
    const text = museLslText({ rows: 300 });
    const bytes = bytesOf(text);
    const stream = () =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          for (let p = 0; p < bytes.length; p += 777) controller.enqueue(bytes.slice(p, p + 777));
          controller.close();
        },
      });
    const scan = await scanRecording('blob.csv', () => streamToAsyncIterable(stream()));
    expect(scan.rows).toBe(300);
    const seen: number[] = [];
    for await (const chunk of streamToAsyncIterable(stream())) seen.push(chunk.length);
    expect(seen.reduce((a, b) => a + b, 0)).toBe(bytes.length);
    expect(seen[0]).toBe(777);
  });

  it('cancels the stream when the reader stops early, releasing the file', async () => {
    let cancelled = false;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new Uint8Array(10));
      },
      cancel() {
        cancelled = true;
      },
    });
    for await (const _ of streamToAsyncIterable(stream)) break;
    expect(cancelled).toBe(true);
  });

  it('rethrows a stream error', async () => {
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.error(new Error('disk gone'));
      },
    });
    await expect(scanRecording('x.csv', () => streamToAsyncIterable(stream))).rejects.toThrow('disk gone');
  });
});
