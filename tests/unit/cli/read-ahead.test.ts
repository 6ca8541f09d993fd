import { describe, expect, it } from 'vitest';
import type { RecordingRead } from '../../../src/analysis/offline-analysis.ts';
import { ReadCancelled, readAhead } from '../../../src/cli/read-ahead.ts';
import type { ParseSummary, RecordingScan } from '../../../src/readers/index.ts';
import type { SourceEvent } from '../../../src/source/types.ts';

const scan = { file: 'ahead.csv' } as unknown as RecordingScan;
const summary = { rows: 3 } as unknown as ParseSummary;

function marker(i: number): SourceEvent {
  return { kind: 'marker', t: i, label: `m${i}` };
}

/**
 * A read like the parsing worker's: it starts at once and delivers `count` events, awaiting each promise its
 * consumer returns before the next, then ends with `summary` or `failure`. `log` says what it did when.
 */
function fakeRead(count: number, log: string[], failure?: Error): RecordingRead {
  return async (_scan, onEvent) => {
    log.push('started');
    for (let i = 0; i < count; i++) {
      await Promise.resolve();
      log.push(`deliver ${i}`);
      const done = onEvent(marker(i));
      if (done) await done;
    }
    if (failure) throw failure;
    return summary;
  };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('readAhead', () => {
  it('starts the read at once and hands every event, in order, to the consumer that comes later', async () => {
    const log: string[] = [];
    const ahead = readAhead(fakeRead(4, log), scan);
    await tick();
    // Started, and holding its first event until someone takes it.
    expect(log).toEqual(['started', 'deliver 0']);
    const got: string[] = [];
    const result = await ahead.read(scan, (e) => {
      got.push(e.kind === 'marker' ? e.label : e.kind);
    });
    expect(result).toBe(summary);
    expect(got).toEqual(['m0', 'm1', 'm2', 'm3']);
    ahead.cancel(); // after the read was taken: nothing happens
  });

  it('awaits the consumer’s promises before the next event, as the read itself does', async () => {
    const log: string[] = [];
    const ahead = readAhead(fakeRead(2, log), scan);
    let release: () => void = () => {};
    const first = new Promise<void>((resolve) => (release = resolve));
    const pending = ahead.read(scan, (e) => {
      log.push(`consume ${e.kind === 'marker' ? e.label : e.kind}`);
      return e.kind === 'marker' && e.label === 'm0' ? first : undefined;
    });
    await tick();
    expect(log).toEqual(['started', 'deliver 0', 'consume m0']);
    release();
    await pending;
    expect(log).toEqual(['started', 'deliver 0', 'consume m0', 'deliver 1', 'consume m1']);
  });

  it('gives the read’s failure to the consumer even when it came before the read was taken', async () => {
    const log: string[] = [];
    const ahead = readAhead(fakeRead(0, log, new Error('row 7: expected a number')), scan);
    await tick();
    await expect(ahead.read(scan, () => {})).rejects.toThrow('row 7: expected a number');
  });

  it('cancelled before anyone took it, ends the read with ReadCancelled at its next event', async () => {
    const log: string[] = [];
    let ended: unknown = null;
    const read: RecordingRead = (s, onEvent) => {
      const run = fakeRead(3, log)(s, onEvent);
      run.catch((err: unknown) => (ended = err));
      return run;
    };
    const ahead = readAhead(read, scan);
    await tick();
    ahead.cancel();
    await tick();
    expect(ended).toBeInstanceOf(ReadCancelled);
    expect(log).toEqual(['started', 'deliver 0']);
    expect(() => ahead.read(scan, () => {})).toThrow(/not after a cancel/);
  });

  it('is taken once, with the scan it started with', () => {
    const ahead = readAhead(fakeRead(0, []), scan);
    expect(() => ahead.read({ file: 'other.csv' } as unknown as RecordingScan, () => {})).toThrow(
      /with the scan it started with/,
    );
    void ahead.read(scan, () => {});
    expect(() => ahead.read(scan, () => {})).toThrow(/taken once/);
  });
});
