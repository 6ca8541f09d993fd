/**
 * The readers on every shared Muse CSV recording, against the facts in each folder's SOURCE.txt
 * (row counts, timestamp spans, marker counts, backwards steps).
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { expect, it } from 'vitest';
import { readRecording, scanRecording, type RecordingScan } from '../../src/readers/index.ts';
import type { SourceEvent } from '../../src/source/types.ts';
import { describeShared, sharedFile, sharedFiles } from '../helpers/shared-data.ts';

interface Expected {
  readonly format: 'mind-monitor' | 'muse-lsl';
  readonly rawEeg: boolean;
  readonly rows: number;
  /** Timestamp span in SOURCE.txt, s. */
  readonly spanS: number;
  readonly markers?: Readonly<Record<string, number>>;
  readonly backwardSteps?: number;
}

const EXPECTED: Readonly<Record<string, Expected>> = {
  'B_01_EC.csv': { format: 'muse-lsl', rawEeg: true, rows: 46441, spanS: 181.394 },
  'B_01_EO.csv': { format: 'muse-lsl', rawEeg: true, rows: 51000, spanS: 199.194 },
  'debbie_eyes_open_250hz.csv': {
    format: 'mind-monitor',
    rawEeg: true,
    rows: 2784,
    spanS: 10.771,
    markers: { '/muse/elements/blink': 4 },
  },
  'debbie_meditation_museMonitor_2021-07-23--17-14-44_2845554725714532592.csv': {
    format: 'mind-monitor',
    rawEeg: false,
    rows: 248,
    spanS: 250.176,
  },
  'N170_subject1_session1_data_2017-09-13-15.30.01.csv': {
    format: 'muse-lsl',
    rawEeg: true,
    rows: 30732,
    spanS: 120.03,
    markers: { '1': 108, '2': 89 },
    backwardSteps: 47,
  },
  'SSVEP_subject1_session1_data_2017-09-14-21.20.04.csv': {
    format: 'muse-lsl',
    rawEeg: true,
    rows: 30732,
    spanS: 120.042,
    markers: { '1': 14, '2': 18 },
    backwardSteps: 32,
  },
  // 322 rows, 6 of them blink events; its mangled mm:ss.s stamps are not in SOURCE.txt's span.
  'muse-monitor2.csv': {
    format: 'mind-monitor',
    rawEeg: false,
    rows: 316,
    spanS: 316,
    markers: { '/muse/elements/blink': 6 },
  },
  'museS_monitor1.csv': { format: 'mind-monitor', rawEeg: false, rows: 59, spanS: 57.999 },
  'subjecta-concentrating-1.csv': { format: 'muse-lsl', rawEeg: true, rows: 15192, spanS: 59.337 },
  'subjecta-neutral-1.csv': { format: 'muse-lsl', rawEeg: true, rows: 15204, spanS: 59.382 },
  'subjecta-relaxed-1.csv': { format: 'muse-lsl', rawEeg: true, rows: 15204, spanS: 59.382 },
  'eeg_muse_example.csv': { format: 'muse-lsl', rawEeg: true, rows: 28932, spanS: 113.012 },
};

async function read(path: string) {
  const open = () => createReadStream(path);
  const scan = await scanRecording(basename(path), open);
  const markers: Record<string, number> = {};
  let samples = 0;
  let bandRows = 0;
  let lastT = -Infinity;
  let monotonic = true;
  const summary = await readRecording(scan, open, (e: SourceEvent) => {
    const t = e.kind === 'samples' ? e.t0 : e.t;
    if (e.kind !== 'marker') {
      if (t < lastT) monotonic = false;
      lastT = t;
    }
    if (e.kind === 'samples') samples += e.length;
    else if (e.kind === 'recorded-bandpowers') bandRows++;
    else if (e.kind === 'marker') markers[e.label] = (markers[e.label] ?? 0) + 1;
  });
  return { scan, summary, markers, samples, bandRows, monotonic };
}

const files = sharedFiles('.csv');

describeShared('readers on the shared recordings', () => {
  it('finds the Mind Monitor and muse-lsl CSV files', () => {
    expect(files.map((f) => basename(f)).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(files.map((f) => [basename(f), f] as const))('%s', async (name, path) => {
    const expected = EXPECTED[name] as Expected;
    const { scan, summary, markers, samples, bandRows, monotonic } = await read(path);
    expect(scan.error).toBeUndefined();
    expect(scan.format).toBe(expected.format);
    expect(scan.channels).toEqual(['TP9', 'AF7', 'AF8', 'TP10']);
    expect(scan.hasRawEeg).toBe(expected.rawEeg);
    expect(scan.rows).toBe(expected.rows);
    expect(summary.rows).toBe(expected.rows);
    expect(monotonic).toBe(true);
    expect(markers).toEqual(expected.markers ?? {});
    if (expected.backwardSteps !== undefined) expect(scan.backwardSteps).toBe(expected.backwardSteps);
    if (expected.rawEeg) {
      expect(scan.sampleRate).toBe(256);
      expect(samples).toBe(summary.sampleCount);
      expect(summary.gaps).toBe(0);
      // Sample-clock duration against the file's own clock: within packet stamping (0.15 s).
      expect(Math.abs(summary.durationS - expected.spanS)).toBeLessThan(0.15);
    } else {
      expect(scan.sampleRate).toBeGreaterThan(0.95);
      expect(scan.sampleRate).toBeLessThan(1.05);
      expect(scan.bands).toEqual(['delta', 'theta', 'alpha', 'beta', 'gamma']);
      expect(scan.note).toMatch(/file's own/);
      expect(bandRows).toBe(expected.rows);
      expect(Math.abs(scan.durationS - expected.spanS)).toBeLessThan(2);
    }
  });

  it('finds the lost-packet zero runs of B_01 and nothing of the kind in the clean BioPsyKit file', async () => {
    const b01 = await read(sharedFile('6661647a77616e_Muse-Dataset', 'B_01_EC.csv'));
    expect(b01.summary.zeroFilledRuns).toBeGreaterThan(100);
    expect(b01.summary.zeroFilledSamples).toBeGreaterThanOrEqual(12 * b01.summary.zeroFilledRuns);
    const clean = await read(sharedFile('mad-lab-fau_BioPsyKit', 'eeg_muse_example.csv'));
    expect(clean.summary.zeroFilledRuns).toBe(0);
  });

  it('centres debbie_eyes_open_250hz RAW on zero and records its contact quality', async () => {
    const path = sharedFile('JohnKurian_Muse-EEG-Concentration-Analysis', 'debbie_eyes_open_250hz.csv');
    const scan: RecordingScan = await scanRecording(basename(path), () => createReadStream(path));
    expect(scan.durationS).toBeCloseTo(10.8, 0);
    expect(scan.ignoredColumns).toEqual(expect.arrayContaining(['Mellow', 'Concentration']));
    expect(scan.quality?.headbandOnFraction).toBe(1);
    let sum = 0;
    let n = 0;
    await readRecording(
      scan,
      () => createReadStream(path),
      (e) => {
        if (e.kind !== 'samples') return;
        for (const ch of e.data) {
          for (const v of ch) {
            if (Number.isNaN(v)) continue;
            sum += v;
            n++;
          }
        }
      },
    );
    // Mind Monitor's 0..1682.815 µV made zero-centred: the mean sits near 0, not near 841.
    expect(Math.abs(sum / n)).toBeLessThan(100);
  });

  it('unwraps the mm:ss.s stamps of muse-monitor2 into 316 s and warns about them', async () => {
    const path = sharedFile('amisepa_import_muse', 'muse-monitor2.csv');
    const scan = await scanRecording(basename(path), () => createReadStream(path));
    expect(scan.warnings.join(' ')).toMatch(/minutes:seconds only/);
    expect(scan.quality?.hsiBad[1]).toBe(1);
  });
});
