import { describe, expect, it } from 'vitest';
import { MIND_MONITOR_RAW_OFFSET_UV } from '../../../src/readers/index.ts';
import type { EventMarker, RecordedBandPowers } from '../../../src/source/types.ts';
import {
  MIND_MONITOR_HEADER,
  channel,
  mindMonitorEvent,
  mindMonitorRow,
  mmStamp,
  readOk,
  totalSamples,
} from './read-helpers.ts';

/** A 256 Hz "constant" recording: packets of 12 rows share one millisecond stamp, like Mind Monitor's. */
function constantRecording(rows: number, extra: (i: number) => string[] = () => []): string {
  const lines = [MIND_MONITOR_HEADER];
  for (let i = 0; i < rows; i++) {
    const packetTime = Math.floor(i / 12) * (12 / 256) + 0.01;
    lines.push(...extra(i));
    lines.push(mindMonitorRow(mmStamp(packetTime), [800 + (i % 10), 841.4075, 0.5, 1682.815]));
  }
  return lines.join('\n') + '\n';
}

describe('Mind Monitor 256 Hz recordings', () => {
  it('takes the rate from the whole file although ~12 rows share each stamp', () => {
    const { scan, summary } = readOk('mm.csv', constantRecording(2560));
    expect(scan.format).toBe('mind-monitor');
    expect(scan.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    expect(scan.hasRawEeg).toBe(true);
    expect(scan.sampleRate).toBe(256);
    expect(scan.measuredRate).not.toBe(256);
    expect(scan.startTime).toBe('2021-07-27T00:55:00.010');
    expect(summary.gaps).toBe(0);
    expect(summary.sampleCount).toBe(2560);
  });

  it('centres RAW on zero like muse-js and muse-lsl (minus 1682.815 / 2)', () => {
    const { events } = readOk('mm.csv', constantRecording(30));
    expect(MIND_MONITOR_RAW_OFFSET_UV).toBe(841.4075);
    expect(channel(events, 0).slice(0, 3)).toEqual([800, 801, 802].map((v) => Math.fround(v - 841.4075)));
    expect(channel(events, 1)[0]).toBe(0);
    expect(channel(events, 2)[0]).toBe(Math.fround(0.5 - 841.4075));
    expect(channel(events, 3)[0]).toBe(Math.fround(841.4075));
  });

  it('reads rows one field short (no trailing Elements) and rows with it', () => {
    const text = constantRecording(100) + mindMonitorRow(mmStamp(0.5), [1, 2, 3, 4], { elements: '' }) + '\n';
    const { summary } = readOk('mm.csv', text);
    expect(summary.rows).toBe(101);
  });

  it('turns Elements-only rows into markers, not samples, and keeps their place in the stream', () => {
    const text = constantRecording(600, (i) =>
      i === 5 ? [mindMonitorEvent('2021-07-27 00:55:00', '/muse/elements/blink')] : [],
    );
    const { scan, events, summary } = readOk('mm.csv', text);
    expect(scan.rows).toBe(600);
    expect(scan.markers).toBe(1);
    expect(totalSamples(events)).toBe(600);
    const markers = events.filter((e): e is EventMarker => e.kind === 'marker');
    // Between samples 4 and 5: the stamp (whole seconds only) says less than the row's position does.
    expect(markers).toEqual([{ kind: 'marker', t: 5 / 256, label: '/muse/elements/blink' }]);
    expect(events[1]).toEqual(markers[0]);
    expect(summary.skippedRows).toBe(0);
  });

  it('finds columns by name: Mellow/Concentration, AUX_LEFT and PPG columns change nothing', () => {
    const header = MIND_MONITOR_HEADER.replace(
      'AUX_RIGHT,',
      'AUX_LEFT,AUX_RIGHT,Mellow,Concentration,',
    ).replace('Gyro_Z,', 'Gyro_Z,PPG_Ambient,PPG_IR,PPG_Red,Heart_Rate,');
    const row = (t: number, raw: number) => {
      const fields = mindMonitorRow(mmStamp(t), [raw, raw + 1, raw + 2, raw + 3]).split(',');
      fields.splice(25, 0, '811.0');
      fields.splice(27, 0, '0.4', '0.6');
      fields.splice(34, 0, '1', '2', '3', '70');
      return fields.join(',');
    };
    const lines = [header, ...Array.from({ length: 512 }, (_, i) => row(i / 256, 900))];
    const { scan, events } = readOk('variant.csv', lines.join('\n'));
    expect(scan.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    expect(scan.ignoredColumns).toEqual(
      expect.arrayContaining(['AUX_LEFT', 'Mellow', 'PPG_IR', 'Heart_Rate']),
    );
    expect(channel(events, 3)[0]).toBe(Math.fround(903 - 841.4075));
  });
});

describe('Mind Monitor 1 row/s recordings', () => {
  const band = (b: number, c: number) => b + c / 10 + 0.05;
  function oneHz(lines: string[]): string {
    return [MIND_MONITOR_HEADER, ...lines].join('\r\n');
  }

  it('emit the recorded band powers, band-major, instead of samples', () => {
    const rows = Array.from({ length: 30 }, (_, i) =>
      mindMonitorRow(mmStamp(i * 1.004), [700, 800, 900, 1000], { bands: band }),
    );
    const { scan, events, summary } = readOk('slow.csv', oneHz(rows));
    expect(scan.hasRawEeg).toBe(false);
    expect(scan.bands).toEqual(['delta', 'theta', 'alpha', 'beta', 'gamma']);
    expect(scan.note).toMatch(/Band powers come from the file's own .* columns/);
    expect(scan.sampleRate).toBeCloseTo(1 / 1.004, 6);
    expect(events.every((e) => e.kind === 'recorded-bandpowers')).toBe(true);
    const first = events[0] as RecordedBandPowers;
    const second = events[1] as RecordedBandPowers;
    expect(first.t).toBe(0);
    expect(second.t).toBeCloseTo(1.004, 6);
    // absolute[b * 4 + c]: theta (b = 1) on AF8 (c = 2).
    expect(first.absolute[1 * 4 + 2]).toBe(Math.fround(1.25));
    expect(Array.from(first.absolute)).toEqual(
      Array.from({ length: 20 }, (_, i) => Math.fround(band(Math.floor(i / 4), i % 4))),
    );
    expect(summary.rows).toBe(30);
    expect(summary.sampleCount).toBe(30);
  });

  it('read an electrode whose five bands are all 0 (no contact) as missing', () => {
    const rows = Array.from({ length: 5 }, (_, i) =>
      mindMonitorRow(mmStamp(i), [1, 2, 3, 4], { bands: (b, c) => (c === 1 ? 0 : band(b, c)), hsi: 4 }),
    );
    const { scan, events } = readOk('noaf7.csv', oneHz(rows));
    const bp = events[0] as RecordedBandPowers;
    for (let b = 0; b < 5; b++) {
      expect(bp.absolute[b * 4 + 1]).toBeNaN();
      expect(bp.absolute[b * 4 + 0]).toBe(Math.fround(band(b, 0)));
    }
    expect(scan.quality?.hsiBad).toEqual([1, 1, 1, 1]);
  });

  it('read spreadsheet-mangled mm:ss.s stamps, unwrapping the hour, with a warning', () => {
    const stamps = ['59:57.5', '59:58.5', '59:59.5', '00:00.5', '00:01.5', '0:02.5'];
    const rows = stamps.map((s) => mindMonitorRow(s, [1, 2, 3, 4], { bands: band, elements: '' }));
    rows.splice(1, 0, mindMonitorEvent('59:58.0', '/muse/elements/blink'));
    const { scan, events } = readOk('mangled.csv', oneHz(rows));
    expect(scan.sampleRate).toBe(1);
    expect(scan.warnings.join(' ')).toMatch(/minutes:seconds only .* unwrapped \(1\)/);
    expect(
      events.map((e) => (e.kind === 'marker' ? `marker@${e.t}` : e.kind === 'samples' ? 's' : e.t)),
    ).toEqual([0, 'marker@0.5', 1, 2, 3, 4, 5]);
  });

  it('collect contact quality and battery on the scan', () => {
    const rows = Array.from({ length: 4 }, (_, i) =>
      mindMonitorRow(mmStamp(i), [1, 2, 3, 4], { bands: band, hsi: i < 3 ? 1 : 2 }),
    );
    const { scan } = readOk('q.csv', oneHz(rows));
    expect(scan.quality).toEqual({
      headbandOnFraction: 1,
      hsiGood: [0.75, 0.75, 0.75, 0.75],
      hsiOk: [0.25, 0.25, 0.25, 0.25],
      hsiBad: [0, 0, 0, 0],
      batteryFirst: 80,
      batteryLast: 80,
    });
  });
});
