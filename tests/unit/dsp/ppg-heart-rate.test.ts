import { describe, expect, it } from 'vitest';
import { PpgHeartRate } from '../../../dsp/ppg-heart-rate.ts';

const FS = 64;

/**
 * A synthesized forehead PPG in raw counts: each beat a systolic wave and a smaller, later dicrotic wave, the
 * heart rate following `bpmAt(t)` with ±3% beat-to-beat variability, on a breathing baseline with noise.
 */
function ppg(seconds: number, bpmAt: (t: number) => number, seed = 5): Float64Array {
  let a = seed >>> 0;
  const rand = () => {
    a = (a * 1664525 + 1013904223) >>> 0;
    return a / 4294967296;
  };
  const beats: number[] = [];
  for (let t = 0.2; t < seconds;) {
    beats.push(t);
    t += (60 / bpmAt(t)) * (1 + 0.06 * (rand() - 0.5));
  }
  const out = new Float64Array(Math.round(seconds * FS));
  let k = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / FS;
    while (k + 1 < beats.length && (beats[k + 1] as number) <= t) k++;
    let v = 120000 + 3000 * Math.sin(2 * Math.PI * 0.25 * t) + 300 * (rand() + rand() - 1);
    for (const b of [beats[k - 1], beats[k]]) {
      if (b === undefined) continue;
      const d = t - b;
      v += 2000 * Math.exp(-(((d - 0.15) / 0.07) ** 2)) + 800 * Math.exp(-(((d - 0.42) / 0.09) ** 2));
    }
    out[i] = v;
  }
  return out;
}

/** Feeds the signal in Muse-sized packets of 6 and returns the estimate after each second. */
function track(signal: Float64Array): (number | null)[] {
  const hr = new PpgHeartRate({ sampleRate: FS });
  const perSecond: (number | null)[] = [];
  for (let i = 0; i < signal.length; i += 6) {
    hr.push(signal.subarray(i, i + 6));
    if ((i + 6) % FS < 6) perSecond.push(hr.bpm);
  }
  return perSecond;
}

describe('PpgHeartRate', () => {
  it('follows a steady rate and a rise from 60 to 100 bpm within 3 bpm, dicrotic waves and all', () => {
    for (const bpm of [48, 66, 90, 130]) {
      const est = track(ppg(40, () => bpm));
      expect(est[9]).not.toBeNull();
      for (const e of est.slice(15)) expect(Math.abs((e as number) - bpm)).toBeLessThan(3);
    }
    const rising = (t: number) => (t < 30 ? 60 : t < 60 ? 60 + ((t - 30) * 40) / 30 : 100);
    const est = track(ppg(90, rising));
    const at = (s: number) => est[s - 1] as number;
    expect(Math.abs(at(28) - 60)).toBeLessThan(3);
    expect(Math.abs(at(88) - 100)).toBeLessThan(3);
    console.log(`PPG heart rate: 60 → 100 bpm read as ${at(28).toFixed(1)} → ${at(88).toFixed(1)} bpm`);
  });

  it('says nothing until it has seen beats, and restarts after a hole', () => {
    const hr = new PpgHeartRate({ sampleRate: FS });
    expect(hr.bpm).toBeNull();
    hr.push(new Float64Array(5 * FS).fill(120000));
    expect(hr.bpm).toBeNull();
    expect(hr.beats).toBe(0);
    const signal = ppg(30, () => 75);
    signal.fill(NaN, 10 * FS, 12 * FS);
    hr.push(signal);
    expect(Math.abs((hr.bpm as number) - 75)).toBeLessThan(3);
  });

  it('says what is wrong with bad arguments', () => {
    expect(() => new PpgHeartRate({ sampleRate: 8 })).toThrow(/at least 16 Hz for a pulse wave, got 8/);
    expect(() => new PpgHeartRate({ sampleRate: 64 }).push([1, 2], 3)).toThrow(/up to 2, got 3/);
  });
});
