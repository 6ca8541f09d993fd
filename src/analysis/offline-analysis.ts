/**
 * A whole recording through the same DSP engine and dream model as the live app, without pacing: the core of
 * `neurosleep analyze` and `neurosleep report`.
 */
import type { ArtifactSpanFlags } from '../../dsp/artifact-spans.ts';
import type { BandPowerUpdate } from '../../dsp/band-power-engine.ts';
import { DreamModel, type DreamUpdate } from '../dream/dream-model.ts';
import {
  bandNamesOf,
  type BandPowerOptions,
  flaggedEngineFor,
  frameFromUpdate,
  rewriteFrameFromUpdate,
  type EngineShape,
} from '../pipeline/band-power-frames.ts';
import { DEFAULT_BAND_NAMES, frameFromRecordedBandPowers, type BandPowerFrame } from '../pipeline/frames.ts';
import { readRecording, type ParseSummary, type RecordingScan } from '../readers/index.ts';
import type { SourceEvent } from '../source/types.ts';

export interface OfflineAnalysisOptions {
  readonly mainsHz?: 50 | 60 | null;
  /** Notch the mains harmonics too (dsp/filter-design.ts designMainsNotch). */
  readonly mainsHarmonics?: boolean;
  /** Bands, window and update rate of the engine for raw EEG; Muse's defaults where absent. */
  readonly shape?: EngineShape;
  /** Every source event (samples, gaps, markers) as read, before analysis. */
  readonly onEvent?: (event: SourceEvent) => void;
  /** Called after each event; a returned promise is awaited (back-pressure for writers). */
  readonly afterEvent?: () => void | Promise<void>;
  /**
   * The raw-EEG frames and the dream updates passed to `onUpdate` are one object each, rewritten for every update:
   * for a caller that is done with both when `onUpdate` returns (`analyze` writes a row), it saves their copies
   * per update. Default false.
   */
  readonly reuseFrames?: boolean;
  /** Whether the dream model says why at each update; default true. False: `why` is NO_WHY (dream-model.ts). */
  readonly explain?: boolean;
  /** Pass 2 of the recording; readRecording on `open` by default. The CLI parses text in a worker thread
   * (cli/worker-read.ts). */
  readonly read?: RecordingRead;
  /**
   * Blink / jaw-clench flags from a detector that `read` runs where it parses (the CLI's parsing worker adds each
   * batch's spans before handing on its events: cli/worker-artifacts.ts); the engine here then runs none.
   */
  readonly artifactSpans?: ArtifactSpanFlags;
  /**
   * Pass 2 of a raw-EEG recording with the engine run elsewhere (the CLI's engine worker, cli/engine-worker.ts):
   * updates and lost spans instead of source events, so `onEvent` hears nothing. Frames are rewritten for each
   * update as with `reuseFrames`; `afterEvent` is called after each update.
   */
  readonly engineRead?: EngineRead;
}

/** What an {@link EngineRead} hands over, in file order: each update's frame, and each span of lost samples. */
export interface EngineSink {
  update(frame: BandPowerFrame): void | Promise<void>;
  lost(t: number, missingSamples: number): void;
}

/** Pass 2 of `scan`'s recording through the engine `options` describe, into `sink`; as readRecording, settles. */
export type EngineRead = (
  scan: RecordingScan,
  options: BandPowerOptions,
  sink: EngineSink,
) => Promise<ParseSummary>;

/** Pass 2 of `scan`'s recording: events to `onEvent` in file order, its promises awaited, as readRecording does. */
export type RecordingRead = (
  scan: RecordingScan,
  onEvent: (event: SourceEvent) => void | Promise<void>,
) => Promise<ParseSummary>;

/**
 * Streams `scan`'s recording, calling `onUpdate` for each band-power update (by default 10 per second for raw
 * EEG, one per row for 1 row/s band-power files) with the frame and the dream model's output.
 */
export async function runOfflineAnalysis(
  scan: RecordingScan,
  open: () => AsyncIterable<Uint8Array>,
  onUpdate: (frame: BandPowerFrame, dream: DreamUpdate) => void,
  options: OfflineAnalysisOptions = {},
): Promise<ParseSummary> {
  const channels = scan.channels;
  const bands = scan.bands ?? DEFAULT_BAND_NAMES;
  const model = new DreamModel(scan.sampleRate, {}, options.shape?.windowSamples, {
    explain: options.explain ?? true,
    reuse: options.reuseFrames === true,
  });
  if (options.engineRead && scan.hasRawEeg) {
    return options.engineRead(scan, engineOptionsOf(options), {
      update: (frame) => {
        onUpdate(frame, model.update(frame));
        return options.afterEvent?.();
      },
      lost: (t, missingSamples) => model.lost(t, missingSamples),
    });
  }
  const engine = scan.hasRawEeg
    ? flaggedEngineFor(scan.sampleRate, channels, engineOptionsOf(options), false, options.artifactSpans)
    : null;
  const update = (frame: BandPowerFrame) => onUpdate(frame, model.update(frame));
  const engineBands = engine ? bandNamesOf(engine.engine) : [];
  let reused: BandPowerFrame | null = null;
  const engineUpdate = options.reuseFrames
    ? (u: BandPowerUpdate, artifact: boolean) => {
        reused =
          reused === null
            ? frameFromUpdate(u, channels, artifact, engineBands)
            : rewriteFrameFromUpdate(reused, u, artifact);
        update(reused);
      }
    : (u: BandPowerUpdate, artifact: boolean) => update(frameFromUpdate(u, channels, artifact, engineBands));
  const read: RecordingRead = options.read ?? ((s, onEvent) => readRecording(s, open, onEvent));
  return read(scan, (event: SourceEvent) => {
    options.onEvent?.(event);
    switch (event.kind) {
      case 'samples':
        engine?.push(event.data, event.length, engineUpdate);
        break;
      case 'gap':
        engine?.gap(event.missingSamples);
        model.lost(event.t, event.missingSamples);
        break;
      case 'recorded-bandpowers':
        update(frameFromRecordedBandPowers(event.t, bands, channels, event.absolute));
        break;
      case 'marker':
        break;
    }
    return options.afterEvent?.();
  });
}

/** The engine's part of `options`, as plain data (it crosses to a worker thread). */
function engineOptionsOf(options: OfflineAnalysisOptions): BandPowerOptions {
  return { mainsHz: options.mainsHz, mainsHarmonics: options.mainsHarmonics, shape: options.shape };
}
