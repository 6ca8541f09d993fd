/** Band-power frames of a synthesized timeline, as the live pipeline makes them. */
import { BandPowerEngine } from '../../../dsp/band-power-engine.ts';
import { EegSynthesizer, type SessionTimeline } from '../../../hardware-mocks/synth/synthesizer.ts';
import { frameFromUpdate } from '../../../src/pipeline/band-power-frames.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';

export function synthFrames(timeline: SessionTimeline, seconds: number, seed = 3): BandPowerFrame[] {
  const synth = new EegSynthesizer({ seed, timeline });
  const engine = new BandPowerEngine({ sampleRate: synth.sampleRate, channels: synth.channels.length });
  const frames: BandPowerFrame[] = [];
  const n = 12;
  const data = synth.channels.map(() => new Float32Array(n));
  const packets = Math.floor((seconds * synth.sampleRate) / n);
  for (let i = 0; i < packets; i++) {
    synth.next(data, n);
    engine.push(data, n, (u) => frames.push(frameFromUpdate(u, synth.channels)));
  }
  return frames;
}
