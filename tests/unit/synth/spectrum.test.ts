import { describe, expect, it } from 'vitest';
import type { SynthStateName } from '../../../hardware-mocks/synth/synthesizer.ts';
import { bandDensity, bandPower, channel, peakHz, record, slice, welch, type Spectrum } from './helpers.ts';

const FS = 256;

function pureState(state: SynthStateName, seed = 8, mainsHz: 50 | 60 | null = 50) {
  return record({
    seed,
    mainsHz,
    timeline: { segments: [{ state, durationS: 120 }], randomArtifacts: false },
  });
}

const rel = (s: Spectrum, lo: number, hi: number): number => bandPower(s, lo, hi) / bandPower(s, 1, 30);

describe('spectrum follows the mental state', () => {
  // The built-in session with its random blinks and clenches: the contrast must survive artifacts.
  const car = record({ seed: 11, timeline: 'calm-anxious-recovery' });
  // Segments: calm 0–90 s, anxious 90–180 s, recovery 180–300 s; skip the 4 s crossfades.
  const spectrum = (ch: string, t0: number, t1: number): Spectrum =>
    welch(slice(channel(car, ch), FS, t0, t1), FS);
  const calmS = (ch: string): Spectrum => spectrum(ch, 5, 90);
  const anxiousS = (ch: string): Spectrum => spectrum(ch, 95, 180);
  const recoveryS = (ch: string): Spectrum => spectrum(ch, 185, 300);

  it.each(['TP9', 'TP10'])('relative alpha at %s is much higher calm than anxious, and comes back', (ch) => {
    const calm = rel(calmS(ch), 8, 12);
    const anxious = rel(anxiousS(ch), 8, 12);
    const recovery = rel(recoveryS(ch), 8, 12);
    expect(calm).toBeGreaterThan(0.35);
    expect(calm).toBeGreaterThan(3 * anxious);
    expect(recovery).toBeGreaterThan(3 * anxious);
  });

  it.each(['TP9', 'TP10'])('beta at %s is higher anxious than calm', (ch) => {
    expect(rel(anxiousS(ch), 13, 30)).toBeGreaterThan(1.5 * rel(calmS(ch), 13, 30));
    expect(bandPower(anxiousS(ch), 13, 30)).toBeGreaterThan(3 * bandPower(calmS(ch), 13, 30));
  });

  it('calm alpha peaks near 10 Hz at TP9 and TP10', () => {
    for (const ch of ['TP9', 'TP10']) {
      const f = peakHz(calmS(ch), 4, 30);
      expect(f).toBeGreaterThanOrEqual(9);
      expect(f).toBeLessThanOrEqual(11);
    }
  });

  it('alpha is strongest at TP9/TP10 in calm', () => {
    const rec = pureState('calm');
    const tp = bandPower(welch(channel(rec, 'TP9'), FS), 8, 12);
    const af = bandPower(welch(channel(rec, 'AF7'), FS), 8, 12);
    expect(tp).toBeGreaterThan(2 * af);
  });

  it('drowsy has far more theta relative to alpha than calm, and theta over alpha', () => {
    const drowsy = pureState('drowsy');
    const calm = pureState('calm');
    for (const ch of ['TP9', 'AF7', 'TP10']) {
      const d = welch(channel(drowsy, ch), FS);
      const c = welch(channel(calm, ch), FS);
      const ratioD = bandPower(d, 4, 8) / bandPower(d, 8, 12);
      const ratioC = bandPower(c, 4, 8) / bandPower(c, 8, 12);
      expect(ratioD, ch).toBeGreaterThan(1);
      expect(ratioD, ch).toBeGreaterThan(3 * ratioC);
      const f = peakHz(d, 3, 30);
      expect(f, ch).toBeGreaterThanOrEqual(4.5);
      expect(f, ch).toBeLessThanOrEqual(7);
    }
  });

  it('the background falls off like 1/f: 2–4 Hz well above 20–30 Hz, 30–45 Hz above 60–100 Hz', () => {
    const rec = pureState('neutral', 5, null);
    for (const ch of ['TP9', 'AF7', 'AF8', 'TP10']) {
      const s = welch(channel(rec, ch), FS);
      expect(bandDensity(s, 2, 4), ch).toBeGreaterThan(4 * bandDensity(s, 20, 30));
      expect(bandDensity(s, 30, 45), ch).toBeGreaterThan(1.5 * bandDensity(s, 60, 100));
    }
  });
});

describe('mains hum', () => {
  const peak = (s: Spectrum, f: number): number => bandDensity(s, f - 0.5, f + 0.5) / bandDensity(s, 40, 48);

  it('puts a narrow peak at 50 Hz by default, at 60 Hz on request, and none when null', () => {
    for (const ch of ['TP9', 'AF7']) {
      const at50 = welch(
        channel(
          record({
            seed: 4,
            timeline: { segments: [{ state: 'calm', durationS: 60 }], randomArtifacts: false },
          }),
          ch,
        ),
        FS,
      );
      const at60 = welch(channel(pureState('calm', 4, 60), ch), FS);
      const none = welch(channel(pureState('calm', 4, null), ch), FS);
      expect(peak(at50, 50), ch).toBeGreaterThan(5);
      expect(peak(at50, 60), ch).toBeLessThan(2);
      expect(peak(at60, 60), ch).toBeGreaterThan(5);
      expect(peak(at60, 50), ch).toBeLessThan(2);
      expect(peak(none, 50), ch).toBeLessThan(2);
      expect(peak(none, 60), ch).toBeLessThan(2);
    }
  });
});

describe('crossfades', () => {
  it('move the alpha power gradually, not in one step', () => {
    // Alpha power swings several-fold between 4 s windows, as in real recordings: average seeds and sides.
    let before = 0;
    let middle = 0;
    let after = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const rec = record({
        seed,
        timeline: {
          segments: [
            { state: 'calm', durationS: 60 },
            { state: 'anxious', durationS: 60 },
          ],
          crossfadeS: 30,
          randomArtifacts: false,
        },
      });
      for (const ch of ['TP9', 'TP10']) {
        const alpha = (t0: number, t1: number): number =>
          bandPower(welch(slice(channel(rec, ch), FS, t0, t1), FS), 8, 12);
        before += alpha(20, 60);
        // Halfway through the crossfade (60–90 s), the blend is 50/50.
        middle += alpha(70, 80);
        after += alpha(95, 120);
      }
    }
    expect(middle).toBeLessThan(0.8 * before);
    expect(middle).toBeGreaterThan(1.5 * after);
  });
});
