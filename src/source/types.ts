/**
 * The one interface every EEG source speaks: the synthesizer, recordings, the hardware mock and a real Muse.
 * Times are seconds since the start of the session (sample-index based, never wall clock), amplitudes µV.
 */
import type { Observable } from 'rxjs';

/** A block of consecutive samples. `data[c][i]` is channel `channels[c]`, sample `i`, in µV; NaN = missing. */
export interface SampleChunk {
  readonly kind: 'samples';
  /** Time of the first sample, s since session start. */
  readonly t0: number;
  /** Index of the first sample since session start (gaps included), so t0 = index / sampleRate. */
  readonly index: number;
  readonly sampleRate: number;
  readonly data: readonly Float32Array[];
  readonly length: number;
}

/** Samples that should have arrived and did not. The next chunk starts `missingSamples` later. */
export interface GapMarker {
  readonly kind: 'gap';
  readonly t: number;
  readonly index: number;
  readonly missingSamples: number;
  readonly reason: string;
}

/** A marker or event kept from the recording (Mind Monitor Elements, muse-lsl Marker0, user keys). */
export interface EventMarker {
  readonly kind: 'marker';
  readonly t: number;
  readonly label: string;
}

/**
 * Band powers recorded by the device or app itself (Mind Monitor 1 row/s files). These cannot drive the DSP,
 * so they replace its output. `absolute` is band-major: `absolute[b * channels + c]`, log10 units; NaN = missing.
 */
export interface RecordedBandPowers {
  readonly kind: 'recorded-bandpowers';
  readonly t: number;
  readonly absolute: Float32Array;
}

export type SourceEvent = SampleChunk | GapMarker | EventMarker | RecordedBandPowers;

export type SourceStatus =
  | { readonly state: 'idle' }
  | { readonly state: 'connecting' }
  | { readonly state: 'streaming' }
  | { readonly state: 'stalled'; readonly sinceS: number }
  | { readonly state: 'reconnecting'; readonly attempt: number }
  | { readonly state: 'ended' }
  | { readonly state: 'error'; readonly reason: string };

export type SourceKind = 'synth' | 'file' | 'mock' | 'muse';

export interface SourceInfo {
  readonly kind: SourceKind;
  /** Human label: "Demo (synthesized)", the file name, the device name. */
  readonly label: string;
  readonly channels: readonly string[];
  /** Samples per second of `SampleChunk`s; for band-power-only recordings the row rate. */
  readonly sampleRate: number;
  /** True when samples can drive the DSP; false for 1 row/s recordings that replay recorded band powers. */
  readonly hasRawEeg: boolean;
  /** Band names of `RecordedBandPowers`, when the source emits them. */
  readonly recordedBands?: readonly string[];
  /** A note for the user, e.g. why band powers come from the file. */
  readonly note?: string;
}

/**
 * Head-motion samples from a headset's IMU (Muse 2 / Muse S: 52 Hz, 3 per notification), timed on the same
 * session clock as the EEG. Accelerometer x, y, z in g; gyroscope in °/s. A jump in `t0` is lost packets.
 */
export interface ImuChunk {
  readonly kind: 'accelerometer' | 'gyroscope';
  /** Time of the first sample, s since session start (EEG clock). */
  readonly t0: number;
  readonly sampleRate: number;
  readonly x: Float32Array;
  readonly y: Float32Array;
  readonly z: Float32Array;
  readonly length: number;
}

/** Photoplethysmogram samples from one optical channel (Muse preset p50: 64 Hz), raw 24-bit sensor counts. */
export interface PpgChunk {
  readonly kind: 'ppg';
  readonly channel: 'ambient' | 'infrared' | 'red';
  /** Time of the first sample, s since session start (EEG clock). */
  readonly t0: number;
  readonly sampleRate: number;
  readonly samples: Float32Array;
}

export interface EegSource {
  readonly info: SourceInfo;
  readonly events$: Observable<SourceEvent>;
  readonly status$: Observable<SourceStatus>;
  /**
   * Optional, hot: IMU samples while `events$` streams, for sources that have them (a Muse). Subscribe before
   * `events$` to miss nothing; completes when the source stops.
   */
  readonly imu$?: Observable<ImuChunk>;
  /** Optional, hot: PPG samples (a Muse on preset p50), like `imu$`. */
  readonly ppg$?: Observable<PpgChunk>;
  /** Stops producing and releases everything (timers, readers, devices). Idempotent. */
  stop(): void;
}
