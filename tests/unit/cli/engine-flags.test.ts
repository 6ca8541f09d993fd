import { describe, expect, it } from 'vitest';
import { MIND_MONITOR_AGREEMENT } from '../../../dsp/band-power-engine.ts';
import { engineShapeFromFlags, parseBandsFlag } from '../../../src/cli/engine-flags.ts';
import type { RecordingScan } from '../../../src/readers/index.ts';

const raw = { hasRawEeg: true, sampleRate: 256 } as RecordingScan;
const flags = (entries: [string, string][]) => new Map<string, string | true>(entries);

describe('analyze engine flags', () => {
  it('parse bands as NAME:LOW-HIGH, names lower-cased, in the order given', () => {
    expect(parseBandsFlag(' SMR:12-15 ,theta:4-8,gamma2:30.5-44.25')).toEqual([
      { name: 'smr', lowHz: 12, highHz: 15 },
      { name: 'theta', lowHz: 4, highHz: 8 },
      { name: 'gamma2', lowHz: 30.5, highHz: 44.25 },
    ]);
  });

  it('give no shape without flags, the preset with it, and later flags over the preset', () => {
    expect(engineShapeFromFlags(flags([]), raw, 'a.csv')).toBeUndefined();
    expect(engineShapeFromFlags(flags([['--preset', 'mind-monitor']]), raw, 'a.csv')).toEqual(
      MIND_MONITOR_AGREEMENT,
    );
    expect(
      engineShapeFromFlags(
        flags([
          ['--preset', 'mind-monitor'],
          ['--taper', 'hann'],
          ['--rate', '2.5'],
        ]),
        raw,
        'a.csv',
      ),
    ).toEqual({ windowSamples: 768, window: 'hann', updateHz: 2.5 });
  });

  it('check a band against the window given with it', () => {
    // 0.25 Hz bins with 1024 samples at 256 Hz: 10.2–10.8 Hz holds 10.25 and 10.5 Hz.
    expect(
      engineShapeFromFlags(
        flags([
          ['--bands', 'x:10.2-10.8'],
          ['--window', '1024'],
        ]),
        raw,
        'a.csv',
      )?.bands,
    ).toEqual([{ name: 'x', lowHz: 10.2, highHz: 10.8 }]);
  });

  it('refuse to shape a recording that has only its own recorded band powers', () => {
    const bandPowersOnly = { hasRawEeg: false, sampleRate: 1 } as RecordingScan;
    expect(() => engineShapeFromFlags(flags([['--bands', 'alpha:8-12']]), bandPowersOnly, 'mm.csv')).toThrow(
      /^mm\.csv: --bands shape the analysis of raw EEG, and this recording has only its own recorded band powers$/,
    );
  });
});
