/** The Mind Monitor CSV export, read back by the project's own readers sample for sample. */
import { describe, expect, it } from 'vitest';
import { readRecording, scanRecording } from '../../../src/readers/index.ts';
import { MindMonitorCsvWriter, mindMonitorTimestamp } from '../../../src/source/muse-mind-monitor-csv.ts';
import type { SourceEvent } from '../../../src/source/types.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';

function session(): SourceEvent[] {
  const synth = new EegSynthesizer({ seed: 12, timeline: 'demo' });
  const events: SourceEvent[] = [];
  let index = 0;
  const packet = () => {
    const data = synth.channels.map(() => new Float32Array(12));
    synth.next(data, 12);
    // A few NaN samples inside a packet: an electrode packet that never came.
    if (index === 12 * 30) (data[2] as Float32Array).fill(NaN);
    events.push({ kind: 'samples', t0: index / 256, index, sampleRate: 256, data, length: 12 });
    index += 12;
  };
  for (let k = 0; k < 200; k++) packet();
  // A short gap (3 packets, NaN rows) and a long one (a reconnect, a TimeStamp jump).
  events.push({ kind: 'gap', t: index / 256, index, missingSamples: 36, reason: 'lost Bluetooth packets' });
  index += 36;
  for (let k = 0; k < 100; k++) packet();
  events.push({ kind: 'marker', t: index / 256, label: '/Marker/1' });
  events.push({
    kind: 'gap',
    t: index / 256,
    index,
    missingSamples: 12 * 150,
    reason: 'link lost; reconnected',
  });
  index += 12 * 150;
  for (let k = 0; k < 100; k++) packet();
  return events;
}

describe('Mind Monitor CSV export', () => {
  it('formats TimeStamps as Mind Monitor does', () => {
    const ms = new Date(2026, 10, 30, 4, 5, 6, 7).getTime();
    expect(mindMonitorTimestamp(ms)).toBe('2026-11-30 04:05:06.007');
  });

  it('reads back sample for sample, with the long gap as a gap, the short one and lost packets as NaN', async () => {
    const events = session();
    const writer = new MindMonitorCsvWriter(new Date(2026, 10, 30, 23, 59, 50).getTime());
    const absolute = new Float32Array(20).fill(0.5);
    let csv = writer.header();
    for (const e of events) csv += writer.write(e, { absolute, hsi: [1, 1, 2, 4], batteryPct: 77 });
    const open = () =>
      (async function* () {
        yield new TextEncoder().encode(csv);
      })();
    const scan = await scanRecording('export.csv', open);
    expect(scan.format).toBe('mind-monitor');
    expect(scan.sampleRate).toBe(256);
    expect(scan.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    const back: SourceEvent[] = [];
    const summary = await readRecording(scan, open, (e) => void back.push(e));
    const total = events.reduce(
      (n, e) => n + (e.kind === 'samples' ? e.length : e.kind === 'gap' ? e.missingSamples : 0),
      0,
    );
    expect(summary.sampleCount).toBe(total);
    const gaps = back.filter((e) => e.kind === 'gap');
    expect(gaps.map((g) => [g.index, g.missingSamples])).toEqual([[12 * 300 + 36, 12 * 150]]);
    expect(back.filter((e) => e.kind === 'marker').map((m) => m.label)).toContain('/Marker/1');
    const truth = new Map<number, number[]>();
    for (const e of events) {
      if (e.kind === 'samples')
        for (let i = 0; i < e.length; i++)
          truth.set(
            e.index + i,
            e.data.map((d) => d[i] as number),
          );
    }
    let compared = 0;
    for (const e of back) {
      if (e.kind !== 'samples') continue;
      for (let i = 0; i < e.length; i++) {
        const want = truth.get(e.index + i);
        for (let c = 0; c < 4; c++) {
          const got = e.data[c]?.[i] as number;
          if (!want || !Number.isFinite(want[c] as number)) {
            expect(got).toBeNaN();
            continue;
          }
          expect(Math.abs(got - (want[c] as number))).toBeLessThan(1e-3);
          compared++;
        }
      }
    }
    expect(compared).toBe(400 * 12 * 4 - 12);
    expect(scan.quality?.batteryFirst).toBe(77);
  });
});
