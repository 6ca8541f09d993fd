/**
 * What the fake headset "measures": 12-sample blocks per channel, taken from the synthesizer or from any
 * recording the project's readers open. Samples a recording lacks (gaps, NaN) stay NaN; the headset cannot send
 * them, so those packets are simply not sent, as when a real Muse loses them.
 */
import { readRecording, type ByteSource, type RecordingScan } from '../../src/readers/index.ts';
import type { SourceEvent } from '../../src/source/types.ts';
import { EegSynthesizer, type SynthOptions } from '../synth/synthesizer.ts';
import { EEG_SAMPLES_PER_PACKET } from './protocol.ts';

export interface EegBlockFeed {
  readonly channels: readonly string[];
  /** The next 12 samples of every channel in µV (NaN = not measured), or null at the end. */
  next(): Promise<Float32Array[] | null>;
}

export type SynthFeedOptions = Omit<SynthOptions, 'timeline'> &
  Partial<Pick<SynthOptions, 'timeline'>> & { readonly durationS?: number };

/** The seeded synthesizer ('demo' timeline unless told otherwise), optionally cut to `durationS`. */
export function synthFeed(options: SynthFeedOptions): EegBlockFeed {
  const synth = new EegSynthesizer({ timeline: 'demo', ...options });
  const total = Math.min(
    synth.totalSamples,
    options.durationS === undefined ? Infinity : Math.round(options.durationS * synth.sampleRate),
  );
  let produced = 0;
  return {
    channels: synth.channels,
    async next() {
      if (produced + EEG_SAMPLES_PER_PACKET > total) return null;
      const data = synth.channels.map(() => new Float32Array(EEG_SAMPLES_PER_PACKET));
      synth.next(data, EEG_SAMPLES_PER_PACKET);
      produced += EEG_SAMPLES_PER_PACKET;
      return data;
    },
  };
}

/** Cuts a source event stream into 12-sample blocks; gaps become NaN, a last partial block is dropped. */
export function eventFeed(channels: readonly string[], events: AsyncIterable<SourceEvent>): EegBlockFeed {
  const iterator = events[Symbol.asyncIterator]();
  const block = () => channels.map(() => new Float32Array(EEG_SAMPLES_PER_PACKET).fill(NaN));
  const ready: Float32Array[][] = [];
  let current = block();
  let fill = 0;
  const push = (get: (c: number) => number) => {
    for (let c = 0; c < channels.length; c++) (current[c] as Float32Array)[fill] = get(c);
    if (++fill === EEG_SAMPLES_PER_PACKET) {
      ready.push(current);
      current = block();
      fill = 0;
    }
  };
  return {
    channels,
    async next() {
      while (ready.length === 0) {
        const step = await iterator.next();
        if (step.done) return null;
        const e = step.value;
        if (e.kind === 'samples') {
          for (let i = 0; i < e.length; i++) push((c) => e.data[c]?.[i] ?? NaN);
        } else if (e.kind === 'gap') {
          for (let i = 0; i < e.missingSamples; i++) push(() => NaN);
        }
      }
      return ready.shift() ?? null;
    },
  };
}

/**
 * A recording's events as an async iterable, read with back-pressure: the reader waits while more than a few
 * blocks of events are queued, so memory stays flat however long the file.
 */
export function recordingEvents(scan: RecordingScan, open: ByteSource): AsyncIterable<SourceEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      const queue: SourceEvent[] = [];
      let wake: (() => void) | null = null;
      let resume: (() => void) | null = null;
      let finished = false;
      let failure: unknown = null;
      let abandoned = false;
      const reading = readRecording(scan, open, (e) => {
        if (abandoned) throw new Error('recording feed closed');
        queue.push(e);
        wake?.();
        if (queue.length > 256) return new Promise<void>((r) => (resume = r));
      }).then(
        () => {
          finished = true;
          wake?.();
        },
        (err: unknown) => {
          failure = err;
          finished = true;
          wake?.();
        },
      );
      try {
        for (;;) {
          const e = queue.shift();
          if (e) {
            if (queue.length < 64 && resume) {
              const r: () => void = resume;
              resume = null;
              r();
            }
            yield e;
            continue;
          }
          if (finished) {
            if (failure && !abandoned) throw failure;
            return;
          }
          await new Promise<void>((r) => (wake = r));
          wake = null;
        }
      } finally {
        if (!finished) {
          abandoned = true;
          const r = resume as (() => void) | null;
          r?.();
          await reading;
        }
      }
    },
  };
}
