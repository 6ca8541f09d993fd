/** Inputs the fuzz suites found that once escaped as something other than a RecordingError. */
import { describe, expect, it } from 'vitest';
import { RecordingError } from '../../../src/readers/index.ts';
import { museLslText, readText } from './read-helpers.ts';

describe('CSV inputs found by fuzzing', () => {
  it('a first timestamp beyond any calendar date is a RecordingError, not a RangeError from Date', () => {
    const text = museLslText({ rows: 20 }).replace(/\n1700000000\.000000,/, '\n1700017000000000.5,');
    expect(() => readText('f.csv', text)).toThrow(RecordingError);
    expect(() => readText('f.csv', text)).toThrow(/expected timestamps that advance over the file/);
  });

  it('timestamps jumping decades apart never make a 0 Hz sample rate', () => {
    const text = museLslText({ rows: 20 }).replace(/\n1700000000\.000000,/, '\n700000000.000000,');
    const r = readText('f.csv', text);
    expect(r.scan.sampleRate).toBeGreaterThan(0);
    expect(r.events.every((e) => e.kind !== 'samples' || Number.isFinite(e.t0))).toBe(true);
  });
});
