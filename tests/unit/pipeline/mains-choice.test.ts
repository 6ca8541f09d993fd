/** `mainsHz: 'auto'` on a stream: both notches run until the first seconds show which hum the signal carries. */
import { from, lastValueFrom, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import type { ArtifactEvent } from '../../../dsp/artifacts.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';
import {
  toArtifactEvents,
  toBandPowerFrames,
  type StreamOptions,
} from '../../../src/pipeline/band-power-frames.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';
import { LIVE_MAINS_PROBE_SECONDS, type MainsStatus } from '../../../src/pipeline/mains-choice.ts';
import type { SourceEvent, SourceInfo } from '../../../src/source/types.ts';

const FS = 256;
const CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];
const info: SourceInfo = {
  kind: 'synth',
  label: 'test',
  channels: CHANNELS,
  sampleRate: FS,
  hasRawEeg: true,
};

/** 30 s of the synthesizer's demo session with `mainsHz` hum, in 12-sample chunks (as a Muse sends them). */
function events(mainsHz: 50 | 60 | null): SourceEvent[] {
  const synth = new EegSynthesizer({ seed: 5, timeline: 'demo', mainsHz });
  const out: SourceEvent[] = [];
  for (let index = 0; index < 30 * FS; index += 12) {
    const data = CHANNELS.map(() => new Float32Array(12));
    synth.next(data, 12);
    out.push({ kind: 'samples', t0: index / FS, index, sampleRate: FS, data, length: 12 });
  }
  return out;
}

async function frames(
  source: SourceEvent[],
  options: StreamOptions,
  statuses: MainsStatus[] = [],
  sourceInfo = info,
): Promise<BandPowerFrame[]> {
  return lastValueFrom(
    from(source).pipe(
      toBandPowerFrames(sourceInfo, options, undefined, (s) => statuses.push(s)),
      toArray(),
    ),
  );
}

const after = (fs: BandPowerFrame[], t: number) => fs.filter((f) => f.t > t);
const before = (fs: BandPowerFrame[], t: number) => fs.filter((f) => f.t <= t);

describe("mainsHz: 'auto' on a stream", () => {
  it('hears the 50 Hz notch while listening, then the 60 Hz one, which has run from the first sample', async () => {
    const sixty = events(60);
    const statuses: MainsStatus[] = [];
    const auto = await frames(sixty, { mainsHz: 'auto' }, statuses);
    expect(statuses.map((s) => [s.decided, s.notchHz])).toEqual([
      [false, 50],
      [true, 60],
    ]);
    expect(statuses[1]?.detection?.mainsHz).toBe(60);
    expect(statuses[1]?.detection?.ratio60).toBeGreaterThan(10);
    const fixed60 = await frames(sixty, { mainsHz: 60 });
    const fixed50 = await frames(sixty, { mainsHz: 50 });
    expect(auto.length).toBe(fixed60.length);
    // The probe decides during the push that completes its 10 s; updates from the next push on are the 60 Hz
    // engine's, bit for bit (the first few after 10 s may come from that last push).
    expect(after(auto, LIVE_MAINS_PROBE_SECONDS + 0.1)).toEqual(
      after(fixed60, LIVE_MAINS_PROBE_SECONDS + 0.1),
    );
    expect(before(auto, LIVE_MAINS_PROBE_SECONDS)).toEqual(before(fixed50, LIVE_MAINS_PROBE_SECONDS));
    // And the choice matters: 60 Hz hum passing a 50 Hz notch reads differently.
    expect(after(fixed50, 20)).not.toEqual(after(fixed60, 20));
  });

  it('decides over a lossy link too, where no stretch between lost packets lasts a second', async () => {
    const lossy: SourceEvent[] = events(60).map((e, i) =>
      i % 5 === 4 && e.kind === 'samples'
        ? { kind: 'gap', t: e.t0, index: e.index, missingSamples: e.length, reason: 'lost packet' }
        : e,
    );
    const statuses: MainsStatus[] = [];
    await frames(lossy, { mainsHz: 'auto' }, statuses);
    expect(statuses.at(-1)).toMatchObject({ decided: true, notchHz: 60 });
  });

  it('keeps 50 Hz for a 50 Hz hum, and for no hum at all', async () => {
    for (const hum of [50, null] as const) {
      const source = events(hum);
      const statuses: MainsStatus[] = [];
      expect(await frames(source, { mainsHz: 'auto' }, statuses)).toEqual(
        await frames(source, { mainsHz: 50 }),
      );
      expect(statuses.at(-1)).toMatchObject({ decided: true, notchHz: 50 });
      expect(statuses.at(-1)?.detection?.mainsHz).toBe(hum);
    }
  });

  it('decides at once when there is nothing to choose: a fixed setting, or no mains below Nyquist', async () => {
    const fixed: MainsStatus[] = [];
    await frames(events(60).slice(0, 50), { mainsHz: 60 }, fixed);
    expect(fixed).toEqual([{ setting: 60, notchHz: 60, decided: true, detection: null }]);
    const slow: MainsStatus[] = [];
    const slowInfo = { ...info, sampleRate: 100 };
    const quiet: SourceEvent[] = [
      {
        kind: 'samples',
        t0: 0,
        index: 0,
        sampleRate: 100,
        data: CHANNELS.map(() => new Float32Array(200)),
        length: 200,
      },
    ];
    await frames(quiet, { mainsHz: 'auto' }, slow, slowInfo);
    expect(slow).toEqual([{ setting: 'auto', notchHz: null, decided: true, detection: null }]);
  });

  it('gives the artifact events of the notch it chose', async () => {
    const sixty = events(60);
    const run = (options: StreamOptions) =>
      lastValueFrom(from(sixty).pipe(toArtifactEvents(info, options), toArray())) as Promise<ArtifactEvent[]>;
    const late = (es: ArtifactEvent[]) => es.filter((e) => e.t > LIVE_MAINS_PROBE_SECONDS + 1);
    const auto = await run({ mainsHz: 'auto' });
    expect(late(auto).length).toBeGreaterThan(0);
    expect(late(auto)).toEqual(late(await run({ mainsHz: 60 })));
  });
});
