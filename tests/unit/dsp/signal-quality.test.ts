import { describe, expect, it } from 'vitest';
import {
  DEFAULT_QUALITY_THRESHOLDS,
  QUALITY_BAD,
  QUALITY_GOOD,
  QUALITY_OK,
  classifySignalQuality,
  measureSignalQuality,
  type QualityMetrics,
} from '../../../dsp/signal-quality.ts';

const fs = 256;
const clean: QualityMetrics = {
  missingFraction: 0,
  railFraction: 0,
  constant: false,
  stdUv: 15,
  ptpUv: 90,
  lineNoiseRatio: 0.01,
};

/** 2 s of EEG-like signal: 800 µV electrode offset, alpha, theta and some broadband noise. */
function eegLike(seed = 1): Float64Array {
  let s = seed;
  return Float64Array.from({ length: 2 * fs }, (_, i) => {
    s = (s * 16807) % 2147483647;
    const t = i / fs;
    return (
      800 +
      12 * Math.sin(2 * Math.PI * 10 * t) +
      6 * Math.sin(2 * Math.PI * 6 * t + 1) +
      8 * (s / 2147483647 - 0.5)
    );
  });
}

describe('classifySignalQuality', () => {
  it('grades clean metrics good', () => {
    expect(classifySignalQuality(clean)).toBe(QUALITY_GOOD);
  });

  it.each<[string, Partial<QualityMetrics>, number]>([
    ['a few missing samples', { missingFraction: 0.01 }, QUALITY_OK],
    ['many missing samples', { missingFraction: 0.2 }, QUALITY_BAD],
    ['a railed sample', { railFraction: 1 / 256 }, QUALITY_OK],
    ['railing', { railFraction: 0.1 }, QUALITY_BAD],
    ['an exactly constant input', { constant: true }, QUALITY_BAD],
    ['a flat line', { stdUv: 0.1, ptpUv: 0.4 }, QUALITY_BAD],
    ['blink-sized amplitude', { stdUv: 60, ptpUv: 300 }, QUALITY_OK],
    ['movement-sized amplitude', { stdUv: 150, ptpUv: 800 }, QUALITY_BAD],
    ['a large peak-to-peak alone', { ptpUv: 600 }, QUALITY_BAD],
    ['noticeable line noise', { lineNoiseRatio: 0.3 }, QUALITY_OK],
    ['dominant line noise', { lineNoiseRatio: 0.7 }, QUALITY_BAD],
    ['a non-finite metric', { stdUv: Number.NaN }, QUALITY_BAD],
  ])('%s', (_label, change, expected) => {
    expect(classifySignalQuality({ ...clean, ...change })).toBe(expected);
  });

  it('thresholds are adjustable', () => {
    const strict = { ...DEFAULT_QUALITY_THRESHOLDS, goodMaxStdUv: 10 };
    expect(classifySignalQuality(clean, strict)).toBe(QUALITY_OK);
  });
});

describe('measureSignalQuality on synthetic windows', () => {
  it('clean EEG-like signal with a DC offset: good', () => {
    const r = measureSignalQuality(eegLike(), fs);
    expect(r.quality).toBe(QUALITY_GOOD);
    expect(r.metrics.stdUv).toBeGreaterThan(5);
    expect(r.metrics.stdUv).toBeLessThan(20);
    expect(r.metrics.lineNoiseRatio).toBeLessThan(0.05);
  });

  it('railing at the Muse ADC limit: bad', () => {
    const x = eegLike();
    for (let i = 100; i < 160; i++) x[i] = 999.51;
    const r = measureSignalQuality(x, fs);
    expect(r.metrics.railFraction).toBeCloseTo(60 / 512, 10);
    expect(r.quality).toBe(QUALITY_BAD);
  });

  it('flat line (disconnected, exactly constant): bad', () => {
    const r = measureSignalQuality(new Float64Array(512).fill(-12.5), fs);
    expect(r.metrics.constant).toBe(true);
    expect(r.quality).toBe(QUALITY_BAD);
  });

  it('one NaN: ok; a fifth NaN: bad', () => {
    const one = eegLike();
    one[200] = Number.NaN;
    expect(measureSignalQuality(one, fs).quality).toBe(QUALITY_OK);
    const many = eegLike();
    for (let i = 0; i < many.length; i += 5) many[i] = Number.NaN;
    const r = measureSignalQuality(many, fs);
    expect(r.metrics.missingFraction).toBeCloseTo(0.2, 2);
    expect(r.quality).toBe(QUALITY_BAD);
    expect(measureSignalQuality(new Float64Array(512).fill(Number.NaN), fs).quality).toBe(QUALITY_BAD);
  });

  it('mains hum: ok when noticeable, bad when it dominates; only at the configured mains frequency', () => {
    const withHum = (amplitude: number, hz: number) =>
      eegLike().map((v, i) => v + amplitude * Math.sin((2 * Math.PI * hz * i) / fs));
    const some = measureSignalQuality(withHum(8, 50), fs);
    expect(some.metrics.lineNoiseRatio).toBeGreaterThan(0.2);
    expect(some.metrics.lineNoiseRatio).toBeLessThan(0.5);
    expect(some.quality).toBe(QUALITY_OK);
    const lots = measureSignalQuality(withHum(60, 50), fs);
    expect(lots.metrics.lineNoiseRatio).toBeGreaterThan(0.5);
    expect(lots.quality).toBe(QUALITY_BAD);
    expect(measureSignalQuality(withHum(60, 60), fs, { mainsHz: 60 }).quality).toBe(QUALITY_BAD);
    expect(measureSignalQuality(withHum(60, 50), fs, { mainsHz: null }).metrics.lineNoiseRatio).toBe(0);
  });

  it('large artifacts: bad', () => {
    const x = eegLike().map((v, i) => v + (i > 200 && i < 260 ? 400 : 0));
    expect(measureSignalQuality(x, fs).quality).toBe(QUALITY_BAD);
  });
});
