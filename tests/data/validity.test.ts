/**
 * Validity of the band powers on real Muse recordings in ../shared/data (issue 4). Each test prints its figure
 * ("validity: …") and asserts the direction the physiology predicts. Files are parsed here directly (plain
 * CSV, all small): these tests check the DSP, not the readers.
 */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import {
  BandPowerEngine,
  MIND_MONITOR_AGREEMENT,
  type BandPowerEngineOptions,
} from '../../dsp/band-power-engine.ts';
import { MIND_MONITOR_BANDS } from '../../dsp/bands.ts';
import { emptyIndices, indexLayout, indexValuesInto } from '../../dsp/indices.ts';
import { detectMains } from '../../dsp/mains-detect.ts';
import { QUALITY_BAD } from '../../dsp/signal-quality.ts';
import { flaggedEngineFor } from '../../src/pipeline/band-power-frames.ts';
import { describeShared, sharedFile } from '../helpers/shared-data.ts';

const FS = 256;
const ALPHA = 2;

function parseCsv(path: string): { header: string[]; rows: string[][] } {
  const lines = readFileSync(path, 'utf8')
    .split(/\r?\n/)
    .filter((l) => l.length > 0);
  const header = (lines[0] ?? '').split(',');
  return { header, rows: lines.slice(1).map((l) => l.split(',')) };
}

/** The four EEG columns of a muse-lsl CSV, µV. */
function museLslChannels(path: string, channels: readonly string[]): Float32Array[] {
  const { header, rows } = parseCsv(path);
  return channels.map((name) => {
    const col = header.indexOf(name);
    if (col < 0) throw new Error(`${path}: no column ${name}`);
    return Float32Array.from(rows, (r) => Number(r[col]));
  });
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) throw new Error('median of nothing');
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
}

/**
 * Median relative alpha (7.5–13 Hz share of 1–44 Hz; the relaxation index before z-scoring) per channel over
 * the windows that are complete and not of bad quality.
 */
function medianRelativeAlpha(data: Float32Array[], options: Partial<BandPowerEngineOptions> = {}): number[] {
  const nc = data.length;
  const engine = new BandPowerEngine({ sampleRate: FS, channels: nc, ...options });
  const kept: number[][] = data.map(() => []);
  engine.push(data, (data[0] as Float32Array).length, (u) => {
    for (let c = 0; c < nc; c++) {
      if (u.valid[c] && u.quality[c] !== QUALITY_BAD) kept[c]?.push(u.relative[ALPHA * nc + c] as number);
    }
  });
  return kept.map((k) => median(k));
}

/**
 * Median relaxation index (dsp/indices.ts, all four electrodes) over the updates whose window overlaps no
 * detected artifact, and the share of updates excluded.
 */
function medianRelaxationIndex(path: string): { median: number; excluded: number } {
  const channels = ['TP9', 'AF7', 'AF8', 'TP10'];
  const data = museLslChannels(path, channels);
  // The app's own wiring: the engine flags each update whose window overlaps a detected blink or clench.
  const flagged = flaggedEngineFor(FS, channels, { mainsHz: 50 });
  const layout = indexLayout(channels, MIND_MONITOR_BANDS);
  const { values, valid } = emptyIndices();
  const kept: number[] = [];
  let updates = 0;
  flagged.push(data, (data[0] as Float32Array).length, (u, artifact) => {
    updates++;
    if (indexValuesInto(u, layout, artifact, values, valid) && valid.relaxation) kept.push(values.relaxation);
  });
  return { median: median(kept), excluded: 1 - kept.length / updates };
}

function pearson(a: readonly number[], b: readonly number[]): number {
  const n = a.length;
  let sa = 0;
  let sb = 0;
  for (let i = 0; i < n; i++) {
    sa += a[i] as number;
    sb += b[i] as number;
  }
  let num = 0;
  let da = 0;
  let db = 0;
  for (let i = 0; i < n; i++) {
    const x = (a[i] as number) - sa / n;
    const y = (b[i] as number) - sb / n;
    num += x * y;
    da += x * x;
    db += y * y;
  }
  return num / Math.sqrt(da * db);
}

const fmt = (x: number) => x.toFixed(3);

describeShared('validity on real recordings', () => {
  it('alpha is higher with eyes closed than open (Muse-Dataset B_01, TP9/TP10)', () => {
    const dir = '6661647a77616e_Muse-Dataset';
    const channels = ['TP9', 'TP10'];
    const closed = medianRelativeAlpha(museLslChannels(sharedFile(dir, 'B_01_EC.csv'), channels));
    const open = medianRelativeAlpha(museLslChannels(sharedFile(dir, 'B_01_EO.csv'), channels));
    console.log(
      `validity: B_01 median relative alpha, eyes closed vs open: ` +
        channels.map((c, i) => `${c} ${fmt(closed[i] as number)} vs ${fmt(open[i] as number)}`).join(', '),
    );
    for (let i = 0; i < channels.length; i++) expect(closed[i]).toBeGreaterThan(open[i] as number);
  });

  it('the relaxation index is higher relaxed than concentrating (jordan-bird subject a, TP9/TP10)', () => {
    const dir = 'jordan-bird_eeg-feature-generation';
    const channels = ['TP9', 'TP10'];
    const relaxed = medianRelativeAlpha(museLslChannels(sharedFile(dir, 'subjecta-relaxed-1.csv'), channels));
    const focused = medianRelativeAlpha(
      museLslChannels(sharedFile(dir, 'subjecta-concentrating-1.csv'), channels),
    );
    console.log(
      `validity: jordan-bird subject a median relative alpha, relaxed vs concentrating: ` +
        channels
          .map((c, i) => `${c} ${fmt(relaxed[i] as number)} vs ${fmt(focused[i] as number)}`)
          .join(', '),
    );
    for (let i = 0; i < channels.length; i++) expect(relaxed[i]).toBeGreaterThan(focused[i] as number);
    const r = medianRelaxationIndex(sharedFile(dir, 'subjecta-relaxed-1.csv'));
    const f = medianRelaxationIndex(sharedFile(dir, 'subjecta-concentrating-1.csv'));
    console.log(
      `validity: jordan-bird subject a relaxation index (4 electrodes, artifact windows excluded), relaxed vs ` +
        `concentrating: ${fmt(r.median)} vs ${fmt(f.median)} (excluded ${(100 * r.excluded).toFixed(0)} % vs ` +
        `${(100 * f.excluded).toFixed(0)} % of updates)`,
    );
    expect(r.median).toBeGreaterThan(f.median);
  });

  /**
   * debbie_eyes_open_250hz.csv is a 10.8 s Mind Monitor "constant" recording: RAW at 256 Hz beside Muse's own
   * band powers, repeated on every row until the next update (~10/s; AF7/AF8 are 0, so TP9/TP10 only). Each
   * Muse update (a row where the value changes) is paired with our band power for the window ending `lag`
   * samples later. Hamming windows of 256 (Muse's documented window), 512 and 768 samples (the
   * MIND_MONITOR_AGREEMENT preset) are each tried with lags from −2 s to +1 s; per window the lag with the best
   * median r over the 10 series is reported, with r per series (a series needs 15 pairs; the longer the window,
   * the fewer complete windows this 10.8 s file has). With 15–30 updates per series and the lag chosen to fit,
   * r is noisy and optimistic. Delta and theta on TP9 correlate negatively at every setting: Muse's low bands on
   * that electrode follow something the RAW column does not show (its own filtering or artifact handling).
   */
  it('band powers from RAW track Mind Monitor’s own band-power columns (JohnKurian debbie, TP9/TP10)', () => {
    const { header, rows: all } = parseCsv(
      sharedFile('JohnKurian_Muse-EEG-Concentration-Analysis', 'debbie_eyes_open_250hz.csv'),
    );
    const rawCols = ['RAW_TP9', 'RAW_TP10'].map((c) => header.indexOf(c));
    const rows = all.filter((r) => r.length >= 40 && rawCols.every((c) => r[c] !== ''));
    const raw = rawCols.map((col) => Float32Array.from(rows, (r) => Number(r[col])));
    const n = rows.length;
    const bands = ['Delta', 'Theta', 'Alpha', 'Beta', 'Gamma'];
    const channels = ['TP9', 'TP10'];
    const series = bands.flatMap((b, bi) =>
      channels.map((c, ci) => {
        const col = header.indexOf(`${b}_${c}`);
        const values = rows.map((r) => Number(r[col]));
        const updates: number[] = [];
        for (let i = 1; i < n; i++) if (values[i] !== values[i - 1]) updates.push(i);
        return { name: `${b}_${c}`, index: bi * 2 + ci, values, updates };
      }),
    );
    const finiteMedian = (rs: number[]) => median(rs.filter((r) => Number.isFinite(r)));
    const bestByWindow = new Map<number, { lag: number; median: number; rs: number[]; pairs: number }>();
    for (const window of [256, 512, MIND_MONITOR_AGREEMENT.windowSamples as number]) {
      let best = { lag: 0, median: -Infinity, rs: [] as number[], pairs: 0, pairsPerSeries: [] as number[] };
      // One update per sample, so any lag can be looked up.
      const engine = new BandPowerEngine({
        sampleRate: FS,
        channels: 2,
        windowSamples: window,
        window: 'hamming',
        updateHz: FS,
      });
      const ours: (Float64Array | undefined)[] = new Array(n + 1);
      engine.push(raw, n, (u) => {
        if (u.valid[0] && u.valid[1]) ours[u.index] = Float64Array.from(u.absolute);
      });
      for (let lag = -512; lag <= 256; lag += 2) {
        let pairs = 0;
        const pairsPerSeries: number[] = [];
        const rs = series.map((s) => {
          const a: number[] = [];
          const b: number[] = [];
          for (const i of s.updates) {
            const o = ours[i + lag];
            if (o) {
              a.push(o[s.index] as number);
              b.push(s.values[i] as number);
            }
          }
          pairs = a.length;
          pairsPerSeries.push(a.length);
          return a.length >= 15 ? pearson(a, b) : NaN;
        });
        if (rs.filter((r) => Number.isFinite(r)).length < 8) continue;
        const m = finiteMedian(rs);
        if (m > best.median) best = { lag, median: m, rs, pairs, pairsPerSeries };
      }
      bestByWindow.set(window, best);
      console.log(
        `validity: Mind Monitor debbie, Pearson r of log band power from RAW vs Muse's columns ` +
          `(Hamming ${window}, best lag ${best.lag} samples, ~${best.pairs} updates each): ` +
          series
            .map((s, i) => {
              const r = best.rs[i] as number;
              return `${s.name} ${Number.isFinite(r) ? r.toFixed(2) : `n/a (${best.pairsPerSeries[i]} pairs, fewer than 15)`}`;
            })
            .join(', ') +
          `; median ${fmt(best.median)}`,
      );
    }
    const muse = bestByWindow.get(256);
    const preset = bestByWindow.get(MIND_MONITOR_AGREEMENT.windowSamples as number);
    // Issue 4 aims at r ≥ 0.9; with 15–30 updates per series this asserts the preset's clear agreement.
    expect(muse?.median).toBeGreaterThan(0.6);
    expect(preset?.median).toBeGreaterThan(0.85);
    expect(preset?.median).toBeGreaterThan(muse?.median ?? Infinity);
  });

  // Mains follows geography: jordan-bird recorded at Aston University (Birmingham, UK: 50 Hz), mad-lab-fau in
  // Erlangen (Germany: 50 Hz), the muse-lsl N170 example in North America (60 Hz).
  it.each([
    ['jordan-bird_eeg-feature-generation', 'subjecta-relaxed-1.csv', 50],
    ['mad-lab-fau_BioPsyKit', 'eeg_muse_example.csv', 50],
    ['alexandrebarachant_muse-lsl', 'N170_subject1_session1_data_2017-09-13-15.30.01.csv', 60],
  ] as const)('detects the mains frequency of %s from its spectrum', (dir, file, hz) => {
    const d = detectMains(museLslChannels(sharedFile(dir, file), ['TP9', 'AF7', 'AF8', 'TP10']), FS);
    console.log(
      `validity: mains ${dir}/${file}: ${String(d.mainsHz)} Hz (peak/background 50 Hz ${d.ratio50.toFixed(1)}, ` +
        `60 Hz ${d.ratio60.toFixed(1)})`,
    );
    expect(d.mainsHz).toBe(hz);
  });
});
