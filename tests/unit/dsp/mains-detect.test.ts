import { describe, expect, it } from 'vitest';
import { detectMains } from '../../../dsp/mains-detect.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';

function synth(mainsHz: 50 | 60 | null, seconds = 20): Float32Array[] {
  const s = new EegSynthesizer({ seed: 3, timeline: 'calm-anxious-recovery', mainsHz });
  const out = s.channels.map(() => new Float32Array(seconds * s.sampleRate));
  s.next(out, seconds * s.sampleRate);
  return out;
}

describe('detectMains', () => {
  it.each([50, 60] as const)('finds %i Hz line noise in synthesized EEG', (hz) => {
    const d = detectMains(synth(hz), 256);
    expect(d.mainsHz).toBe(hz);
  });

  it('reports none on clean signal and is finite on silence', () => {
    expect(detectMains(synth(null), 256).mainsHz).toBeNull();
    const silent = detectMains([new Float32Array(512)], 256);
    expect(silent).toEqual({ mainsHz: null, ratio50: 0, ratio60: 0 });
  });

  it('ignores a candidate above Nyquist', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => Math.sin((2 * Math.PI * 50 * i) / 100));
    expect(detectMains([x], 100).mainsHz).toBeNull();
  });
});
