import { describe, expect, it } from 'vitest';
import { BandPowerEngine } from '../../../dsp/band-power-engine.ts';
import { bandPowers } from '../../../dsp/bands.ts';
import { asymmetricHannWindow, feedbackEngineOptions } from '../../../dsp/feedback-window.ts';
import { welch } from '../../../dsp/welch.ts';

describe('asymmetricHannWindow', () => {
  it('rises slowly to 1 and falls quickly, favouring recent samples', () => {
    const w = asymmetricHannWindow(192, 20);
    expect(w).toHaveLength(192);
    const peak = w.indexOf(Math.max(...w));
    expect(peak).toBeGreaterThanOrEqual(170);
    expect(peak).toBeLessThanOrEqual(172);
    expect(w[0]).toBeLessThan(1e-3);
    expect(w[191]).toBeLessThan(0.01);
    // The centre of mass of the power weights sits in the newest third.
    let m = 0;
    let s = 0;
    w.forEach((v, i) => {
      m += i * v * v;
      s += v * v;
    });
    expect(m / s).toBeGreaterThan(110);
    expect(() => asymmetricHannWindow(10, 10)).toThrow(RangeError);
    expect(() => asymmetricHannWindow(10, 0)).toThrow(RangeError);
  });

  it('scales with the sample rate and zero-pads to a power of two', () => {
    const o = feedbackEngineOptions(256);
    expect([o.windowSamples, o.nfft, o.updateHz]).toEqual([128, 256, 64]);
    expect(feedbackEngineOptions(512).windowSamples).toBe(256);
    expect(feedbackEngineOptions(512).nfft).toBe(512);
  });
});

describe('BandPowerEngine with an explicit window and nfft', () => {
  it('equals the zero-padded periodogram of its last window', () => {
    const fs = 256;
    const opts = feedbackEngineOptions(fs);
    const engine = new BandPowerEngine({
      sampleRate: fs,
      channels: 1,
      bandpass: null,
      mainsHz: null,
      ...opts,
    });
    const x = Float32Array.from(
      { length: 1024 },
      (_, i) => 20 * Math.sin(i * 0.23) + 7 * Math.cos(i * 1.9) + (i % 11),
    );
    let last: Float64Array | null = null;
    engine.push([x], x.length, (u) => {
      if (u.valid[0]) last = Float64Array.from(u.absolute);
    });
    const w = opts.windowSamples as number;
    const ref = bandPowers(
      welch(Float64Array.from(x.subarray(x.length - w)), fs, {
        window: opts.window as Float64Array,
        nfft: 256,
      }),
    );
    expect(last).not.toBeNull();
    for (let b = 0; b < 5; b++)
      expect((last as unknown as Float64Array)[b]).toBeCloseTo(ref.absolute[b] as number, 9);
  });
});
