import { describe, expect, it } from 'vitest';
import { countingWorker } from '../../helpers/counting-batch-worker.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** How many batches the worker had posted once its consumer had held the first one for a while. */
async function postedWhileHeld(maxAhead?: number): Promise<{ posted: number; got: number[]; done: number }> {
  const posted = new SharedArrayBuffer(4);
  const count = new Int32Array(posted);
  const got: number[] = [];
  let seen = -1;
  const done = await countingWorker(maxAhead).run({ batches: 40, posted }, async (k) => {
    got.push(k);
    if (k === 0) {
      // Long enough for a worker that does not block to post all 40.
      await sleep(400);
      seen = Atomics.load(count, 0);
    }
  });
  return { posted: seen, got, done };
}

describe('BatchWorker flow control', () => {
  it('lets the worker post at most its maxAhead batches ahead of the consumer, then delivers every batch in order', async () => {
    const byDefault = await postedWhileHeld();
    expect(byDefault.posted).toBe(4);
    const sixteen = await postedWhileHeld(16);
    expect(sixteen.posted).toBe(16);
    for (const run of [byDefault, sixteen]) {
      expect(run.got).toEqual(Array.from({ length: 40 }, (_, k) => k));
      expect(run.done).toBe(40);
    }
  });
});
