/**
 * Renders the soundscape faster than real time in an OfflineAudioContext and measures it: the debug console's
 * `renderSoundscape` and the end-to-end tests' window onto what a listener would hear.
 */
import { NEUTRAL_SCENE_PARAMS, type SceneParams } from '../../scenes/params.ts';
import { SOUND_BEDS, type SoundBed, type SoundSpec } from '../architect/spec.ts';
import { Soundscape } from './engine.ts';
import type { SoundListening } from './mapping.ts';
import {
  averagePowerSpectrum,
  peakOf,
  powerShareAbove,
  rmsOf,
  spectralCentroid,
  windowedRms,
} from './measure.ts';

export interface SoundRenderChange {
  /** When, in seconds from the start of the render. */
  atS: number;
  params?: Partial<SceneParams>;
  muted?: boolean;
  volume?: number;
}

export interface SoundRenderRequest {
  params?: Partial<SceneParams>;
  seconds: number;
  bed?: SoundBed;
  /** The listener's slider, 0..1 (default 1). */
  volume?: number;
  muted?: boolean;
  /** The spec's volume and dread tension, 0..1 (default 1 and 1: the loudest, harshest case). */
  specVolume?: number;
  dreadTension?: number;
  /** The policy's ceiling, 0..1 (default 1). */
  maxVolume?: number;
  changes?: SoundRenderChange[];
  sampleRate?: number;
  /** Extra gain before the limiter, dB (0..24, default 0): drives the mix past full scale to test the limiter. */
  driveDb?: number;
}

export interface SoundRenderResult {
  sampleRate: number;
  seconds: number;
  /** Largest absolute sample, full scale = 1. */
  peak: number;
  rms: number;
  /** RMS of the first 200 ms. */
  onsetRms: number;
  /** Of the second half: RMS, spectral centroid, and the share of power above 1 kHz and above 4 kHz. */
  steadyRms: number;
  centroidHz: number;
  shareAbove1k: number;
  shareAbove4k: number;
  /** RMS of each 250 ms window, in order. */
  windowRms: number[];
  windowS: number;
}

function check(name: string, v: unknown, min: number, max: number): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max)
    throw new RangeError(
      `renderSoundscape: ${name} must be a number from ${min} to ${max}, found ${String(v)}`,
    );
  return v;
}

function withParams(base: SceneParams, patch: Partial<SceneParams> | undefined): SceneParams {
  return { ...base, ...(patch ?? {}) };
}

export async function renderSoundscape(request: SoundRenderRequest): Promise<SoundRenderResult> {
  const seconds = check('seconds', request.seconds, 0.5, 60) ?? 0;
  const sampleRate = check('sampleRate', request.sampleRate, 8000, 96000) ?? 44100;
  const bed = request.bed ?? 'sea';
  if (!(SOUND_BEDS as readonly string[]).includes(bed))
    throw new RangeError(
      `renderSoundscape: bed must be one of ${SOUND_BEDS.join(', ')}, found ${String(bed)}`,
    );
  const spec: SoundSpec = {
    enabled: true,
    bed,
    volume: check('specVolume', request.specVolume, 0, 1) ?? 1,
    dreadTension: check('dreadTension', request.dreadTension, 0, 1) ?? 1,
  };
  const listening: SoundListening = {
    on: request.muted !== true,
    volume: check('volume', request.volume, 0, 1) ?? 1,
    maxVolume: check('maxVolume', request.maxVolume, 0, 1) ?? 1,
  };
  let params = withParams(NEUTRAL_SCENE_PARAMS, request.params);

  const length = Math.round(seconds * sampleRate);
  const ctx = new OfflineAudioContext(2, length, sampleRate);
  const driveDb = check('driveDb', request.driveDb, 0, 24) ?? 0;
  const scape = new Soundscape(ctx, ctx.destination, 1, Math.pow(10, driveDb / 20));
  scape.update(params, spec, listening);
  scape.start(0);
  for (const change of request.changes ?? []) {
    const at = check('changes[].atS', change.atS, 0, seconds) ?? 0;
    // Suspending the render at `at` lets the engine glide from there, exactly as a live update would.
    void ctx.suspend(at).then(() => {
      params = withParams(params, change.params);
      if (change.muted !== undefined) listening.on = !change.muted;
      if (change.volume !== undefined) listening.volume = check('changes[].volume', change.volume, 0, 1) ?? 1;
      scape.update(params, spec, listening);
      return ctx.resume();
    });
  }
  const buffer = await ctx.startRendering();
  const channels = [buffer.getChannelData(0), buffer.getChannelData(1)];
  const left = channels[0]!;
  const windowS = 0.25;
  const spectrum = averagePowerSpectrum(left, sampleRate, length / 2, length);
  return {
    sampleRate,
    seconds,
    peak: peakOf(channels),
    rms: rmsOf(left),
    onsetRms: rmsOf(left, 0, 0.2 * sampleRate),
    steadyRms: rmsOf(left, length / 2, length),
    centroidHz: spectralCentroid(spectrum),
    shareAbove1k: powerShareAbove(spectrum, 1000),
    shareAbove4k: powerShareAbove(spectrum, 4000),
    windowRms: windowedRms(left, sampleRate, windowS),
    windowS,
  };
}
