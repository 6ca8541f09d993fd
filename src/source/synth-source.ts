/** The built-in demo: the synthesizer played as a live 4-channel Muse, one 12-sample packet at a time. */
import {
  EegSynthesizer,
  type BuiltinSessionName,
  type SessionTimeline,
} from '../../hardware-mocks/synth/synthesizer.ts';
import { realTimeClock, type PlaybackClock } from './clock.ts';
import { pacedSource } from './paced-source.ts';
import type { EegSource } from './types.ts';

export interface SynthSourceOptions {
  readonly seed?: number;
  readonly session?: BuiltinSessionName | SessionTimeline;
  readonly clock?: PlaybackClock;
  /** Samples per emitted packet; a Muse sends 12. */
  readonly packetSamples?: number;
  /** Stop after this many seconds of signal (default: the timeline's length, forever for looping ones). */
  readonly durationS?: number;
}

/** At most this much signal is produced per wake-up, so a tab that slept catches up without a burst. */
const MAX_CATCH_UP_S = 1;

export function createSynthSource(options: SynthSourceOptions = {}): EegSource {
  const synth = new EegSynthesizer({ seed: options.seed ?? 1, timeline: options.session ?? 'demo' });
  const fs = synth.sampleRate;
  const packet = options.packetSamples ?? 12;
  const durationS = Math.min(options.durationS ?? Infinity, synth.durationS);
  return pacedSource(
    {
      kind: 'synth',
      label: 'Demo (synthesized EEG)',
      channels: synth.channels,
      sampleRate: fs,
      hasRawEeg: true,
      note: 'A built-in synthesized session plays while no headset or recording is connected.',
    },
    async (emit, signal) => {
      const clock = options.clock ?? realTimeClock();
      let index = 0;
      // Time a sleeping tab missed is treated as a pause, so the synthesized signal stays contiguous.
      let pausedS = 0;
      const total = Number.isFinite(durationS) ? Math.round(durationS * fs) : Infinity;
      while (!signal.aborted && index < total) {
        let due = Math.min(total, Math.floor((clock.now() - pausedS) * fs));
        const maxBacklog = Math.round(MAX_CATCH_UP_S * fs);
        if (due - index > maxBacklog) {
          pausedS += (due - index - maxBacklog) / fs;
          due = index + maxBacklog;
        }
        let backlog = due - index;
        while (backlog >= packet || (backlog > 0 && index + backlog >= total)) {
          const n = Math.min(packet, backlog);
          const data = synth.channels.map(() => new Float32Array(n));
          synth.next(data, n);
          emit({ kind: 'samples', t0: index / fs, index, sampleRate: fs, data, length: n });
          index += n;
          backlog -= n;
        }
        await clock.waitUntil((index + packet) / fs + pausedS, signal);
      }
    },
  );
}
