import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  BandPowerEngine,
  type BandPowerEngineOptions,
  type BandPowerUpdate,
} from '../../../dsp/band-power-engine.ts';
import { MIND_MONITOR_BANDS, bandPowers } from '../../../dsp/bands.ts';
import { BiquadCascade } from '../../../dsp/biquad.ts';
import { designEegFilters } from '../../../dsp/filter-design.ts';
import { PeriodogramPlan, periodogramInto } from '../../../dsp/welch.ts';
import { SimdBiquads4 } from '../../../dsp/simd-biquads.ts';

const fs = 256;
const ALPHA = MIND_MONITOR_BANDS.findIndex((b) => b.name === 'alpha');

interface Copied {
  index: number;
  t: number;
  absolute: number[];
  relative: number[];
  meanAbsolute: number[];
  meanRelative: number[];
  valid: number[];
  quality: number[];
}

const copy = (u: BandPowerUpdate): Copied => ({
  index: u.index,
  t: u.t,
  absolute: Array.from(u.absolute),
  relative: Array.from(u.relative),
  meanAbsolute: Array.from(u.meanAbsolute),
  meanRelative: Array.from(u.meanRelative),
  valid: Array.from(u.valid),
  quality: Array.from(u.quality),
});

/** Pushes `data` in chunks of the given sizes (cycled), collecting copies of every update. */
function run(engine: BandPowerEngine, data: Float32Array[], chunks: readonly number[] = [12]): Copied[] {
  const out: Copied[] = [];
  const n = (data[0] as Float32Array).length;
  for (let at = 0, i = 0; at < n; i++) {
    const len = Math.min(chunks[i % chunks.length] as number, n - at);
    engine.push(
      data.map((d) => d.subarray(at, at + len)),
      len,
      (u) => out.push(copy(u)),
    );
    at += len;
  }
  return out;
}

/** An EEG-like channel: electrode offset, a dominant rhythm, a little pseudo-random noise. */
function channel(
  seconds: number,
  opts: { hz?: number; amp?: number; offset?: number; seed?: number } = {},
): Float32Array {
  const { hz = 10, amp = 20, offset = 800, seed = 1 } = opts;
  let s = seed;
  return Float32Array.from({ length: Math.round(seconds * fs) }, (_, i) => {
    s = (s * 16807) % 2147483647;
    return offset + amp * Math.sin((2 * Math.PI * hz * i) / fs) + 4 * (s / 2147483647 - 0.5);
  });
}

const engine = (opts: Partial<BandPowerEngineOptions> = {}) =>
  new BandPowerEngine({ sampleRate: fs, channels: 4, ...opts });
const fourChannels = (seconds: number) => [1, 2, 3, 4].map((seed) => channel(seconds, { seed }));

describe('update cadence', () => {
  it('256 Hz at 10/s: exactly 10 updates per second, at ⌈k·25.6⌉', () => {
    const updates = run(engine(), fourChannels(60));
    expect(updates).toHaveLength(600);
    updates.forEach((u, k) => {
      expect(u.index).toBe(Math.ceil(((k + 1) * 256) / 10));
      expect(u.t).toBe(u.index / fs);
    });
    expect(updates.at(-1)?.index).toBe(60 * fs);
    const steps = new Set(updates.slice(1).map((u, k) => u.index - (updates[k] as Copied).index));
    expect(steps).toEqual(new Set([25, 26]));
  });

  it('integer steps stay integer (250 Hz at 10/s: every 25 samples)', () => {
    const e = new BandPowerEngine({ sampleRate: 250, channels: 1 });
    const out: number[] = [];
    e.push([new Float32Array(1000).fill(1)], 1000, (u) => out.push(u.index));
    expect(out).toEqual(Array.from({ length: 40 }, (_, k) => 25 * (k + 1)));
  });

  it('results do not depend on how the input is split into pushes', () => {
    const data = fourChannels(6);
    const reference = run(engine(), data, [data[0]!.length]);
    for (const chunks of [[1], [12], [7, 300, 1, 64], [1000]])
      expect(run(engine(), data, chunks)).toEqual(reference);
  });

  it('windows are invalid until the first full window, then valid', () => {
    const updates = run(engine(), fourChannels(3));
    for (const u of updates) {
      const full = u.index >= 256;
      expect(u.valid).toEqual([1, 1, 1, 1].map(() => (full ? 1 : 0)));
      if (!full) expect(u.meanAbsolute.every((v) => v === 0)).toBe(true);
    }
    expect(updates.find((u) => u.valid[0] === 1)?.index).toBe(256);
  });

  it('reuses one update object (callers copy what they keep)', () => {
    const seen = new Set<BandPowerUpdate>();
    engine().push(fourChannels(1), fs, (u) => seen.add(u));
    expect(seen.size).toBe(1);
  });

  it('reset() starts over exactly like a new engine', () => {
    const data = fourChannels(3);
    const e = engine();
    run(e, fourChannels(2));
    e.gap(77);
    e.reset();
    expect(run(e, data)).toEqual(run(engine(), data));
  });
});

describe('band powers', () => {
  it('a 10 Hz sine puts the most power in alpha, on every channel and on average', () => {
    const updates = run(engine(), fourChannels(5)).filter((u) => u.valid.every((v) => v === 1));
    expect(updates.length).toBeGreaterThan(30);
    for (const u of updates) {
      const best = u.meanAbsolute.indexOf(Math.max(...u.meanAbsolute));
      expect(best).toBe(ALPHA);
      expect(u.meanRelative[ALPHA]).toBeGreaterThan(0.9);
      for (let c = 0; c < 4; c++) {
        const perBand = MIND_MONITOR_BANDS.map((_, b) => u.absolute[b * 4 + c] as number);
        expect(perBand.indexOf(Math.max(...perBand))).toBe(ALPHA);
      }
    }
  });

  it('a 6 Hz rhythm lands in theta and a 20 Hz one in beta', () => {
    for (const [hz, band] of [
      [6, 'theta'],
      [20, 'beta'],
      [2, 'delta'],
      [38, 'gamma'],
    ] as const) {
      const e = new BandPowerEngine({ sampleRate: fs, channels: 1 });
      const last = run(e, [channel(3, { hz })]).at(-1) as Copied;
      expect(MIND_MONITOR_BANDS[last.absolute.indexOf(Math.max(...last.absolute))]?.name).toBe(band);
    }
  });

  it('equals the offline chain: primed filters, then a Hamming periodogram of the window, then band sums', () => {
    const x = channel(4, { hz: 9, amp: 15, seed: 5 });
    const updates = run(new BandPowerEngine({ sampleRate: fs, channels: 1 }), [x], [13]);
    const d = designEegFilters({ sampleRate: fs, mainsHz: 50, bandpass: [1, 45] });
    const stages = [d.highpass, d.notch, d.lowpass].map((sos) => new BiquadCascade(sos));
    let u = x[0] as number;
    for (const s of stages) u = s.primeSteadyState(u);
    const y = new Float64Array(x.length);
    stages.reduce<Float32Array | Float64Array>((input, s) => (s.process(input, y), y), x);
    const plan = new PeriodogramPlan(256, fs, { window: 'hamming' });
    const psd = new Float64Array(plan.bins);
    const checked = updates.filter((v) => v.valid[0] === 1);
    expect(checked.length).toBeGreaterThan(20);
    for (const v of checked) {
      periodogramInto(plan, y, v.index - 256, psd);
      const expected = bandPowers({ freqs: plan.freqs, psd });
      v.absolute.forEach((a, b) => expect(a).toBeCloseTo(expected.absolute[b] as number, 9));
      v.relative.forEach((r, b) => expect(r).toBeCloseTo(expected.relative[b] as number, 9));
    }
  });
});

describe('missing data', () => {
  it('a gap advances the index, skips the updates inside it, and invalidates windows until refilled', () => {
    const e = engine();
    const before = run(e, fourChannels(10));
    e.gap(100);
    const after = run(e, fourChannels(5));
    const gapEnd = 10 * fs + 100;
    const all = [...before, ...after];
    // Still on the same grid, nothing scheduled inside the gap emitted.
    const grid = new Set(Array.from({ length: 200 }, (_, k) => Math.ceil(((k + 1) * 256) / 10)));
    for (const u of all) expect(grid.has(u.index)).toBe(true);
    expect(all.some((u) => u.index > 10 * fs && u.index <= gapEnd)).toBe(false);
    expect(after[0]?.index).toBe(Math.min(...[...grid].filter((i) => i > gapEnd)));
    for (const u of after) {
      expect(u.t).toBe(u.index / fs);
      const refilled = u.index - gapEnd >= 256;
      expect(u.valid).toEqual([1, 1, 1, 1].map(() => (refilled ? 1 : 0)));
      expect(u.quality.every((q) => q !== 1)).toBe(!refilled);
    }
    expect(after.at(-1)?.valid).toEqual([1, 1, 1, 1]);
  });

  it('after a long gap the engine behaves like a new one started on the samples after it', () => {
    const e = engine();
    run(e, fourChannels(3));
    // 3 s + 9472 samples = 80 × 128: the 25.6-sample grid repeats every 128 samples, so the phases line up.
    const offset = 3 * fs + 9472;
    e.gap(9472);
    const later = fourChannels(3);
    const afterGap = run(e, later);
    const fresh = run(engine(), later);
    expect(afterGap.map((u) => u.index - offset)).toEqual(fresh.map((u) => u.index));
    afterGap.forEach((u, k) => expect({ ...u, index: 0, t: 0 }).toEqual({ ...fresh[k], index: 0, t: 0 }));
  });

  it('a NaN in one channel invalidates that channel only, until a full window has passed', () => {
    const data = fourChannels(4);
    const nanAt = 2 * fs;
    (data[2] as Float32Array)[nanAt] = Number.NaN;
    const updates = run(engine(), data);
    const clean = run(engine(), fourChannels(4));
    updates.forEach((u, k) => {
      const affected = u.index > nanAt && u.index - 256 <= nanAt;
      if (u.index < 256) return;
      expect(u.valid).toEqual([1, 1, affected ? 0 : 1, 1]);
      if (affected) {
        expect(u.quality[2]).not.toBe(1);
        for (let b = 0; b < MIND_MONITOR_BANDS.length; b++) {
          expect(u.absolute[b * 4 + 2]).toBe(0);
          const others = [0, 1, 3].map((c) => u.absolute[b * 4 + c] as number);
          expect(u.meanAbsolute[b]).toBeCloseTo(others.reduce((s, v) => s + v, 0) / 3, 12);
        }
        // The other channels are untouched by channel 2's NaN.
        expect([0, 1, 3].map((c) => u.absolute[c])).toEqual([0, 1, 3].map((c) => clean[k]?.absolute[c]));
      }
    });
    expect(updates.at(-1)?.valid).toEqual([1, 1, 1, 1]);
  });

  it('with no valid channel, every mean is 0', () => {
    const data = fourChannels(2).map((d) => d.map((v, i) => (i === 400 ? Number.NaN : v)));
    const u = run(engine(), data).find((v) => v.index > 400 && v.index < 500) as Copied;
    expect(u.valid).toEqual([0, 0, 0, 0]);
    expect(u.meanAbsolute.every((v) => v === 0) && u.meanRelative.every((v) => v === 0)).toBe(true);
  });

  it('never lets NaN or Infinity out, whatever comes in (property)', () => {
    const sample = fc.oneof(
      { weight: 6, arbitrary: fc.double({ min: -1500, max: 1500, noNaN: true }) },
      {
        weight: 1,
        arbitrary: fc.constantFrom(Number.NaN, Infinity, -Infinity, 1e300, -1e300, 1e6 + 1, 999.6, -1000, 0),
      },
    );
    const op = fc.oneof(
      {
        weight: 4,
        arbitrary: fc.array(fc.array(sample, { minLength: 3, maxLength: 3 }), { maxLength: 120 }),
      },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 80 }) },
    );
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 25 }), fc.boolean(), (ops, constantRun) => {
        const e = new BandPowerEngine({ sampleRate: 128, channels: 3, windowSamples: 32, updateHz: 16 });
        const check = (u: BandPowerUpdate) => {
          const all = [...u.absolute, ...u.relative, ...u.meanAbsolute, ...u.meanRelative, u.t];
          expect(all.every(Number.isFinite)).toBe(true);
          let validCount = 0;
          for (let c = 0; c < 3; c++) {
            expect([0, 1]).toContain(u.valid[c]);
            expect([1, 2, 4]).toContain(u.quality[c]);
            if (!u.valid[c]) {
              expect(u.quality[c]).not.toBe(1);
              for (let b = 0; b < 5; b++) expect(u.absolute[b * 3 + c]).toBe(0);
            } else validCount++;
            for (let b = 0; b < 5; b++) expect(u.relative[b * 3 + c]).toBeGreaterThanOrEqual(0);
          }
          if (validCount === 0)
            expect([...u.meanAbsolute, ...u.meanRelative].every((v) => v === 0)).toBe(true);
        };
        for (const o of ops) {
          if (typeof o === 'number') {
            e.gap(o);
            continue;
          }
          const data = [0, 1, 2].map((c) =>
            Float32Array.from(o, (row) => (constantRun && c === 0 ? 12 : (row[c] as number))),
          );
          e.push(data, o.length, check);
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('signal quality per channel', () => {
  it('clean → good, railed → bad, flat → bad, mains hum → bad (and only at the configured frequency)', () => {
    const seconds = 3;
    const n = seconds * fs;
    const clean = channel(seconds, { seed: 3 });
    const railed = channel(seconds, { seed: 4 }).map((v, i) => (i % 40 < 6 ? 999.51 : v));
    const flat = new Float32Array(n).fill(812.3);
    const hum = channel(seconds, { seed: 6 }).map((v, i) => v + 80 * Math.sin((2 * Math.PI * 50 * i) / fs));
    const last = run(engine(), [clean, railed, flat, hum]).at(-1) as Copied;
    expect(last.quality).toEqual([1, 4, 4, 4]);
    // A flat channel is still a complete window: valid, just bad.
    expect(last.valid).toEqual([1, 1, 1, 1]);
    const sixty = run(engine({ mainsHz: 60 }), [clean, railed, flat, hum]).at(-1) as Copied;
    expect(sixty.quality[3]).not.toBe(4);
  });
});

describe('options', () => {
  it('rejects impossible configurations', () => {
    expect(() => new BandPowerEngine({ sampleRate: 0, channels: 4 })).toThrow(RangeError);
    expect(() => new BandPowerEngine({ sampleRate: fs, channels: 0 })).toThrow(RangeError);
    expect(() => new BandPowerEngine({ sampleRate: fs, channels: 4, windowSamples: 1 })).toThrow(RangeError);
    expect(() => new BandPowerEngine({ sampleRate: fs, channels: 4, updateHz: 0 })).toThrow(RangeError);
    expect(() => new BandPowerEngine({ sampleRate: 100, channels: 4 })).toThrow(RangeError); // 50 Hz notch, 45 Hz low-pass at Nyquist 50
    expect(
      () => new BandPowerEngine({ sampleRate: 100, channels: 4, mainsHz: null, bandpass: [1, 40] }),
    ).not.toThrow();
  });

  it('rejects pushes that do not match the channel count or length', () => {
    const e = engine();
    expect(() => e.push([new Float32Array(10)], 10, () => {})).toThrow(RangeError);
    expect(() => e.push(fourChannels(0.01), 100, () => {})).toThrow(RangeError);
    expect(() => e.gap(-1)).toThrow(RangeError);
  });

  it('custom bands and window size', () => {
    const e = new BandPowerEngine({
      sampleRate: fs,
      channels: 1,
      windowSamples: 512,
      bands: [
        { name: 'low', lowHz: 1, highHz: 12 },
        { name: 'high', lowHz: 12, highHz: 40 },
      ],
    });
    const last = run(e, [channel(4, { hz: 20 })]).at(-1) as Copied;
    expect(last.absolute).toHaveLength(2);
    expect(last.relative[1]).toBeGreaterThan(0.9);
  });

  it.each([
    ['Muse defaults (50 Hz notch)', {}],
    ['no notch', { mainsHz: null }],
    ['an odd window zero-padded to 256', { windowSamples: 255, nfft: 256 }],
    ['a short window with 1 Hz bins', { windowSamples: 100, nfft: 256, window: 'hann' }],
    ['a 512-sample window, 60 Hz notch', { windowSamples: 512, mainsHz: 60 }],
  ] as const)(
    'WebAssembly SIMD and JavaScript agree: %s (quality and validity exactly, band powers to rounding)',
    (_label, options: Partial<BandPowerEngineOptions>) => {
      const data = fourChannels(6);
      // Hum on one channel, a railed stretch and a NaN on others, so quality and validity vary.
      for (let i = 0; i < data[1]!.length; i++) data[1]![i] = (data[1]![i] as number) + 60 * Math.sin(i);
      data[2]!.fill(1500, 300, 700);
      data[3]![900] = NaN;
      const fastEngine = engine({ ...options });
      const plainEngine = engine({ ...options, simd: false });
      const simdBlocks = vi.spyOn(SimdBiquads4.prototype, 'run');
      const fast = run(fastEngine, data, [12, 5, 30]);
      const plain = run(plainEngine, data, [12, 5, 30]);
      // Most blocks go through SIMD; the NaN's and the start's go through the cascades, and the state follows.
      expect(simdBlocks.mock.calls.length).toBeGreaterThan(fast.length / 2);
      simdBlocks.mockRestore();
      // The filters in SIMD leave every channel's filtered and mains rings bit for bit as the cascades do.
      expect(fastEngine['banks']).not.toBeNull();
      expect(plainEngine['banks']).toBeNull();
      expect(Array.from(fastEngine['filtered'])).toEqual(Array.from(plainEngine['filtered']));
      expect(Array.from(fastEngine['mains'])).toEqual(Array.from(plainEngine['mains']));
      expect(fast.length).toBe(plain.length);
      fast.forEach((u, i) => {
        const v = plain[i] as Copied;
        expect(u.valid).toEqual(v.valid);
        expect(u.quality).toEqual(v.quality);
        u.absolute.forEach((a, k) => expect(Math.abs(a - (v.absolute[k] as number))).toBeLessThan(1e-12));
        u.relative.forEach((r, k) => expect(Math.abs(r - (v.relative[k] as number))).toBeLessThan(1e-12));
      });
      expect(new Set(fast.flatMap((u) => u.quality)).size).toBeGreaterThan(1);
    },
  );
});
