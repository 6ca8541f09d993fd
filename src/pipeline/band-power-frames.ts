/**
 * The rxjs operator around the pure DSP engine: source events in, band-power frames out. Engine state is created
 * per subscription and released on teardown.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import { ArtifactDetector, type ArtifactEvent } from '../../dsp/artifacts.ts';
import { BandPowerEngine, type BandPowerUpdate } from '../../dsp/band-power-engine.ts';
import { MIND_MONITOR_BANDS } from '../../dsp/bands.ts';
import type { SourceEvent, SourceInfo } from '../source/types.ts';
import { DEFAULT_BAND_NAMES, frameFromRecordedBandPowers, type BandPowerFrame } from './frames.ts';

export interface BandPowerOptions {
  readonly mainsHz?: 50 | 60 | null;
}

export const BAND_NAMES: readonly string[] = MIND_MONITOR_BANDS.map((b) => b.name);

/**
 * The mains notch a source gets: 50 Hz unless told otherwise (`null` = none), and none when mains lies at or
 * above Nyquist (Sleep-EDF's 100 Hz EEG against 50 Hz mains): such a tone cannot be in the signal.
 */
export function mainsNotchFor(mainsHz: 50 | 60 | null | undefined, sampleRate: number): 50 | 60 | null {
  const mains = mainsHz === undefined ? 50 : mainsHz;
  return mains !== null && mains < sampleRate / 2 ? mains : null;
}

/** Copies an engine update, which the engine reuses, into a frame the receiver owns. */
export function frameFromUpdate(u: BandPowerUpdate, channels: readonly string[]): BandPowerFrame {
  return {
    t: u.t,
    origin: 'dsp',
    bands: BAND_NAMES,
    channels,
    absolute: Float64Array.from(u.absolute),
    relative: Float64Array.from(u.relative),
    meanAbsolute: Float64Array.from(u.meanAbsolute),
    meanRelative: Float64Array.from(u.meanRelative),
    valid: Uint8Array.from(u.valid),
    quality: Uint8Array.from(u.quality),
  };
}

export function toBandPowerFrames(
  info: SourceInfo,
  options: BandPowerOptions = {},
): OperatorFunction<SourceEvent, BandPowerFrame> {
  return (events$) =>
    new Observable<BandPowerFrame>((subscriber) => {
      const engine = info.hasRawEeg
        ? new BandPowerEngine({
            sampleRate: info.sampleRate,
            channels: info.channels.length,
            mainsHz: mainsNotchFor(options.mainsHz, info.sampleRate),
          })
        : null;
      const recordedBands = info.recordedBands ?? DEFAULT_BAND_NAMES;
      const emit = (u: BandPowerUpdate) => subscriber.next(frameFromUpdate(u, info.channels));
      const subscription = events$.subscribe({
        next(event) {
          switch (event.kind) {
            case 'samples':
              engine?.push(event.data, event.length, emit);
              break;
            case 'gap':
              engine?.gap(event.missingSamples);
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
      return () => subscription.unsubscribe();
    });
}

/**
 * Blink / jaw-clench events (dsp/artifacts.ts) from a raw-EEG source, each emitted once it has ended; nothing
 * for band-power-only sources. Detector state is created per subscription; a gap closes open events and resets
 * its filters.
 */
export function toArtifactEvents(
  info: SourceInfo,
  options: BandPowerOptions = {},
): OperatorFunction<SourceEvent, ArtifactEvent> {
  return (events$) =>
    new Observable<ArtifactEvent>((subscriber) => {
      const detector = info.hasRawEeg
        ? new ArtifactDetector({
            sampleRate: info.sampleRate,
            channels: info.channels,
            mainsHz: mainsNotchFor(options.mainsHz, info.sampleRate),
          })
        : null;
      const emit = (e: ArtifactEvent) => subscriber.next(e);
      const subscription = events$.subscribe({
        next(event) {
          if (event.kind === 'samples') detector?.push(event.data, event.length, emit);
          else if (event.kind === 'gap') detector?.gap(event.missingSamples, emit);
        },
        error: (err: unknown) => subscriber.error(err),
        complete: () => subscriber.complete(),
      });
      return () => subscription.unsubscribe();
    });
}
