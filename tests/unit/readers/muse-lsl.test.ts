import { describe, expect, it } from 'vitest';
import type { EventMarker } from '../../../src/source/types.ts';
import { channel, museLslText, readOk, samplesOf, totalSamples } from './read-helpers.ts';

describe('muse-lsl record layout', () => {
  const text = [
    'timestamps,TP9,AF7,AF8,TP10,Right AUX',
    '1734407442.5881429,25.87890625,-63.4765625,-389.6484375,-11.71875,0.0',
    '1734407442.5920477,29.78515625,-63.96484375,-354.4921875,34.66796875,0.0',
    '1734407442.5959530,1e1,-0.5,2.5E-1,NaN,0.0',
  ].join('\n');

  it('reads the four EEG channels as written, centred on zero, and leaves Right AUX out', () => {
    const { scan, events } = readOk('rec.csv', text);
    expect(scan.format).toBe('muse-lsl');
    expect(scan.layout).toBe('record');
    expect(scan.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    expect(scan.ignoredColumns).toEqual(['Right AUX']);
    expect(scan.hasRawEeg).toBe(true);
    expect(scan.plan.eegOffsetUv).toBe(0);
    expect(channel(events, 0)).toEqual([25.87890625, 29.78515625, 10]);
    expect(channel(events, 2)).toEqual([Math.fround(-389.6484375), Math.fround(-354.4921875), 0.25]);
    expect(channel(events, 3)[2]).toBeNaN();
  });

  it('counts NaN fields as missing values', () => {
    const { summary } = readOk('rec.csv', text);
    expect(summary.missingValues).toBe(1);
  });

  it('dates an epoch-stamped file and not an LSL-clock one', () => {
    expect(readOk('rec.csv', text).scan.startTime).toBe('2024-12-17T03:50:42.588Z');
    expect(readOk('lsl.csv', museLslText({ rows: 40, t0: 213542.918 })).scan.startTime).toBeUndefined();
  });
});

describe('muse-lsl record_direct layout', () => {
  it('skips the unnamed index column and takes timestamps from the last column', () => {
    const rows = Array.from(
      { length: 300 },
      (_, i) => `${i},${i % 7}.5,${-i},1.25,${i * 2},0.0,${(1000 + i / 256).toFixed(6)}`,
    );
    const { scan, events } = readOk(
      'direct.csv',
      [',TP9,AF7,AF8,TP10,Right AUX,timestamps', ...rows].join('\n'),
    );
    expect(scan.layout).toBe('record_direct');
    expect(scan.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    expect(scan.sampleRate).toBe(256);
    expect(channel(events, 1).slice(0, 3)).toEqual([0, -1, -2]);
    expect(channel(events, 3)[299]).toBe(598);
    expect(totalSamples(events)).toBe(300);
  });
});

describe('muse-lsl rate', () => {
  it('comes from the whole file even when timestamps repeat and step backwards', () => {
    // LSL jitter: every 5th stamp 8 ms late, every 7th repeats the previous one.
    const { scan, summary } = readOk(
      'jitter.csv',
      museLslText({
        rows: 2560,
        t0: 150000,
        time: (i) => 150000 + i / 256 + (i % 5 === 0 ? 0.008 : 0) - (i % 7 === 0 ? 1 / 256 : 0),
      }),
    );
    expect(scan.backwardSteps).toBeGreaterThan(300);
    expect(scan.sampleRate).toBe(256);
    expect(scan.measuredRate).toBeCloseTo(256, 0);
    expect(summary.gaps).toBe(0);
    expect(summary.sampleCount).toBe(2560);
    expect(summary.durationS).toBe(10);
  });

  it('snaps to 220 Hz for a Muse 2014 and keeps a rate that is no Muse rate, with a warning', () => {
    expect(readOk('m2014.csv', museLslText({ rows: 1000, rate: 221.5 })).scan.sampleRate).toBe(220);
    const odd = readOk('odd.csv', museLslText({ rows: 1000, rate: 128 }));
    expect(odd.scan.sampleRate).toBe(128);
    expect(odd.scan.warnings.join(' ')).toMatch(/128\.00 Hz is not a Muse rate/);
  });

  it('times chunks by the sample index, never by the stamps', () => {
    const { events } = readOk(
      'jitter.csv',
      museLslText({ rows: 600, time: (i) => 5000 + i / 256 + (i % 3) * 0.01 }),
    );
    const chunks = samplesOf(events);
    expect(chunks.map((c) => c.index)).toEqual([0, 256, 512]);
    expect(chunks.map((c) => c.t0)).toEqual([0, 1, 2]);
    expect(chunks.map((c) => c.length)).toEqual([256, 256, 88]);
  });
});

describe('muse-lsl markers', () => {
  it('turns non-zero Marker0 values into markers at their sample time, after the chunk holding them', () => {
    const { scan, events, summary } = readOk(
      'ssvep.csv',
      museLslText({ rows: 700, marker: (i) => (i === 10 ? 1 : i === 300 ? 2 : i === 301 ? 0.0 : 0) }),
    );
    expect(scan.markers).toBe(2);
    expect(summary.markers).toBe(2);
    const markers = events.filter((e): e is EventMarker => e.kind === 'marker');
    expect(markers).toEqual([
      { kind: 'marker', t: 10 / 256, label: '1' },
      { kind: 'marker', t: 300 / 256, label: '2' },
    ]);
    expect(events.map((e) => e.kind)).toEqual(['samples', 'marker', 'samples', 'marker', 'samples']);
  });

  it('keeps text markers as they are written', () => {
    const text = [
      'timestamps,TP9,AF7,AF8,TP10,Marker0',
      '1,1,2,3,4,0',
      '1.5,1,2,3,4,face',
      '2,1,2,3,4,',
    ].join('\n');
    const { events } = readOk('m.csv', text);
    expect(events.filter((e) => e.kind === 'marker')).toEqual([{ kind: 'marker', t: 0.5, label: 'face' }]);
  });
});

describe('muse-lsl with several marker columns', () => {
  it('emits one marker per non-zero column, counted alike by both passes', () => {
    const text = [
      'timestamps,TP9,AF7,AF8,TP10,Right AUX,Marker0,Marker1',
      '1,1,2,3,4,0,0,0',
      '1.5,1,2,3,4,0,7,8',
      '2,1,2,3,4,0,0,9',
    ].join('\n');
    const { scan, events, summary } = readOk('m2.csv', text);
    expect(scan.markers).toBe(3);
    expect(summary.markers).toBe(3);
    expect(events.filter((e) => e.kind === 'marker')).toEqual([
      { kind: 'marker', t: 0.5, label: '7' },
      { kind: 'marker', t: 0.5, label: '8' },
      { kind: 'marker', t: 1, label: '9' },
    ]);
  });
});

describe('muse-lsl montages', () => {
  it('keeps other electrode names and still leaves AUX columns out', () => {
    const text = ['timestamps,Fp1,Fp2,AUX_LEFT', '10,1,2,9', '10.5,3,4,9', '11,5,6,9'].join('\n');
    const { scan, events } = readOk('fp.csv', text);
    expect(scan.channels).toEqual(['Fp1', 'Fp2']);
    expect(scan.sampleRate).toBe(2);
    expect(channel(events, 1)).toEqual([2, 4, 6]);
  });
});
