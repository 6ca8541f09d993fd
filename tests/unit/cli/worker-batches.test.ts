import { describe, expect, it } from 'vitest';
import { offerStartedWorker } from '../../../src/cli/worker-batches.ts';
import { countingWorker, startCountingThread } from '../../helpers/counting-batch-worker.ts';

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
    expect(byDefault.posted).toBe(32);
    const four = await postedWhileHeld(4);
    expect(four.posted).toBe(4);
    for (const run of [byDefault, four]) {
      expect(run.got).toEqual(Array.from({ length: 40 }, (_, k) => k));
      expect(run.done).toBe(40);
    }
  });
});

describe('BatchWorker roles', () => {
  it('runs on a worker offered ahead, once, and the next BatchWorker starts its own', async () => {
    const ahead = startCountingThread();
    const exited = new Promise<number>((resolve) => ahead.once('exit', resolve));
    offerStartedWorker(ahead);
    const posted = new SharedArrayBuffer(4);
    const taken = countingWorker();
    const second = countingWorker();
    const got: number[] = [];
    expect(await taken.run({ batches: 3, posted }, (k) => void got.push(k))).toBe(3);
    // The run stops the worker it ran on: the one offered.
    await exited;
    expect(await second.run({ batches: 2, posted }, (k) => void got.push(k))).toBe(2);
    expect(got).toEqual([0, 1, 2, 0, 1]);
    expect(Atomics.load(new Int32Array(posted), 0)).toBe(5);
  });

  it('fails with what the worker serves when it is asked for a role it does not', async () => {
    const posted = new SharedArrayBuffer(4);
    await expect(
      countingWorker(4, 'neurosleep-no-such-role').run({ batches: 1, posted }, () => {}),
    ).rejects.toThrow('a CLI worker serving neurosleep-test-counting was asked for neurosleep-no-such-role');
  });
});
