/**
 * The optional mains-harmonic notch (filter-design.ts designMainsNotch) where it matters at Muse's 256 Hz: a
 * 100 Hz hum (50 Hz mains' second harmonic) sits in the jaw detector's EMG band above 30 Hz, far above the
 * band powers' 45 Hz low-pass.
 */
import { describe, expect, it } from 'vitest';
import { ArtifactDetector, type ArtifactEvent } from '../../../dsp/artifacts.ts';
import { BandPowerEngine } from '../../../dsp/band-power-engine.ts';
import { QUALITY_BAD, QUALITY_GOOD } from '../../../dsp/signal-quality.ts';
import { mulberry32 } from '../../../dsp/seeded-random.ts';

const FS = 256;
const N = FS * 30;
const CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];

/** 10 Hz alpha and a little noise on every electrode, with 40 µV of 100 Hz hum from 10 s to 20 s. */
function humSignal(): Float32Array[] {
  return CHANNELS.map((_, c) => {
    const random = mulberry32(c + 1);
    const x = new Float32Array(N);
    for (let i = 0; i < N; i++) {
      const t = i / FS;
      const hum = t >= 10 && t < 20 ? 40 * Math.sin(2 * Math.PI * 100 * t) : 0;
      x[i] = 10 * Math.sin(2 * Math.PI * 10 * t) + 5 * (random() - 0.5) + hum;
    }
    return x;
  });
}

function jawSeconds(mainsHarmonics: boolean): number {
  const detector = new ArtifactDetector({ sampleRate: FS, channels: CHANNELS, mainsHz: 50, mainsHarmonics });
  const events: ArtifactEvent[] = [];
  detector.push(humSignal(), N, (e) => events.push(e));
  return events.filter((e) => e.kind === 'jaw').reduce((s, e) => s + e.durationS, 0);
}

function qualityDuringHum(mainsHarmonics: boolean): number[] {
  const engine = new BandPowerEngine({ sampleRate: FS, channels: 4, mainsHz: 50, mainsHarmonics });
  let quality: number[] = [];
  engine.push(humSignal(), N, (u) => {
    if (Math.abs(u.t - 15) < 1e-9) quality = [...u.quality];
  });
  return quality;
}

describe('notching the mains harmonics', () => {
  it('keeps a 100 Hz hum from passing for a 10 s jaw clench', () => {
    expect(jawSeconds(false)).toBeGreaterThan(9);
    // What is left is the notch settling as the hum starts and stops abruptly.
    expect(jawSeconds(true)).toBeLessThan(1);
  });

  it('lets the contact figure see the hum as line noise', () => {
    expect(qualityDuringHum(false)).toEqual([QUALITY_GOOD, QUALITY_GOOD, QUALITY_GOOD, QUALITY_GOOD]);
    expect(qualityDuringHum(true)).toEqual([QUALITY_BAD, QUALITY_BAD, QUALITY_BAD, QUALITY_BAD]);
  });
});
