/** Band powers (Muse / Mind Monitor definition) against sums computed with numpy on scipy's PSDs. */
import { describe, expect, it } from 'vitest';
import { MIND_MONITOR_BANDS, bandPowers } from '../../dsp/bands.ts';
import { PeriodogramPlan, periodogramInto, welch } from '../../dsp/welch.ts';
import { maxRelDiff, ref, signal } from './dsp-reference.ts';

const bySource = (source: string) => {
  const found = ref.bandPowers.find((b) => b.source === source);
  if (!found) throw new Error(`no band powers for ${source}`);
  return found;
};

describe('band powers match the numpy reference', () => {
  const { fs, x } = signal('eeg_like');

  it('uses the same bands as the reference', () => {
    expect(MIND_MONITOR_BANDS.map((b) => ({ ...b }))).toEqual(ref.bands);
  });

  it('from a Welch PSD (scipy defaults)', () => {
    const expected = bySource('welch:eeg defaults');
    const p = bandPowers(welch(x, fs));
    expect(maxRelDiff(p.sums, expected.sums)).toBeLessThan(1e-9);
    expect(maxRelDiff(p.absolute, expected.absolute)).toBeLessThan(1e-9);
    expect(maxRelDiff(p.relative, expected.relative)).toBeLessThan(1e-9);
  });

  it('from a single 256-sample Hamming periodogram, as the live engine computes them', () => {
    const expected = bySource('periodogram:0');
    const plan = new PeriodogramPlan(256, fs, { window: 'hamming' });
    const psd = new Float64Array(plan.bins);
    periodogramInto(plan, Float64Array.from(x), 0, psd);
    const p = bandPowers({ freqs: plan.freqs, psd });
    expect(maxRelDiff(p.sums, expected.sums)).toBeLessThan(1e-9);
    expect(maxRelDiff(p.absolute, expected.absolute)).toBeLessThan(1e-9);
    expect(maxRelDiff(p.relative, expected.relative)).toBeLessThan(1e-9);
  });
});
