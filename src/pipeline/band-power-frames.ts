/**
 * The rxjs operator around the pure DSP engine: source events in, band-power frames out. Engine state is created
 * per subscription and released on teardown.
 */
import { Observable, type OperatorFunction, type Subscription } from 'rxjs';
import type { ArtifactSpanFlags } from '../../dsp/artifact-spans.ts';
import { ArtifactDetector, type ArtifactEvent } from '../../dsp/artifacts.ts';
import {
  BandPowerEngine,
  type BandPowerEngineOptions,
  type BandPowerUpdate,
} from '../../dsp/band-power-engine.ts';
import { MIND_MONITOR_BANDS } from '../../dsp/bands.ts';
import { FlaggedBandPowers, artifactDetectorFor } from '../../dsp/flagged-band-powers.ts';
import { MotionSpans } from '../../dsp/motion-spans.ts';
import type { ImuChunk, SourceEvent, SourceInfo } from '../source/types.ts';
import { MainsChoice, mainsNotchFor, type MainsSetting, type MainsStatus } from './mains-choice.ts';
import { DEFAULT_BAND_NAMES, frameFromRecordedBandPowers, type BandPowerFrame } from './frames.ts';

/** What of the engine's shape a caller may choose; Muse's defaults where absent (dsp/band-power-engine.ts). */
export type EngineShape = Pick<BandPowerEngineOptions, 'bands' | 'windowSamples' | 'window' | 'updateHz'>;

export interface BandPowerOptions {
  readonly mainsHz?: 50 | 60 | null;
  /** Notch the mains harmonics below Nyquist too (dsp/filter-design.ts designMainsNotch); default false. */
  readonly mainsHarmonics?: boolean;
  readonly shape?: EngineShape;
}

export { mainsNotchFor };

export const BAND_NAMES: readonly string[] = MIND_MONITOR_BANDS.map((b) => b.name);

/**
 * Copies an engine update, which the engine reuses, into a frame the receiver owns; `artifact`: the window
 * overlaps a detected artifact; `bands`: the engine's band names, in its order.
 */
export function frameFromUpdate(
  u: BandPowerUpdate,
  channels: readonly string[],
  artifact = false,
  bands: readonly string[] = BAND_NAMES,
): BandPowerFrame {
  return {
    t: u.t,
    origin: 'dsp',
    bands,
    channels,
    // slice(), not TypedArray.from, which goes through the iterator protocol: in `neurosleep analyze` the copies
    // of an hour of 256 Hz signal measured 0.3 s of CPU with `from`, 0.2 s with slice().
    absolute: u.absolute.slice(),
    relative: u.relative.slice(),
    meanAbsolute: u.meanAbsolute.slice(),
    meanRelative: u.meanRelative.slice(),
    valid: u.valid.slice(),
    quality: u.quality.slice(),
    artifact,
  };
}

/**
 * `frame`, made by {@link frameFromUpdate} from the same engine, rewritten in place with update `u`: for a receiver
 * that is done with each frame before the next (offline analysis writing rows), one frame instead of one per update.
 */
export function rewriteFrameFromUpdate(
  frame: BandPowerFrame,
  u: BandPowerUpdate,
  artifact: boolean,
): BandPowerFrame {
  const f = frame as { -readonly [K in keyof BandPowerFrame]: BandPowerFrame[K] };
  f.t = u.t;
  f.artifact = artifact;
  f.absolute.set(u.absolute);
  f.relative.set(u.relative);
  f.meanAbsolute.set(u.meanAbsolute);
  f.meanRelative.set(u.meanRelative);
  f.valid.set(u.valid);
  f.quality.set(u.quality);
  return f;
}

/**
 * The engine (with its artifact flags) that a raw-EEG source gets, live and offline alike: Muse's defaults
 * (256-sample Hamming window, 10 updates/s, Mind Monitor's bands) unless `options.shape` says otherwise, the
 * mains notch of {@link mainsNotchFor}. `withMotion`: the source has an accelerometer, whose movements flag
 * windows too (fed by `pushAccelerometer`).
 */
export function flaggedEngineFor(
  sampleRate: number,
  channels: readonly string[],
  options: BandPowerOptions = {},
  withMotion = false,
  /** Blink and clench spans found by {@link detectorFor}'s detector on another thread, instead of one here. */
  spans: ArtifactSpanFlags | null = null,
): FlaggedBandPowers {
  return new FlaggedBandPowers(
    engineFor(sampleRate, channels, options),
    spans ? null : detectorFor(sampleRate, channels, options),
    withMotion ? new MotionSpans() : null,
    spans,
  );
}

/** The band-power engine of {@link flaggedEngineFor}, without its flags. */
export function engineFor(
  sampleRate: number,
  channels: readonly string[],
  options: BandPowerOptions = {},
): BandPowerEngine {
  return new BandPowerEngine({
    ...options.shape,
    sampleRate,
    channels: channels.length,
    mainsHz: mainsNotchFor(options.mainsHz, sampleRate),
    mainsHarmonics: options.mainsHarmonics ?? false,
  });
}

/** The artifact detector of {@link flaggedEngineFor}, or null where it detects nothing (artifactDetectorFor). */
export function detectorFor(
  sampleRate: number,
  channels: readonly string[],
  options: BandPowerOptions = {},
): ArtifactDetector | null {
  const mainsHz = mainsNotchFor(options.mainsHz, sampleRate);
  return artifactDetectorFor(sampleRate, channels, mainsHz, options.mainsHarmonics ?? false);
}

/** The names of an engine's bands, in its order. */
export function bandNamesOf(engine: BandPowerEngine): readonly string[] {
  return engine.bands.map((b) => b.name);
}

/** A stream's options: those of the engine, with `mainsHz: 'auto'` too (mains-choice.ts). */
export interface StreamOptions extends Omit<BandPowerOptions, 'mainsHz'> {
  readonly mainsHz?: MainsSetting;
}

/** What a candidate engine or detector that is not heard (mains-choice.ts) reports to. */
const ignore = (): void => {};

/**
 * Source events → band-power frames. With `imu$` (a source's {@link EegSource.imu$}), frames whose window
 * overlaps a head movement in its accelerometer are flagged as artifacts like blinks and clenches; the IMU is
 * subscribed first, as that hot stream asks. Without it, frames are flagged from the EEG alone. `onMains` hears
 * which notch is in use, and for `mainsHz: 'auto'` what decided it.
 */
export function toBandPowerFrames(
  info: SourceInfo,
  options: StreamOptions = {},
  imu$?: Observable<ImuChunk>,
  onMains?: (status: MainsStatus) => void,
): OperatorFunction<SourceEvent, BandPowerFrame> {
  return (events$) =>
    new Observable<BandPowerFrame>((subscriber) => {
      const withMotion = imu$ !== undefined;
      const engines = info.hasRawEeg
        ? new MainsChoice(
            options.mainsHz ?? 50,
            info.sampleRate,
            info.channels.length,
            (mainsHz) =>
              flaggedEngineFor(info.sampleRate, info.channels, { ...options, mainsHz }, withMotion),
            onMains,
          )
        : null;
      const recordedBands = info.recordedBands ?? DEFAULT_BAND_NAMES;
      const bands = engines ? bandNamesOf(engines.current.engine) : BAND_NAMES;
      const emit = (u: BandPowerUpdate, artifact: boolean) =>
        subscriber.next(frameFromUpdate(u, info.channels, artifact, bands));
      let imuSubscription: Subscription | null = null;
      if (engines !== null && imu$ !== undefined) {
        imuSubscription = imu$.subscribe({
          next(chunk) {
            if (chunk.kind !== 'accelerometer') return;
            engines.forEach((engine) =>
              engine.pushAccelerometer(chunk.x, chunk.y, chunk.z, chunk.length, chunk.sampleRate, chunk.t0),
            );
          },
          error: (err: unknown) => subscriber.error(err),
        });
      }
      const subscription = events$.subscribe({
        next(event) {
          switch (event.kind) {
            case 'samples':
              engines?.forEach((engine, heard) =>
                engine.push(event.data, event.length, heard ? emit : ignore),
              );
              engines?.samples(event.data, event.length);
              break;
            case 'gap':
              engines?.forEach((engine) => engine.gap(event.missingSamples));
              break;
            case 'recorded-bandpowers':
              subscriber.next(
                frameFromRecordedBandPowers(event.t, recordedBands, info.channels, event.absolute),
              );
              break;
            case 'marker':
              break;
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => {
        subscription.unsubscribe();
        imuSubscription?.unsubscribe();
      };
    });
}

/**
 * Blink / jaw-clench events (dsp/artifacts.ts) from a raw-EEG source, each emitted once it has ended; nothing
 * for band-power-only sources. Detector state is created per subscription; a gap closes open events and resets
 * its filters.
 */
export function toArtifactEvents(
  info: SourceInfo,
  options: StreamOptions = {},
): OperatorFunction<SourceEvent, ArtifactEvent> {
  return (events$) =>
    new Observable<ArtifactEvent>((subscriber) => {
      const detectors = info.hasRawEeg
        ? new MainsChoice(
            options.mainsHz ?? 50,
            info.sampleRate,
            info.channels.length,
            (mainsHz) =>
              new ArtifactDetector({
                sampleRate: info.sampleRate,
                channels: info.channels,
                mainsHz,
                mainsHarmonics: options.mainsHarmonics ?? false,
              }),
          )
        : null;
      const emit = (e: ArtifactEvent) => subscriber.next(e);
      const subscription = events$.subscribe({
        next(event) {
          if (event.kind === 'samples') {
            detectors?.forEach((d, heard) => d.push(event.data, event.length, heard ? emit : ignore));
            detectors?.samples(event.data, event.length);
          } else if (event.kind === 'gap') {
            detectors?.forEach((d, heard) => d.gap(event.missingSamples, heard ? emit : ignore));
          }
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => subscription.unsubscribe();
    });
}
