/**
 * Our fili-designed filters against scipy.signal designs (butter, iirnotch) and scipy's filtering functions.
 * Tolerances: the fixture stores 12 significant digits, the designs are the same bilinear transforms, so
 * responses must agree to 1e-9 (observed ~1e-12), steady-state sine amplitudes through our runner to 1e-9
 * (observed ~1e-13), filtered signals to 1e-9 of their peak (observed ~2e-12).
 */
import { describe, expect, it } from 'vitest';
import { BiquadCascade, sosFrequencyResponse, type Sos } from '../../dsp/biquad.ts';
import {
  designButterworth,
  designEegFilters,
  designMainsNotch,
  designNotch,
} from '../../dsp/filter-design.ts';
import { sosfiltfilt } from '../../dsp/filtfilt.ts';
import { maxAbsDiff, ref, signal } from './dsp-reference.ts';

const fs = ref.filters.fs;
const freqs = ref.filters.freqs;
const designs: Record<keyof typeof ref.filters.responses, Sos> = {
  highpass1: designButterworth('highpass', 1, fs, 4),
  lowpass45: designButterworth('lowpass', 45, fs, 4),
  notch50: designNotch(50, fs, 30),
  notch60: designNotch(60, fs, 30),
  notch50h: designMainsNotch(50, fs, true),
  notch60h: designMainsNotch(60, fs, true),
  chain50: designEegFilters({ sampleRate: fs, mainsHz: 50, bandpass: [1, 45] }).chain,
  chain60: designEegFilters({ sampleRate: fs, mainsHz: 60, bandpass: [1, 45] }).chain,
};
const names = Object.keys(designs) as (keyof typeof designs)[];

/** Steady-state amplitude of a unit sine at `hz` after filtering, by least squares on sin/cos over the tail. */
function filteredSineAmplitude(sos: Sos, hz: number): number {
  const seconds = 30;
  const n = seconds * fs;
  const x = new Float64Array(n);
  for (let i = 0; i < n; i++) x[i] = Math.sin((2 * Math.PI * hz * i) / fs);
  const y = new Float64Array(n);
  const cascade = new BiquadCascade(sos);
  // Feed it in uneven chunks: the state must carry over exactly.
  for (let at = 0, step = 1; at < n; at += step, step = ((step * 7) % 97) + 1) {
    cascade.process(x, y, Math.min(step, n - at), at, at);
  }
  // Normal equations for y ≈ a·sin + b·cos over the last 10 s (transients have long decayed).
  let ss = 0;
  let cc = 0;
  let sc = 0;
  let ys = 0;
  let yc = 0;
  for (let i = n - 10 * fs; i < n; i++) {
    const s = Math.sin((2 * Math.PI * hz * i) / fs);
    const c = Math.cos((2 * Math.PI * hz * i) / fs);
    ss += s * s;
    cc += c * c;
    sc += s * c;
    ys += (y[i] as number) * s;
    yc += (y[i] as number) * c;
  }
  const det = ss * cc - sc * sc;
  const a = (ys * cc - yc * sc) / det;
  const b = (yc * ss - ys * sc) / det;
  return Math.hypot(a, b);
}

describe('filter magnitude responses match scipy.signal', () => {
  it.each(names)('%s: |H| evaluated from our coefficients equals sosfreqz within 1e-9', (name) => {
    const ours = sosFrequencyResponse(designs[name], freqs, fs);
    const expected = ref.filters.responses[name];
    expect(maxAbsDiff(ours.magnitude, expected.mag).diff).toBeLessThan(1e-9);
    // Same transfer function, not just the same magnitude: phase agrees too.
    expect(maxAbsDiff(ours.re, expected.re).diff).toBeLessThan(1e-9);
    expect(maxAbsDiff(ours.im, expected.im).diff).toBeLessThan(1e-9);
  });

  it('the responses are the ones an EEG chain needs', () => {
    const chain = ref.filters.responses.chain50.mag;
    const at = (hz: number) => chain[freqs.indexOf(hz)] as number;
    expect(at(10)).toBeGreaterThan(0.99);
    expect(at(20)).toBeGreaterThan(0.99);
    expect(at(1)).toBeCloseTo(Math.SQRT1_2, 2); // −3 dB corner (the notch is far away)
    expect(at(50)).toBeLessThan(1e-6); // notch zero
    expect(at(100)).toBeLessThan(0.01);
  });

  it('the notch with harmonics also zeroes 100 Hz (120 Hz) and leaves the EEG band and 110 Hz alone', () => {
    const at = (name: 'notch50h' | 'notch60h' | 'notch50', hz: number) =>
      ref.filters.responses[name].mag[freqs.indexOf(hz)] as number;
    expect(at('notch50h', 50)).toBeLessThan(1e-6);
    expect(at('notch50h', 100)).toBeLessThan(1e-6);
    expect(at('notch50', 100)).toBeGreaterThan(0.99);
    expect(at('notch60h', 60)).toBeLessThan(1e-6);
    expect(at('notch60h', 120)).toBeLessThan(1e-6);
    for (const hz of [1, 10, 20, 30, 40, 80, 110]) {
      expect(at('notch50h', hz), `${hz} Hz`).toBeGreaterThan(0.95);
      expect(at('notch60h', hz), `${hz} Hz`).toBeGreaterThan(0.95);
    }
    // One section (5 coefficients) per harmonic below Nyquist: 50 and 100 Hz at 256 Hz, 50 Hz alone at 160 Hz.
    expect(designs.notch50h.length).toBe(2 * 5);
    expect(designMainsNotch(50, 160, true).length).toBe(5);
    expect(designMainsNotch(50, 500, true).length).toBe(4 * 5);
    expect(
      designEegFilters({ sampleRate: fs, mainsHz: 60, bandpass: null, mainsHarmonics: true }).notch,
    ).toEqual(designs.notch60h);
  });

  it.each(names)('%s: a sine filtered by our runner has the amplitude scipy predicts (±1e-9)', (name) => {
    const expected = ref.filters.responses[name].mag;
    freqs.forEach((hz, i) => {
      expect(Math.abs(filteredSineAmplitude(designs[name], hz) - (expected[i] as number))).toBeLessThan(1e-9);
    });
  });
});

describe('filtering matches scipy.signal on the stored EEG-like signal', () => {
  const { x } = signal('eeg_like');
  const chain = designs.chain50;

  it('BiquadCascade from zero state equals sosfilt', () => {
    const y = new Float64Array(x.length);
    new BiquadCascade(chain).process(x, y);
    const { diff, peak } = maxAbsDiff(y, ref.filtering.sosfilt);
    expect(diff / peak).toBeLessThan(1e-9);
  });

  it('primeSteadyState(x[0]) equals sosfilt with zi = sosfilt_zi · x[0]', () => {
    const cascade = new BiquadCascade(chain);
    cascade.primeSteadyState(x[0] as number);
    const y = new Float64Array(x.length);
    cascade.process(x, y);
    const { diff, peak } = maxAbsDiff(y, ref.filtering.sosfiltSteady);
    expect(diff / peak).toBeLessThan(1e-9);
  });

  it.each([
    ['default padlen', undefined, ref.filtering.sosfiltfilt],
    ['padlen 0', 0, ref.filtering.sosfiltfiltPad0],
    ['padlen 300', 300, ref.filtering.sosfiltfiltPad300],
  ] as const)('sosfiltfilt (%s) equals scipy.signal.sosfiltfilt', (_label, padlen, expected) => {
    const y = sosfiltfilt(chain, x, padlen === undefined ? {} : { padlen });
    const { diff, peak } = maxAbsDiff(y, expected);
    expect(diff / peak).toBeLessThan(1e-9);
  });
});
