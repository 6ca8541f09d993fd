/**
 * Artifacts as events with a time and a confidence, detected causally from raw Muse samples (µV):
 *
 * - blink: a large low-frequency (0.5–8 Hz) positive deflection on the frontal electrodes AF7/AF8, at most
 *   0.6 s long, that the temporal electrodes TP9/TP10 barely see (the eyes are a dipole in front of AF7/AF8;
 *   a deflection as large behind the ears is head motion or an electrode, not a blink). Reference: Muse
 *   developer docs, /muse/elements/blink; Croft & Barry, Neurophysiol. Clin. 30(1), 2000 (EOG artifact).
 * - jaw clench: broadband EMG above 30 Hz on TP9/TP10 (over the temporalis muscles), its RMS several times the
 *   recent baseline. Reference: Muse developer docs, /muse/elements/jaw_clench; Goncharova et al., Clin.
 *   Neurophysiol. 114(9), 2003 (EMG contamination of scalp EEG, 20–200 Hz). A clench during which a temporal
 *   electrode touches the rail is dropped: that is contact loss, which signal quality reports.
 * - motion: head movement is found from the accelerometer by dsp/motion.ts (its own stream); the events share
 *   {@link ArtifactEvent}'s shape and kind list.
 *
 * A gap (or a missing sample) resets the filters, as in the band-power engine: a filter fed across a hole rings.
 * At a gap an open clench ends (and is reported) and an open blink is dropped, its shape unknown.
 * {@link ArtifactDetector.lastArtifactIndex} lets a caller flag band-power windows that overlap an artifact (see
 * {@link windowOverlapsArtifact}).
 */
import { BiquadCascade, concatSos } from './biquad.ts';
import { electrodeIndex } from './electrodes.ts';
import { designButterworth, designMainsNotch } from './filter-design.ts';
import { MAX_ABS_SAMPLE_UV } from './signal-quality.ts';
import { SIMD_LANES, SimdBiquads4 } from './simd-biquads.ts';

export type ArtifactKind = 'blink' | 'jaw' | 'motion';

export interface ArtifactEvent {
  readonly kind: ArtifactKind;
  /** Start, s since the detector's start (sample index / sampleRate, gaps included). */
  readonly t: number;
  /** Length, s. */
  readonly durationS: number;
  /** 0…1: about 0.5 at the detection threshold, 1 at twice it (or more). */
  readonly confidence: number;
  /** Peak of the detection statistic: µV deflection (blink), EMG RMS ÷ baseline (jaw), g (motion). */
  readonly peak: number;
}

export interface ArtifactThresholds {
  /** µV of mean AF7/AF8 0.5–8 Hz deflection that starts a blink (default 70). */
  readonly blinkUv: number;
  /** Longest blink, s (default 0.6): slower frontal deflections are eye movements. */
  readonly blinkMaxS: number;
  /** Temporal (TP9/TP10) deflection allowed, as a fraction of the frontal one (default 0.5). */
  readonly blinkTemporalRatio: number;
  /** EMG RMS over its baseline that starts a jaw clench (default 3). */
  readonly jawRatio: number;
  /** EMG RMS (µV) below which nothing is a clench whatever the baseline (default 6). */
  readonly jawMinUv: number;
  /** Shortest clench, s (default 0.15). */
  readonly jawMinS: number;
}

export const DEFAULT_ARTIFACT_THRESHOLDS: ArtifactThresholds = Object.freeze({
  blinkUv: 70,
  blinkMaxS: 0.6,
  blinkTemporalRatio: 0.5,
  jawRatio: 3,
  jawMinUv: 6,
  jawMinS: 0.15,
});

export interface ArtifactDetectorOptions {
  /** Hz (EEG). */
  readonly sampleRate: number;
  /**
   * Channel names in data order; AF7/AF8 enable blinks, TP9/TP10 jaw clenches (`EEG AF7` too: electrodes.ts).
   */
  readonly channels: readonly string[];
  /** Mains notched out of the EMG band, Hz; default 50. */
  readonly mainsHz?: 50 | 60 | null;
  /** Its harmonics below Nyquist too (100 Hz lies in the EMG band at 256 Hz); default false. */
  readonly mainsHarmonics?: boolean;
  readonly thresholds?: Partial<ArtifactThresholds>;
  /** Run the filters in WebAssembly SIMD where the runtime has it (simd-biquads.ts, same output); default true. */
  readonly simd?: boolean;
}

const BLOCK = 256;
// Module-local: the per-sample loops must not read an import binding (a getter under tsx).
const LANES = SIMD_LANES;
/** µV at which a Muse electrode is railed (its ADC reports −1000…999.5 µV). */
const RAIL_UV = 990;
/** EMG envelope time constant, s. */
const EMG_TAU_S = 0.05;
/** EMG baseline time constant, s (tracks tonic tension, not clenches). */
const EMG_BASELINE_TAU_S = 8;
/** Accelerometer slow-mean time constant, s. */

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/**
 * True when the window of `windowSamples` samples ending before sample `endIndex` (exclusive) overlaps an
 * artifact that ended at or after sample `lastArtifactIndex` (−1: none yet). For excluding band-power updates
 * (their `index`) from indices and baselines.
 */
export function windowOverlapsArtifact(
  endIndex: number,
  windowSamples: number,
  lastArtifactIndex: number,
): boolean {
  return lastArtifactIndex >= 0 && lastArtifactIndex >= endIndex - windowSamples;
}

interface OpenEvent {
  start: number;
  peak: number;
}

/** Streaming blink / jaw-clench detector; see the module comment. One instance per stream. */
export class ArtifactDetector {
  readonly sampleRate: number;
  readonly thresholds: ArtifactThresholds;
  private readonly frontal: number[];
  private readonly temporal: number[];
  /** The channels filtered: frontal and temporal ones (slow), temporal ones (emg); indices into the input. */
  private readonly slowChannels: number[];
  /** Per frontal / temporal channel, its lane in the slow and emg outputs. */
  private readonly frontalLane: number[];
  private readonly temporalLane: number[];
  private readonly slow: BiquadCascade[];
  private readonly emg: BiquadCascade[];
  /**
   * Filtered blocks, four lanes per sample (`[i · 4 + lane]`): in WebAssembly memory when the SIMD banks run the
   * filters (simd-biquads.ts, bit for bit the cascades), else filled from the cascades one channel at a time.
   */
  private readonly slowOut: Float64Array;
  private readonly emgOut: Float64Array;
  private readonly slowBank: SimdBiquads4 | null;
  private readonly emgBank: SimdBiquads4 | null;
  private readonly channelCount: number;
  private readonly scratch = new Float64Array(BLOCK);
  private readonly scratchOut = new Float64Array(BLOCK);
  /** Per sample of the block: 1 when a temporal electrode is at the rail (contact loss, not muscle). */
  private readonly railed = new Uint8Array(BLOCK);
  private readonly emgAlpha: number;
  private readonly jawEnabled: boolean;
  private readonly baselineAlpha: number;
  private emgPower = 0;
  private emgBaseline = 0;
  /** Samples since the filters restarted: detection waits for them to settle. */
  private settled = 0;
  private blink: OpenEvent | null = null;
  private jaw: OpenEvent | null = null;
  private index = 0;
  private last = -1;
  /**
   * Called as each blink or clench closes, reported or not, with the index of its first sample and the index it
   * closed at (from then on its part of {@link lastArtifactIndex}). With {@link openSince}, another thread can
   * flag band-power updates exactly as this detector would (dsp/artifact-spans.ts).
   */
  onClose: ((start: number, end: number) => void) | null = null;

  constructor(opts: ArtifactDetectorOptions) {
    const { sampleRate, channels } = opts;
    if (!(sampleRate >= 32) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`sampleRate must be at least 32 Hz for artifact detection, got ${sampleRate}`);
    }
    this.sampleRate = sampleRate;
    this.thresholds = { ...DEFAULT_ARTIFACT_THRESHOLDS, ...opts.thresholds };
    this.frontal = ['AF7', 'AF8'].map((n) => electrodeIndex(channels, n)).filter((i) => i >= 0);
    this.temporal = ['TP9', 'TP10'].map((n) => electrodeIndex(channels, n)).filter((i) => i >= 0);
    const slowSos = concatSos(
      designButterworth('highpass', 0.5, sampleRate, 2),
      designButterworth('lowpass', 8, sampleRate, 4),
    );
    const mains = opts.mainsHz === undefined ? 50 : opts.mainsHz;
    // Jaw EMG needs a band above 30 Hz; below 64 Hz sampling there is none, so clenches are not detected.
    this.jawEnabled = sampleRate > 64;
    const emgParts = this.jawEnabled ? [designButterworth('highpass', 30, sampleRate, 4)] : [];
    if (mains !== null && mains < sampleRate / 2)
      emgParts.push(designMainsNotch(mains, sampleRate, opts.mainsHarmonics ?? false));
    const emgSos = concatSos(...emgParts);
    // Only the channels the detectors read are filtered: slow for frontal and temporal, EMG for temporal.
    this.channelCount = channels.length;
    this.slowChannels = [...this.frontal, ...this.temporal];
    this.frontalLane = this.frontal.map((_, j) => j);
    this.temporalLane = this.temporal.map((_, j) => this.frontal.length + j);
    this.slow = this.slowChannels.map(() => new BiquadCascade(slowSos));
    this.emg = this.temporal.map(() => new BiquadCascade(emgSos));
    const simd = opts.simd !== false && this.slowChannels.length > 0;
    this.slowBank = simd ? SimdBiquads4.create([slowSos], BLOCK) : null;
    this.emgBank = simd && this.slowBank ? SimdBiquads4.create([emgSos], BLOCK) : null;
    this.slowOut = (this.slowBank?.outputs[0] as Float64Array | undefined) ?? new Float64Array(LANES * BLOCK);
    this.emgOut = (this.emgBank?.outputs[0] as Float64Array | undefined) ?? new Float64Array(LANES * BLOCK);
    this.emgAlpha = 1 - Math.exp(-1 / (EMG_TAU_S * sampleRate));
    this.baselineAlpha = 1 - Math.exp(-1 / (EMG_BASELINE_TAU_S * sampleRate));
  }

  /** Sample index (gaps included) of the last sample inside a detected artifact; −1 before the first. */
  get lastArtifactIndex(): number {
    return this.blink || this.jaw ? this.index : this.last;
  }

  /** Index of the first sample of the earliest blink or clench still open; −1 when none is. */
  get openSince(): number {
    const b = this.blink;
    const j = this.jaw;
    if (b && j) return Math.min(b.start, j.start);
    return b ? b.start : j ? j.start : -1;
  }

  /**
   * Feeds `length` samples per channel from index `start` (µV; NaN, ±Infinity and |x| > 10⁶ count as missing,
   * which resets the filters like a gap) and reports each event once it has ended. `start` lets a caller feed a
   * decoded record in parts without a view per channel per part.
   */
  push(data: readonly Float32Array[], length: number, onEvent: (e: ArtifactEvent) => void, start = 0): void {
    if (data.length !== this.channelCount) {
      throw new RangeError(`expected ${this.channelCount} channels, got ${data.length}`);
    }
    if (!Number.isInteger(length) || length < 0)
      throw new RangeError('length must be a non-negative integer');
    if (!Number.isInteger(start) || start < 0) throw new RangeError('start must be a non-negative integer');
    const end = start + length;
    for (let c = 0; c < data.length; c++) {
      const have = (data[c] as Float32Array).length;
      if (have < end) throw new RangeError(`channel ${c} has ${have} samples, fewer than ${end}`);
    }
    for (let offset = start; offset < end;) {
      const n = Math.min(BLOCK, end - offset);
      let bad = -1;
      for (let c = 0; c < data.length && bad < 0; c++) {
        const ch = data[c] as Float32Array;
        for (let i = 0; i < n; i++) {
          const v = ch[offset + i] as number;
          if (!(v >= -MAX_ABS_SAMPLE_UV && v <= MAX_ABS_SAMPLE_UV)) {
            bad = i;
            break;
          }
        }
      }
      const good = bad < 0 ? n : bad;
      if (good > 0) this.processBlock(data, offset, good, onEvent);
      offset += good;
      if (bad >= 0) {
        this.gap(1, onEvent);
        offset++;
      }
    }
  }

  /** `missingSamples` samples missing in every channel: events close, filters restart after the hole. */
  gap(missingSamples: number, onEvent: (e: ArtifactEvent) => void): void {
    if (!Number.isInteger(missingSamples) || missingSamples < 0) {
      throw new RangeError(`missingSamples must be a non-negative integer, got ${missingSamples}`);
    }
    if (missingSamples === 0) return;
    this.closeBlink(onEvent, true);
    this.closeJaw(onEvent);
    for (const f of this.slow) f.reset();
    for (const f of this.emg) f.reset();
    this.settled = 0;
    this.emgPower = 0;
    this.index += missingSamples;
  }

  private event(kind: ArtifactKind, e: OpenEvent, end: number, confidence: number): ArtifactEvent {
    return {
      kind,
      t: e.start / this.sampleRate,
      durationS: (end - e.start) / this.sampleRate,
      confidence,
      peak: e.peak,
    };
  }

  private processBlock(
    data: readonly Float32Array[],
    offset: number,
    n: number,
    onEvent: (e: ArtifactEvent) => void,
  ): void {
    const railed = this.railed;
    railed.fill(0, 0, n);
    const temporal = this.temporal;
    for (let k = 0; k < temporal.length; k++) {
      const ch = data[temporal[k] as number] as Float32Array;
      for (let i = 0; i < n; i++) {
        const v = ch[offset + i] as number;
        if (v >= RAIL_UV || v <= -RAIL_UV) railed[i] = 1;
      }
    }
    this.filterBlock(data, offset, n);
    // The per-sample state lives in locals through the loop (written back before an event closes and at the
    // end): the loop runs for every sample of a recording, and field loads and stores were most of its cost.
    const th = this.thresholds;
    const fs = this.sampleRate;
    const settle = Math.round(fs);
    const blinkUv = th.blinkUv;
    const blinkRatio = th.blinkTemporalRatio;
    const blinkMax = th.blinkMaxS * fs;
    const jawRatio = th.jawRatio;
    const jawMinUv = th.jawMinUv;
    const emgAlpha = this.emgAlpha;
    const baselineAlpha = this.baselineAlpha;
    const jawEnabled = this.jawEnabled;
    const frontalLane = this.frontalLane;
    const temporalLane = this.temporalLane;
    const nf = this.frontal.length;
    const nt = this.temporal.length;
    const slow = this.slowOut;
    const emg = this.emgOut;
    let settled = this.settled;
    let emgPower = this.emgPower;
    let emgBaseline = this.emgBaseline;
    // The sample index, too, lives in a local; it is written back before an event closes (closeBlink and
    // closeJaw read it) and after the loop.
    let index = this.index;
    for (let i = 0; i < n; i++, index++) {
      const settledNow = settled >= settle;
      if (settled < settle) settled++;
      if (nf > 0) {
        let f = 0;
        for (let j = 0; j < nf; j++) f += slow[i * LANES + (frontalLane[j] as number)] as number;
        f /= nf;
        let tp = 0;
        for (let j = 0; j < nt; j++) tp += Math.abs(slow[i * LANES + (temporalLane[j] as number)] as number);
        tp = nt > 0 ? tp / nt : 0;
        const b = this.blink;
        if (b) {
          if (tp > blinkRatio * Math.max(f, blinkUv))
            b.peak = -Infinity; // motion, not a blink
          else if (f > b.peak && b.peak !== -Infinity) b.peak = f;
          if (f < 0.5 * blinkUv) {
            this.index = index;
            this.closeBlink(onEvent, false);
          } else if (index - b.start > blinkMax) b.peak = -Infinity;
        } else if (settledNow && f > blinkUv && tp < blinkRatio * f) {
          this.blink = { start: index, peak: f };
        }
      }
      if (nt > 0 && jawEnabled) {
        let p = 0;
        for (let j = 0; j < nt; j++) {
          const v = emg[i * LANES + j] as number;
          p += v * v;
        }
        p /= nt;
        emgPower += emgAlpha * (p - emgPower);
        const rms = Math.sqrt(emgPower);
        if (!settledNow) {
          emgBaseline = rms;
        } else {
          const base = Math.max(emgBaseline, 1e-3);
          const ratio = rms / base;
          const jaw = this.jaw;
          if (jaw) {
            if (railed[i]) jaw.peak = -Infinity;
            else if (ratio > jaw.peak && jaw.peak !== -Infinity) jaw.peak = ratio;
            if (ratio < 0.5 * jawRatio) {
              this.index = index;
              this.closeJaw(onEvent);
            }
          } else if (ratio > jawRatio && rms > jawMinUv && !railed[i]) {
            this.jaw = { start: index, peak: ratio };
          } else {
            emgBaseline += baselineAlpha * (rms - emgBaseline);
          }
        }
      }
    }
    this.index = index;
    this.settled = settled;
    this.emgPower = emgPower;
    this.emgBaseline = emgBaseline;
  }

  /**
   * Filters samples offset…offset+n of the channels the detectors read into {@link slowOut} and {@link emgOut}; the
   * filters are primed on the block's first sample after a (re)start.
   */
  private filterBlock(data: readonly Float32Array[], offset: number, n: number): void {
    const prime = this.settled === 0;
    const nt = this.temporal.length;
    const slowBank = this.slowBank;
    const emgBank = this.emgBank;
    if (slowBank !== null && emgBank !== null) {
      const slowIn = slowBank.input;
      const emgIn = emgBank.input;
      for (let lane = 0; lane < this.slowChannels.length; lane++) {
        const ch = data[this.slowChannels[lane] as number] as Float32Array;
        const temporal = lane - (this.slowChannels.length - nt);
        for (let i = 0; i < n; i++) slowIn[i * LANES + lane] = ch[offset + i] as number;
        if (temporal >= 0) for (let i = 0; i < n; i++) emgIn[i * LANES + temporal] = ch[offset + i] as number;
        if (prime) {
          const slow = this.slow[lane] as BiquadCascade;
          slow.primeSteadyState(ch[offset] as number);
          slowBank.loadState(0, lane, slow);
          if (temporal >= 0) {
            const emg = this.emg[temporal] as BiquadCascade;
            emg.primeSteadyState(ch[offset] as number);
            emgBank.loadState(0, temporal, emg);
          }
        }
      }
      slowBank.run(n);
      emgBank.run(n);
      return;
    }
    const src = this.scratch;
    for (let lane = 0; lane < this.slowChannels.length; lane++) {
      const ch = data[this.slowChannels[lane] as number] as Float32Array;
      for (let i = 0; i < n; i++) src[i] = ch[offset + i] as number;
      const temporal = lane - (this.slowChannels.length - nt);
      this.filterLane(this.slow[lane] as BiquadCascade, prime, n, this.slowOut, lane);
      if (temporal >= 0)
        this.filterLane(this.emg[temporal] as BiquadCascade, prime, n, this.emgOut, temporal);
    }
  }

  /** The JavaScript path: {@link scratch}'s n samples through `cascade` into lane `lane` of `into`. */
  private filterLane(
    cascade: BiquadCascade,
    prime: boolean,
    n: number,
    into: Float64Array,
    lane: number,
  ): void {
    const src = this.scratch;
    const out = this.scratchOut;
    if (prime) cascade.primeSteadyState(src[0] as number);
    cascade.process(src, out, n);
    for (let i = 0; i < n; i++) into[i * LANES + lane] = out[i] as number;
  }

  private closeBlink(onEvent: (e: ArtifactEvent) => void, forced: boolean): void {
    const b = this.blink;
    if (!b) return;
    this.blink = null;
    this.last = Math.max(this.last, this.index);
    this.onClose?.(b.start, this.index);
    if (forced || b.peak === -Infinity) return;
    onEvent(this.event('blink', b, this.index, clamp01(b.peak / (2 * this.thresholds.blinkUv))));
  }

  private closeJaw(onEvent: (e: ArtifactEvent) => void): void {
    const j = this.jaw;
    if (!j) return;
    this.jaw = null;
    this.last = Math.max(this.last, this.index);
    this.onClose?.(j.start, this.index);
    if (j.peak === -Infinity || this.index - j.start < this.thresholds.jawMinS * this.sampleRate) return;
    const r = this.thresholds.jawRatio;
    onEvent(this.event('jaw', j, this.index, clamp01((j.peak - 1) / (2 * r - 1))));
  }
}
