import { describe, expect, it } from 'vitest';
import type { GapMarker, SampleChunk } from '../../../src/source/types.ts';
import {
  MIND_MONITOR_HEADER,
  channel,
  mindMonitorRow,
  mmStamp,
  museLslText,
  readOk,
  samplesOf,
} from './read-helpers.ts';

/** Sample i of a 256 Hz file whose stamps skip `missing` samples after sample `at`. */
const withGap = (at: number, missing: number) => (i: number) => 2000 + (i < at ? i : i + missing) / 256;

describe('gaps', () => {
  it('reports exactly the samples the stamps skipped and continues the index after them', () => {
    const { scan, events, summary } = readOk(
      'gap.csv',
      museLslText({ rows: 3000, time: withGap(1000, 300) }),
    );
    expect(scan.sampleRate).toBe(256);
    const gaps = events.filter((e): e is GapMarker => e.kind === 'gap');
    expect(gaps).toHaveLength(1);
    expect(gaps[0]).toMatchObject({ kind: 'gap', index: 1000, t: 1000 / 256, missingSamples: 300 });
    expect(gaps[0]?.reason).toMatch(/ahead of the sample clock at line 1002/);
    const chunks = samplesOf(events);
    const before = chunks.filter((c) => c.index < 1000);
    const after = chunks.filter((c) => c.index >= 1000);
    expect(before.at(-1)).toMatchObject({ index: 768, length: 232 });
    expect(after[0]).toMatchObject({ index: 1300, t0: 1300 / 256 });
    expect(events.indexOf(gaps[0] as GapMarker)).toBe(events.indexOf(before.at(-1) as SampleChunk) + 1);
    expect(summary).toMatchObject({ gaps: 1, gapSamples: 300, sampleCount: 3300, rows: 3000 });
    expect(summary.durationS).toBeCloseTo(3300 / 256, 12);
    expect(scan.warnings.join(' ')).toMatch(/1 gap\(s\) in the timestamps, 300 samples \(1\.172 s\) missing/);
  });

  it('finds a gap just over the 0.1 s threshold and none just under it', () => {
    const over = readOk('over.csv', museLslText({ rows: 2000, time: withGap(700, 27) })).summary;
    const under = readOk('under.csv', museLslText({ rows: 2000, time: withGap(700, 25) })).summary;
    expect(over).toMatchObject({ gaps: 1, gapSamples: 27 });
    expect(under).toMatchObject({ gaps: 0, sampleCount: 2000 });
  });

  it('adds up lost packets too small to see one by one, and keeps the nominal rate', () => {
    // 12-sample packets lost every `every` samples: 47 ms each, invisible alone.
    for (const every of [500, 128]) {
      const rows = 5000;
      const lost = 12 * Math.floor((rows - 1) / every);
      const time = (i: number) => 100 + (i + 12 * Math.floor(i / every)) / 256;
      const { scan, summary } = readOk('drip.csv', museLslText({ rows, time }));
      expect(scan.sampleRate).toBe(256);
      expect(summary.gaps).toBeGreaterThan(0);
      // All but what is still under the threshold at the end is found.
      expect(summary.gapSamples).toBeLessThanOrEqual(lost);
      expect(summary.gapSamples).toBeGreaterThanOrEqual(lost - 26);
    }
  });

  it('does not take a 128 Hz device for a 256 Hz Muse missing half its samples', () => {
    const { scan, summary } = readOk('half.csv', museLslText({ rows: 2000, rate: 128 }));
    expect(scan.sampleRate).toBe(128);
    expect(summary.gaps).toBe(0);
  });

  it('is not fooled by a headset clock running slow (300 ppm: 0.18 s behind after 10 minutes)', () => {
    const rows = 600 * 256;
    const text = museLslText({ rows, time: (i) => 5000 + (i / 256) * 1.0003, value: () => 1 });
    const { scan, summary } = readOk('drift.csv', text);
    expect(scan.sampleRate).toBe(256);
    expect(summary.gaps).toBe(0);
    expect(summary.sampleCount).toBe(rows);
  });

  it('allows Mind Monitor one packet more, since its rows carry their packet arrival time', () => {
    // Packets arrive 0.09 s late: one packet (47 ms) plus that is still within 0.1 s + 12 samples.
    const lines = [MIND_MONITOR_HEADER];
    for (let i = 0; i < 1200; i++) {
      const packet = Math.floor(i / 12);
      const late = packet % 20 === 7 ? 0.09 : 0;
      lines.push(mindMonitorRow(mmStamp(packet * (12 / 256) + late + 0.047), [800, 800, 800, 800]));
    }
    const { scan, summary } = readOk('mm.csv', lines.join('\n'));
    expect(scan.plan.gapThresholdS).toBeCloseTo(0.1 + 12 / 256, 12);
    expect(summary.gaps).toBe(0);
  });
});

describe('zero-filled runs', () => {
  const zerosAt = (c: number, from: number, length: number) => (i: number, ch: number) =>
    ch === c && i >= from && i < from + length ? 0 : 10 + ch;

  it('turn 12 or more exact zeros on one channel into NaN and leave 11 as zeros', () => {
    const text = museLslText({
      rows: 100,
      value: (i, c) => (zerosAt(1, 10, 12)(i, c) === 0 || zerosAt(2, 40, 11)(i, c) === 0 ? 0 : 10 + c),
    });
    const { events, summary } = readOk('zeros.csv', text);
    const af7 = channel(events, 1);
    expect(af7.slice(9, 23).map((v) => (Number.isNaN(v) ? 'NaN' : v))).toEqual([
      11,
      ...Array<string>(12).fill('NaN'),
      11,
    ]);
    expect(channel(events, 2).slice(40, 51)).toEqual(Array<number>(11).fill(0));
    expect(channel(events, 0).every((v) => v === 10)).toBe(true);
    expect(summary).toMatchObject({ zeroFilledRuns: 1, zeroFilledSamples: 12 });
    expect(summary.warnings.join(' ')).toMatch(/1 run\(s\) of 12\+ exact zeros/);
  });

  it('catch a run that straddles a chunk boundary, whole', () => {
    const { events, summary } = readOk(
      'zeros.csv',
      museLslText({ rows: 600, value: (i, c) => (c === 3 && i >= 250 && i < 270 ? 0 : 5) }),
    );
    const tp10 = channel(events, 3);
    expect(tp10.slice(250, 270).every(Number.isNaN)).toBe(true);
    expect(tp10[249]).toBe(5);
    expect(tp10[270]).toBe(5);
    expect(summary).toMatchObject({ zeroFilledRuns: 1, zeroFilledSamples: 20 });
    // The chunk ended early so the undecided zeros could still become NaN together.
    expect(samplesOf(events).map((c) => c.length)).toEqual([250, 256, 94]);
  });

  it('count "0", "0.0" and "-0.000" alike, but not Mind Monitor RAW at its centre', () => {
    const spelled = ['0', '0.0', '-0.000', '0e0'];
    const lines = ['timestamps,TP9,AF7,AF8,TP10'];
    for (let i = 0; i < 40; i++) {
      const z = i >= 5 && i < 20 ? (spelled[i % 4] as string) : '3';
      lines.push(`${(10 + i / 256).toFixed(6)},${z},1,1,1`);
    }
    expect(readOk('spelled.csv', lines.join('\n')).summary.zeroFilledRuns).toBe(1);
    const mm = [MIND_MONITOR_HEADER];
    for (let i = 0; i < 300; i++) mm.push(mindMonitorRow(mmStamp(i / 256), [841.4075, 0, 800, 800]));
    const { events, summary } = readOk('mm.csv', mm.join('\n'));
    expect(summary.zeroFilledRuns).toBe(1);
    expect(channel(events, 0).every((v) => v === 0)).toBe(true);
    expect(channel(events, 1).every(Number.isNaN)).toBe(true);
  });

  it('are cut by a gap: zeros on either side do not add up', () => {
    const { summary, events } = readOk(
      'gapzeros.csv',
      museLslText({
        rows: 800,
        time: withGap(400, 256),
        value: (i, c) => (c === 0 && i >= 394 && i < 406 ? 0 : 7),
      }),
    );
    expect(summary).toMatchObject({ gaps: 1, zeroFilledRuns: 0 });
    expect(channel(events, 0).slice(394, 406)).toEqual(Array<number>(12).fill(0));
  });
});
