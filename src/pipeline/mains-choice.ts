/**
 * `mainsHz: 'auto'` for a stream: the DSP runs with both notches, 50 and 60 Hz, from the first sample until a
 * {@link MainsProbe} over the first {@link LIVE_MAINS_PROBE_SECONDS} decides, and the other is then dropped.
 * Until then the 50 Hz one is heard (the default before there was a choice). The chosen one has seen every
 * sample, so the switch costs no warm-up and no visible glitch: only the first seconds' frames and artifact
 * events may differ from those a fixed 60 Hz notch would have given.
 */
import type { MainsDetection } from '../../dsp/mains-detect.ts';
import { MainsProbe } from './mains-probe.ts';

export type MainsSetting = 50 | 60 | null | 'auto';

/**
 * The mains notch a source gets: 50 Hz unless told otherwise (`null` = none), and none when mains lies at or
 * above Nyquist (Sleep-EDF's 100 Hz EEG against 50 Hz mains): such a tone cannot be in the signal.
 */
export function mainsNotchFor(mainsHz: 50 | 60 | null | undefined, sampleRate: number): 50 | 60 | null {
  const mains = mainsHz === undefined ? 50 : mainsHz;
  return mains !== null && mains < sampleRate / 2 ? mains : null;
}

/** Seconds of signal a live session's probe judges from (19 half-overlapping one-second Welch segments). */
export const LIVE_MAINS_PROBE_SECONDS = 10;

export interface MainsStatus {
  readonly setting: MainsSetting;
  /** The notch in use, Hz; null for none (asked for, or mains at or above the Nyquist frequency). */
  readonly notchHz: 50 | 60 | null;
  /** False while 'auto' is still listening. */
  readonly decided: boolean;
  /** What the probe measured ('auto' only, once decided; null when the signal was too short to judge). */
  readonly detection: MainsDetection | null;
}

/** One or two instances of something notched at the mains (an engine, a detector), and the choice between them. */
export class MainsChoice<T> {
  private candidates: { readonly notchHz: 50 | 60 | null; readonly it: T }[];
  private probe: MainsProbe | null = null;
  private statusValue: MainsStatus;

  constructor(
    setting: MainsSetting,
    sampleRate: number,
    channels: number,
    make: (notchHz: 50 | 60 | null) => T,
    private readonly onStatus: (status: MainsStatus) => void = () => {},
  ) {
    const notches =
      setting === 'auto'
        ? [...new Set([mainsNotchFor(50, sampleRate), mainsNotchFor(60, sampleRate)])].filter(
            (n) => n !== null,
          )
        : [mainsNotchFor(setting, sampleRate)];
    // Neither mains lies below Nyquist: nothing to notch, nothing to decide.
    if (notches.length === 0) notches.push(null);
    this.candidates = notches.map((notchHz) => ({ notchHz, it: make(notchHz) }));
    const deciding = this.candidates.length > 1;
    if (deciding) this.probe = new MainsProbe(channels, sampleRate, LIVE_MAINS_PROBE_SECONDS);
    this.statusValue = {
      setting,
      notchHz: (this.candidates[0] as { notchHz: 50 | 60 | null }).notchHz,
      decided: !deciding,
      detection: null,
    };
    onStatus(this.statusValue);
  }

  get status(): MainsStatus {
    return this.statusValue;
  }

  /** The instance that is heard. */
  get current(): T {
    return (this.candidates[0] as { it: T }).it;
  }

  /** Calls `fn` with every instance still running; `heard` is true for the one whose output counts. */
  forEach(fn: (it: T, heard: boolean) => void): void {
    this.candidates.forEach((c, i) => fn(c.it, i === 0));
  }

  /** After the instances have taken `length` samples of every channel. */
  samples(data: readonly Float32Array[], length: number): void {
    if (this.probe?.samples(data, length)) this.decide();
  }

  private decide(): void {
    const detection = (this.probe as MainsProbe).result();
    this.probe = null;
    const wanted = detection?.mainsHz ?? 50;
    const kept =
      this.candidates.find((c) => c.notchHz === wanted) ??
      (this.candidates[0] as (typeof this.candidates)[0]);
    this.candidates = [kept];
    this.statusValue = { ...this.statusValue, notchHz: kept.notchHz, decided: true, detection };
    this.onStatus(this.statusValue);
  }
}
