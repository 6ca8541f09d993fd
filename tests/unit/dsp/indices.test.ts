import { describe, expect, it } from 'vitest';
import { BandPowerEngine } from '../../../dsp/band-power-engine.ts';
import { MIND_MONITOR_BANDS } from '../../../dsp/bands.ts';
import {
  Calibration,
  INDEX_NAMES,
  emptyIndices,
  indexLayout,
  indexValuesInto,
  validateBaseline,
  zScoresInto,
  type IndexInput,
} from '../../../dsp/indices.ts';
import { QUALITY_BAD, QUALITY_GOOD } from '../../../dsp/signal-quality.ts';

const CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];
const layout = indexLayout(CHANNELS, MIND_MONITOR_BANDS);

/** An update where every channel has band sums `sums` (delta…gamma, µV²/Hz), AF8 alpha scaled by `af8Alpha`. */
function update(sums: number[], af8Alpha = 1): IndexInput & { quality: Uint8Array; valid: Uint8Array } {
  const nc = 4;
  const absolute = new Float64Array(5 * nc);
  const relative = new Float64Array(5 * nc);
  for (let c = 0; c < nc; c++) {
    const s = sums.map((v, b) => (b === 2 && c === 2 ? v * af8Alpha : v));
    const total = s.reduce((a, b) => a + b, 0);
    s.forEach((v, b) => {
      absolute[b * nc + c] = Math.log10(v);
      relative[b * nc + c] = v / total;
    });
  }
  return {
    absolute,
    relative,
    valid: new Uint8Array(nc).fill(1),
    quality: new Uint8Array(nc).fill(QUALITY_GOOD),
  };
}

describe('indexValuesInto', () => {
  it('computes each index from band sums', () => {
    const { values, valid } = emptyIndices();
    // delta 10, theta 20, alpha 40, beta 20, gamma 10 (total 100)
    expect(indexValuesInto(update([10, 20, 40, 20, 10], 2), layout, false, values, valid)).toBe(true);
    expect(INDEX_NAMES.every((k) => valid[k])).toBe(true);
    // Three channels at 0.4, AF8 at 80/140.
    expect(values.relaxation).toBeCloseTo((3 * 0.4 + 80 / 140) / 4, 12);
    expect(values.arousal).toBeCloseTo((3 * Math.log10(0.5) + Math.log10(20 / 80)) / 4, 12);
    expect(values.drowsiness).toBeCloseTo((3 * Math.log10(0.5) + Math.log10(20 / 80)) / 4, 12);
    expect(values.engagement).toBeCloseTo((3 * Math.log10(20 / 60) + Math.log10(20 / 100)) / 4, 12);
    expect(values.frontalBeta).toBeCloseTo((0.2 + 20 / 140) / 2, 12);
    // AF8 has twice the alpha of AF7: ln 2.
    expect(values.faa).toBeCloseTo(Math.LN2, 12);
  });

  it('leaves out bad channels and excludes whole updates that overlap an artifact', () => {
    const { values, valid } = emptyIndices();
    const u = update([10, 20, 40, 20, 10], 4);
    u.quality[2] = QUALITY_BAD;
    indexValuesInto(u, layout, false, values, valid);
    expect(values.relaxation).toBeCloseTo(0.4, 12);
    expect(valid.faa).toBe(false);
    expect(values.faa).toBe(0);
    expect(valid.frontalBeta).toBe(true);
    expect(indexValuesInto(u, layout, true, values, valid)).toBe(false);
    expect(INDEX_NAMES.some((k) => valid[k] || values[k] !== 0)).toBe(false);
  });

  it('leaves out an index that comes out infinite, and keeps the others', () => {
    const { values, valid } = emptyIndices();
    const u = update([10, 20, 40, 20, 10]);
    for (let c = 0; c < 4; c++) u.relative[3 * 4 + c] = Infinity; // beta
    expect(indexValuesInto(u, layout, false, values, valid)).toBe(true);
    expect([valid.arousal, values.arousal, valid.engagement, values.engagement]).toEqual([
      false,
      0,
      false,
      0,
    ]);
    expect(valid.relaxation).toBe(true);
    expect(values.relaxation).toBeCloseTo(0.4, 12);
    expect(valid.drowsiness).toBe(true);
  });

  it('says an update counts when only the frontal indices have values', () => {
    const { values, valid } = emptyIndices();
    const u = update([10, 20, 40, 20, 10]);
    for (const band of [1, 2, 3]) for (let c = 0; c < 4; c++) u.relative[band * 4 + c] = 0; // no θ, α, β share
    expect(indexValuesInto(u, layout, false, values, valid)).toBe(true);
    expect(INDEX_NAMES.filter((k) => valid[k])).toEqual(['frontalBeta', 'faa']);
  });
});

describe('Calibration and z-scores', () => {
  it('gives the mean and sd of the calibration and z-scores against them', () => {
    const cal = new Calibration({ durationS: 2, updateHz: 10 });
    const { values, valid } = emptyIndices();
    const xs = Array.from({ length: 20 }, (_, i) => 0.2 + 0.01 * (i % 5));
    for (const x of xs) {
      indexValuesInto(update([10, 20, 100 * x, 20, 10]), layout, false, values, valid);
      values.relaxation = x;
      cal.add(values, valid);
    }
    expect(cal.done).toBe(true);
    const baseline = validateBaseline(JSON.parse(JSON.stringify(cal.baseline())));
    const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1));
    expect(baseline.mean.relaxation).toBeCloseTo(mean, 12);
    expect(baseline.sd.relaxation).toBeCloseTo(sd, 12);
    expect(baseline.count.relaxation).toBe(20);
    expect(baseline.durationS).toBeCloseTo(2, 12);
    const z = emptyIndices();
    values.relaxation = mean + 2 * sd;
    zScoresInto(values, valid, baseline, z.values, z.valid);
    expect(z.values.relaxation).toBeCloseTo(2, 9);
    valid.relaxation = false;
    zScoresInto(values, valid, baseline, z.values, z.valid);
    expect(z.valid.relaxation).toBe(false);
    expect(z.values.relaxation).toBe(0);
  });

  it('rejects a corrupt stored baseline with the field named', () => {
    const good = new Calibration().baseline();
    expect(() => validateBaseline({ ...good, sd: { ...good.sd, faa: -1 } })).toThrow(/sd\.faa/);
    expect(() => validateBaseline({ ...good, mean: { ...good.mean, arousal: null } })).toThrow(
      /mean\.arousal/,
    );
    expect(() => validateBaseline(null)).toThrow(/version 1/);
  });

  it('scores more alpha as more relaxation after calibrating on little (BandPowerEngine end to end)', () => {
    const fs = 256;
    const engine = new BandPowerEngine({ sampleRate: fs, channels: 4 });
    let seed = 7;
    const noise = () => {
      seed = (seed * 1103515245 + 12345) >>> 0;
      return seed / 2 ** 32 - 0.5;
    };
    const signal = (seconds: number, alphaUv: number, t0: number) =>
      CHANNELS.map(() =>
        Float32Array.from(
          { length: seconds * fs },
          (_, i) => 20 * noise() + alphaUv * Math.sin(2 * Math.PI * 10 * ((t0 + i) / fs)),
        ),
      );
    const cal = new Calibration({ durationS: 30 });
    const { values, valid } = emptyIndices();
    const z = emptyIndices();
    const low = signal(40, 3, 0);
    engine.push(low, 40 * fs, (u) => {
      if (indexValuesInto(u, layout, false, values, valid)) cal.add(values, valid);
    });
    expect(cal.done).toBe(true);
    const baseline = cal.baseline();
    const high = signal(10, 12, 40 * fs);
    const scores: number[] = [];
    engine.push(high, 10 * fs, (u) => {
      if (!indexValuesInto(u, layout, false, values, valid)) return;
      zScoresInto(values, valid, baseline, z.values, z.valid);
      if (u.t > 42) scores.push(z.values.relaxation);
    });
    expect(Math.min(...scores)).toBeGreaterThan(3);
  });
});
