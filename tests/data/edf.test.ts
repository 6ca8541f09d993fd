/**
 * The EDF readers on the shared PhysioNet recordings (see each folder's SOURCE.txt): eegmmidb S001R01/R02
 * (EDF+C, 64 EEG at 160 Hz + annotations) with the eyes-open vs eyes-closed occipital alpha check, and the
 * Sleep-EDF excerpt (plain EDF, mixed rates) with its whole-night EDF+ hypnogram.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { expect, it } from 'vitest';
import { welch } from '../../dsp/welch.ts';
import { readAnnotations, readHypnogram } from '../../src/readers/annotations.ts';
import { RecordingError, readRecording, scanRecording, type RecordingScan } from '../../src/readers/index.ts';
import type { SampleChunk, SourceEvent } from '../../src/source/types.ts';
import { describeShared, sharedFile } from '../helpers/shared-data.ts';

const open = (path: string) => () => createReadStream(path, { highWaterMark: 4096 + 17 });

async function readAll(path: string, channels?: string[]) {
  const scan = await scanRecording(basename(path), open(path), undefined, channels ? { channels } : {});
  const events: SourceEvent[] = [];
  let error: RecordingError | null = null;
  try {
    await readRecording(scan, open(path), (e) => void events.push(e));
  } catch (err) {
    if (!(err instanceof RecordingError)) throw err;
    error = err;
  }
  return { scan, events, error };
}

function concat(events: readonly SourceEvent[], c: number): Float64Array {
  const chunks = events.filter((e): e is SampleChunk => e.kind === 'samples');
  const out = new Float64Array(chunks.reduce((n, s) => n + s.length, 0));
  let at = 0;
  for (const s of chunks) {
    out.set((s.data[c] as Float32Array).subarray(0, s.length), at);
    at += s.length;
  }
  return out;
}

/** Power in 8–12 Hz over power in 1–30 Hz, from a Welch PSD with 2 s segments. */
function relativeAlpha(x: Float64Array, fs: number): number {
  const { freqs, psd } = welch(x, fs, { nperseg: 2 * fs });
  let alpha = 0;
  let total = 0;
  freqs.forEach((f, k) => {
    const p = psd[k] as number;
    if (f >= 1 && f <= 30) total += p;
    if (f >= 8 && f <= 12) alpha += p;
  });
  return alpha / total;
}

const EEGMMIDB = 'Quixotte_bci_practical_heyni_boorn_janssen';

describeShared('PhysioNet eegmmidb S001 (EDF+C, 64 channels at 160 Hz)', () => {
  it.each(['S001R01.edf', 'S001R02.edf'])(
    '%s: 64 EEG channels by their own labels, annotation T0, a text-mode-damaged tail reported',
    async (name) => {
      const { scan, events, error } = await readAll(sharedFile(EEGMMIDB, name));
      expect(scan.format).toBe('edf');
      expect(scan.layout).toBe('EDF+C');
      expect(scan.channels).toHaveLength(64);
      expect(scan.channels.slice(0, 3)).toEqual(['Fc5.', 'Fc3.', 'Fc1.']);
      expect(scan.channels).toContain('O1..');
      expect(scan.sampleRate).toBe(160);
      expect(scan.ignoredColumns).toEqual(['EDF Annotations (annotations)']);
      expect(scan.startTime).toBe('2009-08-12T16:15:00');
      // Every LF in these copies has a CR before it (git autocrlf on a binary file), and the copy was cut at the
      // original length: 60 whole records remain of the 61 the header claims.
      expect(scan.warnings[0]).toMatch(/text-mode transfer/);
      expect(error?.field).toBe('number of data records');
      expect(error?.message).toMatch(/60 complete data record\(s\) \(60 s\) replayed, 1 s missing/);
      const samples = events.filter((e): e is SampleChunk => e.kind === 'samples');
      expect(samples).toHaveLength(60);
      expect(samples.every((s, i) => s.index === i * 160 && s.length === 160 && s.data.length === 64)).toBe(
        true,
      );
      expect(events.filter((e) => e.kind === 'marker')).toEqual([{ kind: 'marker', t: 0, label: 'T0' }]);
      // Values are µV within the header's physical range, and not flat.
      const o1 = concat(events, scan.channels.indexOf('O1..'));
      const max = o1.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
      expect(max).toBeGreaterThan(20);
      expect(max).toBeLessThanOrEqual(8092);
    },
  );

  it('eyes closed (R02) has more relative occipital alpha than eyes open (R01) on O1, O2 and Oz', async () => {
    const picked = ['O1', 'O2', 'Oz'];
    const figures: Record<string, [number, number]> = {};
    const open1 = await readAll(sharedFile(EEGMMIDB, 'S001R01.edf'), picked);
    const closed = await readAll(sharedFile(EEGMMIDB, 'S001R02.edf'), picked);
    expect(open1.scan.channels).toEqual(['O1..', 'O2..', 'Oz..']);
    for (let c = 0; c < 3; c++) {
      const eo = relativeAlpha(concat(open1.events, c), 160);
      const ec = relativeAlpha(concat(closed.events, c), 160);
      figures[picked[c] as string] = [eo, ec];
      expect(ec).toBeGreaterThan(eo * 1.5);
    }
    console.log(
      'relative alpha 8-12/1-30 Hz, eyes open R01 -> eyes closed R02: ' +
        Object.entries(figures)
          .map(([ch, [eo, ec]]) => `${ch} ${eo.toFixed(3)} -> ${ec.toFixed(3)}`)
          .join(', '),
    );
  });
});

const SLEEP = 'the-siesta-group_edfio';

describeShared('Sleep-EDF SC4001 excerpt and hypnogram', () => {
  it('short_psg.edf: plain EDF, 7 signals at mixed rates, the two EEG derivations at 100 Hz for 300 s', async () => {
    const path = sharedFile(SLEEP, 'short_psg.edf');
    const { scan, events, error } = await readAll(path);
    expect(error).toBeNull();
    expect(scan.layout).toBe('EDF');
    expect(scan.channels).toEqual(['EEG Fpz-Cz', 'EEG Pz-Oz']);
    expect(scan.sampleRate).toBe(100);
    expect(scan.durationS).toBe(300);
    expect(scan.ignoredColumns).toEqual([
      'EOG horizontal (100 Hz)',
      'Resp oro-nasal (1 Hz)',
      'EMG submental (1 Hz)',
      'Temp rectal (1 Hz)',
      'Event marker (1 Hz)',
    ]);
    expect(scan.startTime).toBe('1989-04-24T16:13:00');
    const samples = events.filter((e): e is SampleChunk => e.kind === 'samples');
    expect(samples.map((s) => s.length)).toEqual(new Array(10).fill(3000));
    const fpz = concat(events, 0);
    expect(fpz.length).toBe(30000);
    expect(fpz.every((v) => Math.abs(v) <= 192.01)).toBe(true);
    // Picked by label, the EOG comes along at the same rate.
    const eog = await readAll(path, ['Fpz-Cz', 'EOG horizontal']);
    expect(eog.scan.channels).toEqual(['EEG Fpz-Cz', 'EOG horizontal']);
    expect(Array.from(concat(eog.events, 0))).toEqual(Array.from(fpz));
  });

  it('asking for channels at different rates is a clear error', async () => {
    const path = sharedFile(SLEEP, 'short_psg.edf');
    await expect(
      scanRecording('short_psg.edf', open(path), undefined, { channels: ['Fpz-Cz', 'Resp oro-nasal'] }),
    ).rejects.toThrow(
      "short_psg.edf: byte 256: field 'number of samples in each data record': expected channels that share one " +
        'sample rate, found EEG Fpz-Cz at 100 Hz, Resp oro-nasal at 1 Hz',
    );
  });

  it('SC4001EC-Hypnogram.edf: 154 stages with onsets and durations covering the night', async () => {
    const path = sharedFile(SLEEP, 'SC4001EC-Hypnogram.edf');
    const scan: RecordingScan = await scanRecording('SC4001EC-Hypnogram.edf', open(path));
    expect(scan.hasRawEeg).toBe(false);
    expect(scan.channels).toEqual([]);
    expect(scan.markers).toBe(154);
    const annotations = await readAnnotations('SC4001EC-Hypnogram.edf', open(path));
    expect(annotations.annotations).toHaveLength(154);
    const hypnogram = await readHypnogram('SC4001EC-Hypnogram.edf', open(path));
    const stages = hypnogram.stages;
    expect(stages).toHaveLength(154);
    expect(stages.slice(0, 3)).toEqual([
      { stage: 'W', onsetS: 0, durationS: 30630 },
      { stage: '1', onsetS: 30630, durationS: 120 },
      { stage: '2', onsetS: 30750, durationS: 390 },
    ]);
    const counts: Record<string, number> = {};
    for (const s of stages) counts[s.stage] = (counts[s.stage] ?? 0) + 1;
    expect(counts).toEqual({ W: 12, '1': 24, '2': 40, '3': 48, '4': 23, R: 6, '?': 1 });
    // Stages tile the night: each starts where the one before it ended.
    for (let i = 1; i < stages.length; i++) {
      const prev = stages[i - 1] as (typeof stages)[number];
      expect(stages[i]?.onsetS).toBe(prev.onsetS + prev.durationS);
    }
    // The excerpt's 300 s all fall in the first stage, wake.
    expect(hypnogram.stageAt(150)).toBe('W');
  });
});
