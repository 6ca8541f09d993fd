/**
 * The rxjs operator around the pure DSP engine: source events in, band-power frames out. Engine state is created
 * per subscription and released on teardown.
 */
import { Observable, type OperatorFunction } from 'rxjs';
import { BandPowerEngine, type BandPowerUpdate } from '../../dsp/band-power-engine.ts';
import { MIND_MONITOR_BANDS } from '../../dsp/bands.ts';
import type { SourceEvent, SourceInfo } from '../source/types.ts';
import { DEFAULT_BAND_NAMES, frameFromRecordedBandPowers, type BandPowerFrame } from './frames.ts';

export interface BandPowerOptions {
  readonly mainsHz?: 50 | 60 | null;
}

export const BAND_NAMES: readonly string[] = MIND_MONITOR_BANDS.map((b) => b.name);

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
            mainsHz: options.mainsHz === undefined ? 50 : options.mainsHz,
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
