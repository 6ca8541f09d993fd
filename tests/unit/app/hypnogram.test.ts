import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  isAnnotationOnlyEdf,
  loadSessionHypnogram,
  sortOpenedFiles,
  stageName,
} from '../../../src/app/hypnogram/hypnogram-files.ts';
import { stageTotals, trackSegments } from '../../../src/app/hypnogram/hypnogram-track.ts';
import { scanRecording, streamToAsyncIterable, type HypnogramStage } from '../../../src/readers/index.ts';
import { describeShared, sharedFile } from '../../helpers/shared-data.ts';

describe('hypnogram track segments', () => {
  const stages: HypnogramStage[] = [
    { stage: 'W', onsetS: 0, durationS: 60 },
    { stage: 'W', onsetS: 60, durationS: 30 },
    { stage: '1', onsetS: 90, durationS: 30 },
    { stage: '2', onsetS: 120, durationS: 600 },
    { stage: 'R', onsetS: 720, durationS: 300 },
  ];

  it('clips to the recording and merges touching stages of one kind', () => {
    expect(trackSegments(stages, 300)).toEqual([
      { stage: 'W', fromS: 0, toS: 90 },
      { stage: '1', fromS: 90, toS: 120 },
      { stage: '2', fromS: 120, toS: 300 },
    ]);
    expect(stageTotals(trackSegments(stages, 1e6))).toEqual([
      ['W', 90],
      ['R', 300],
      ['1', 30],
      ['2', 600],
    ]);
  });

  it('stages before time 0 (a hypnogram that starts earlier) are clipped at 0', () => {
    const early = stages.map((s) => ({ ...s, onsetS: s.onsetS - 100 }));
    expect(trackSegments(early, 50)).toEqual([
      { stage: '1', fromS: 0, toS: 20 },
      { stage: '2', fromS: 20, toS: 50 },
    ]);
    expect(stageName('R')).toBe('REM');
  });
});

const fileBlob = (path: string) => new Blob([readFileSync(path)]);

describeShared('Sleep-EDF hypnogram beside its PSG', () => {
  const psgPath = sharedFile('the-siesta-group_edfio', 'short_psg.edf');
  const hypPath = sharedFile('the-siesta-group_edfio', 'SC4001EC-Hypnogram.edf');

  it('tells the hypnogram from the recording by its header, in any order', async () => {
    const psg = { blob: fileBlob(psgPath), name: 'short_psg.edf' };
    const hyp = { blob: fileBlob(hypPath), name: 'SC4001EC-Hypnogram.edf' };
    expect(await isAnnotationOnlyEdf(hyp.blob)).toBe(true);
    expect(await isAnnotationOnlyEdf(psg.blob)).toBe(false);
    expect(await isAnnotationOnlyEdf(new Blob(['TimeStamp,RAW_TP9\n']))).toBe(false);
    expect(await sortOpenedFiles([hyp, psg])).toEqual({ recording: psg, hypnogram: hyp });
    expect(await sortOpenedFiles([psg])).toEqual({ recording: psg, hypnogram: null });
  });

  it('stages land on the session clock: the whole night, wake for the first 30630 s', async () => {
    const psg = fileBlob(psgPath);
    const scan = await scanRecording('short_psg.edf', () => streamToAsyncIterable(psg.stream()));
    const h = await loadSessionHypnogram({ blob: fileBlob(hypPath), name: 'SC4001EC-Hypnogram.edf' }, scan);
    expect(h.file).toBe('SC4001EC-Hypnogram.edf');
    expect(h.stages).toHaveLength(154);
    expect(h.stages[1]).toEqual({ stage: '1', onsetS: 30630, durationS: 120 });
    expect(h.stageAt(150)).toBe('W');
    expect(h.stageAt(30700)).toBe('1');
    expect(new Set(h.stages.map((s) => s.stage))).toEqual(new Set(['W', '1', '2', '3', '4', 'R', '?']));
    // A recording that started a minute earlier sees every stage a minute later.
    const earlier = { ...scan, startTime: '1989-04-24T16:12:00' };
    const shifted = await loadSessionHypnogram({ blob: fileBlob(hypPath), name: 'h.edf' }, earlier);
    expect(shifted.stages[1]?.onsetS).toBe(30690);
  });

  it('a recording is not a hypnogram: it says so', async () => {
    const psg = fileBlob(psgPath);
    const scan = await scanRecording('short_psg.edf', () => streamToAsyncIterable(psg.stream()));
    await expect(loadSessionHypnogram({ blob: psg, name: 'short_psg.edf' }, scan)).rejects.toThrow(
      'short_psg.edf: byte 256: field \'label\': expected an "EDF Annotations" signal',
    );
  });
});
