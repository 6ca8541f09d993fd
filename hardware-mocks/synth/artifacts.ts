/**
 * Artifact scheduling: random blinks, eye rolls, jaw clenches, head motion and contact loss at the current
 * state's rates (a Poisson process, thinned from the highest rate), plus the timeline's scripted events.
 * Each kind draws from its own stream, so the schedule depends only on seed and timeline, never on how the
 * caller slices its reads.
 */
import type { ChannelProfile } from './channels.ts';
import { hash32, Xoshiro128 } from './prng.ts';
import { emptyParams, maxRatePerMin, type StateParams } from './states.ts';
import {
  ARTIFACT_KINDS,
  DEFAULT_EVENT_DURATION_S,
  type ArtifactKind,
  type CompiledTimeline,
  type ContactLossMode,
  type ScriptedEvent,
} from './timeline.ts';

/** The most positive and negative values a Muse reports (12-bit ADC, 0.48828125 µV per step, centred), µV. */
export const RAIL_HIGH_UV = 999.51171875;
export const RAIL_LOW_UV = -1000;

/** An artifact the synthesizer has put (or will put) into the signal: ground truth for detectors. */
export interface SynthEvent {
  /** Start, s since the session start, on the sample grid (sample index = t · sampleRate). */
  readonly t: number;
  readonly kind: ArtifactKind;
  /** Length, s. */
  readonly durationS: number;
  /** Electrodes where it shows at half its strongest or more. */
  readonly channels: readonly string[];
  /**
   * Blink, eye roll, motion: peak deflection at the most affected electrode, µV (a blink peaks at 40% of its
   * length). Jaw: EMG RMS at the most affected electrode, µV. Contact loss: |rail level| for 'rail', else 0.
   */
  readonly amplitudeUv: number;
  /** Contact loss only. */
  readonly mode?: ContactLossMode;
  /** True for the timeline's own events, false for random ones. */
  readonly scripted: boolean;
}

/** An event as the renderer needs it. */
export interface ActiveArtifact {
  readonly event: SynthEvent;
  /** First sample index. */
  readonly start: number;
  /** One past the last sample index. */
  readonly end: number;
  /** Per channel: signed peak µV (blink, eye roll, motion), EMG RMS µV (jaw), 1 on the lost channel. */
  readonly gains: Float64Array;
  /** Contact loss: rail level for 'rail', µV. */
  readonly railUv: number;
  /** Contact loss: the value the channel holds ('flat') or drifts from ('drift'), set when it starts. */
  level: number;
}

const RATE_KEY: Readonly<Record<ArtifactKind, keyof StateParams>> = {
  blink: 'blinkPerMin',
  'eye-roll': 'eyeRollPerMin',
  jaw: 'jawPerMin',
  motion: 'motionPerMin',
  'contact-loss': 'contactLossPerMin',
};

/** Shortest quiet time after an event before the next of the same kind, s. */
const REFRACTORY_S = 0.4;

const DEFAULT_AMPLITUDE_UV: Readonly<Record<Exclude<ArtifactKind, 'contact-loss'>, number>> = {
  blink: 200,
  'eye-roll': 60,
  jaw: 40,
  motion: 120,
};

interface KindStream {
  readonly kind: ArtifactKind;
  readonly rng: Xoshiro128;
  /** Highest rate over all states, events/s. */
  readonly maxRate: number;
  nextCandidateS: number;
  quietUntilS: number;
}

export class ArtifactScheduler {
  private readonly streams: KindStream[];
  private scriptedCycle = 0;
  private scriptedIndex = 0;
  private readonly rate: StateParams;

  constructor(
    private readonly seed: number,
    private readonly timeline: CompiledTimeline,
    private readonly channels: readonly string[],
    private readonly profiles: readonly ChannelProfile[],
    private readonly sampleRate: number,
    /** Writes the blended state parameters at time t (s) into out. */
    private readonly paramsAt: (t: number, out: StateParams) => void,
  ) {
    this.rate = emptyParams();
    this.streams = ARTIFACT_KINDS.map((kind, k) => {
      const rng = new Xoshiro128(seed, 100 + k);
      const maxRate = maxRatePerMin(RATE_KEY[kind]) / 60;
      const nextCandidateS = maxRate > 0 ? rng.nextExponential(maxRate) : Infinity;
      return { kind, rng, maxRate, nextCandidateS, quietUntilS: 0 };
    });
  }

  /** Schedules every event starting before sample `endSample`, appending them to `out` in time order. */
  advance(endSample: number, out: ActiveArtifact[]): void {
    const endS = endSample / this.sampleRate;
    const fresh: ActiveArtifact[] = [];
    this.addScripted(endSample, fresh);
    if (this.timeline.randomArtifacts) {
      for (const s of this.streams) this.addRandom(s, endS, endSample, fresh);
    }
    fresh.sort((a, b) => a.start - b.start);
    for (const a of fresh) out.push(a);
  }

  private addRandom(s: KindStream, endS: number, endSample: number, out: ActiveArtifact[]): void {
    const limitS = this.timeline.durationS;
    while (s.nextCandidateS < endS && s.nextCandidateS < limitS) {
      const t = s.nextCandidateS;
      s.nextCandidateS += s.rng.nextExponential(s.maxRate);
      this.paramsAt(t, this.rate);
      const accept = s.rng.nextFloat() * s.maxRate < this.rate[RATE_KEY[s.kind]] / 60;
      if (!accept || t < s.quietUntilS) continue;
      // t < endS, so only a rounding accident could put the start at endSample.
      const start = Math.min(Math.floor(t * this.sampleRate), endSample - 1);
      const a = this.randomArtifact(s.kind, s.rng, start);
      s.quietUntilS = a.event.t + a.event.durationS + REFRACTORY_S;
      out.push(a);
    }
  }

  private randomArtifact(kind: ArtifactKind, rng: Xoshiro128, start: number): ActiveArtifact {
    const n = this.channels.length;
    const gains = new Float64Array(n);
    let durationS: number;
    let mode: ContactLossMode | undefined;
    let railUv = 0;
    switch (kind) {
      case 'blink': {
        durationS = rng.uniform(0.2, 0.4);
        const amp = rng.uniform(100, 300);
        // Left and right frontal electrodes never pick up a blink quite equally.
        for (let c = 0; c < n; c++)
          gains[c] = (this.profiles[c] as ChannelProfile).blink * amp * rng.uniform(0.9, 1.1);
        break;
      }
      case 'eye-roll': {
        durationS = rng.uniform(2, 4);
        const amp = rng.uniform(40, 90) * (rng.nextFloat() < 0.5 ? -1 : 1);
        for (let c = 0; c < n; c++) gains[c] = (this.profiles[c] as ChannelProfile).eyeRoll * amp;
        break;
      }
      case 'jaw': {
        durationS = rng.uniform(0.3, 1.5);
        const amp = rng.uniform(20, 60);
        // Most clenches are bilateral; some pull harder on one side.
        const r = rng.nextFloat();
        const side = r < 0.7 ? 0 : r < 0.85 ? -1 : 1;
        for (let c = 0; c < n; c++) {
          const p = this.profiles[c] as ChannelProfile;
          gains[c] = p.emg * amp * (side === 0 || p.side === side ? 1 : 0.2);
        }
        break;
      }
      case 'motion': {
        durationS = rng.uniform(0.5, 2);
        const amp = rng.uniform(50, 200);
        for (let c = 0; c < n; c++) gains[c] = amp * rng.uniform(0.5, 1) * (rng.nextFloat() < 0.5 ? -1 : 1);
        break;
      }
      case 'contact-loss': {
        durationS = rng.uniform(1, 6);
        const c = Math.min(n - 1, Math.floor(rng.nextFloat() * n));
        gains[c] = 1;
        const r = rng.nextFloat();
        mode = r < 0.5 ? 'rail' : r < 0.8 ? 'drift' : 'flat';
        railUv = rng.nextFloat() < 0.5 ? RAIL_HIGH_UV : RAIL_LOW_UV;
        break;
      }
    }
    return this.build(kind, start, durationS, gains, mode, railUv, false);
  }

  private addScripted(endSample: number, out: ActiveArtifact[]): void {
    const events = this.timeline.events;
    if (events.length === 0) return;
    for (;;) {
      const ev = events[this.scriptedIndex];
      if (ev === undefined) {
        if (!this.timeline.loop) return;
        this.scriptedIndex = 0;
        this.scriptedCycle++;
        continue;
      }
      const t = ev.t + this.scriptedCycle * this.timeline.periodS;
      const start = Math.round(t * this.sampleRate);
      if (start >= endSample) return;
      out.push(this.scriptedArtifact(ev, start));
      this.scriptedIndex++;
    }
  }

  private scriptedArtifact(ev: ScriptedEvent, start: number): ActiveArtifact {
    const n = this.channels.length;
    const gains = new Float64Array(n);
    const durationS = ev.durationS ?? DEFAULT_EVENT_DURATION_S[ev.kind];
    const fixed = this.channels.indexOf(ev.channel ?? '');
    // Choices the script leaves open come from a hash, not a stream, so adding an event shifts nothing else.
    const h = hash32(this.seed, start, ARTIFACT_KINDS.indexOf(ev.kind));
    let mode: ContactLossMode | undefined;
    let railUv = 0;
    if (ev.kind === 'contact-loss') {
      gains[fixed >= 0 ? fixed : h % n] = 1;
      mode = ev.mode ?? 'rail';
      railUv = (h >>> 16) & 1 ? RAIL_LOW_UV : RAIL_HIGH_UV;
    } else {
      const amp = ev.amplitudeUv ?? DEFAULT_AMPLITUDE_UV[ev.kind];
      for (let c = 0; c < n; c++) {
        const p = this.profiles[c] as ChannelProfile;
        if (ev.kind === 'blink') gains[c] = p.blink * amp;
        else if (ev.kind === 'eye-roll') gains[c] = p.eyeRoll * amp;
        else if (ev.kind === 'motion') gains[c] = amp * (c % 2 === 0 ? 1 : -0.7);
        else gains[c] = fixed >= 0 ? (c === fixed ? amp : 0) : p.emg * amp;
      }
    }
    return this.build(ev.kind, start, durationS, gains, mode, railUv, true);
  }

  private build(
    kind: ArtifactKind,
    start: number,
    durationS: number,
    gains: Float64Array,
    mode: ContactLossMode | undefined,
    railUv: number,
    scripted: boolean,
  ): ActiveArtifact {
    const fs = this.sampleRate;
    const length = Math.max(1, Math.round(durationS * fs));
    let peak = 0;
    for (const g of gains) peak = Math.max(peak, Math.abs(g));
    const channels = this.channels.filter((_, c) => Math.abs(gains[c] as number) >= 0.5 * peak && peak > 0);
    const amplitudeUv = kind === 'contact-loss' ? (mode === 'rail' ? Math.abs(railUv) : 0) : peak;
    const event: SynthEvent = Object.freeze({
      t: start / fs,
      kind,
      durationS: length / fs,
      channels: Object.freeze(channels),
      amplitudeUv,
      ...(mode === undefined ? {} : { mode }),
      scripted,
    });
    return { event, start, end: start + length, gains, railUv, level: 0 };
  }
}
