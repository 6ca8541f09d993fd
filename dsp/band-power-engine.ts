/**
 * The streaming band-power engine shared by the app (live) and the CLI (offline): raw µV samples in, Muse-style
 * band powers and signal quality out at a fixed update rate. Per channel: high-pass → mains notch → low-pass
 * (filter-design.ts), a sliding window of the filtered signal, a single-segment periodogram (welch.ts) and band
 * sums (bands.ts). Defaults follow Muse's documented pipeline: 256-sample Hamming window, 10 updates/s (90 %
 * overlap at 256 Hz), log10 of the summed PSD per band.
 *
 * Missing data: a gap, or a NaN/±Infinity/out-of-range sample in one channel, resets that channel's filters
 * (a filter fed across a hole rings) and re-primes them at the steady state of the next good sample, so a
 * large electrode offset does not start a transient. The channel's window is invalid until it has been
 * refilled with `windowSamples` consecutive good samples; other channels are unaffected by a NaN in one.
 * Priming removes the DC step but not the high-pass's response to the signal's first second, so the first
 * valid window after a restart still carries a small start-up transient at the lowest frequencies (delta).
 *
 * All buffers are allocated in the constructor: pushing allocates no arrays or objects. Samples are staged and
 * filtered in blocks that end at update points, so results are identical however the input is chunked.
 *
 * Where the runtime has WebAssembly SIMD, the filters (four channels per pass), the window pass, the FFT and the
 * spectrum split run there (dsp/wasm/kernels.wat), each bit for bit the JavaScript it replaces except the FFT,
 * which equals fft.js to rounding; the rings and the PSD then live in the kernels' memory.
 */
import { BiquadCascade } from './biquad.ts';
import {
  MIND_MONITOR_BANDS,
  absoluteBandPower,
  bandBinRanges,
  bandSumsInto,
  type Band,
  type BandBins,
} from './bands.ts';
import { designEegFilters } from './filter-design.ts';
import { SIMD_LANES, SimdBiquads4 } from './simd-biquads.ts';
import {
  DEFAULT_QUALITY_THRESHOLDS,
  QUALITY_BAD,
  QUALITY_GOOD,
  MAX_ABS_SAMPLE_UV,
  classifySignalQuality,
  type QualityMetrics,
  type QualityThresholds,
} from './signal-quality.ts';
import { PeriodogramPlan, periodogramOfWeightedInto } from './welch.ts';

export interface BandPowerEngineOptions {
  /** Hz. */
  readonly sampleRate: number;
  readonly channels: number;
  /** Default {@link MIND_MONITOR_BANDS}. */
  readonly bands?: readonly Band[];
  /** Analysis window, samples; default 256 (1 s at Muse's 256 Hz). */
  readonly windowSamples?: number;
  /** Updates per second of signal (sample time, not wall time); default 10. At most sampleRate. */
  readonly updateHz?: number;
  /** Mains frequency to notch, Hz; null for none; default 50. Must be below Nyquist. */
  readonly mainsHz?: 50 | 60 | null;
  /** Notch the mains harmonics below Nyquist too (filter-design.ts designMainsNotch); default false. */
  readonly mainsHarmonics?: boolean;
  /** Pass band, Hz; null for none; default [1, 45]. */
  readonly bandpass?: readonly [number, number] | null;
  /**
   * Window of the periodogram; default 'hamming', as Muse documents for its band powers. Explicit weights
   * (length windowSamples, oldest sample first) allow asymmetric windows that favour recent samples, for
   * low-latency feedback (see dsp/feedback-window.ts).
   */
  readonly window?: 'hann' | 'hamming' | Float64Array;
  /**
   * DFT length ≥ windowSamples, the window zero-padded to it; default windowSamples. A power of two takes the fast
   * path, and nfft = sampleRate keeps Muse's 1 Hz bins for a shorter window.
   */
  readonly nfft?: number;
  /** Default {@link DEFAULT_QUALITY_THRESHOLDS}. */
  readonly qualityThresholds?: QualityThresholds;
  /**
   * Run the filters, window pass and FFT in WebAssembly SIMD where the runtime has it (simd-biquads.ts,
   * simd-complex-fft.ts); default true. False keeps them in JavaScript and fft.js: the same filtered signal and
   * statistics bit for bit, band powers equal to rounding.
   */
  readonly simd?: boolean;
}

/**
 * The engine shape whose band powers agree best with Mind Monitor's own band-power columns, computed from the
 * same file's RAW columns (tests/data/validity.test.ts): a 768-sample (3 s at 256 Hz) Hamming window, with
 * Muse's 10 updates/s and filters. Muse documents a 256-sample Hamming window, but on the 256 Hz Mind Monitor
 * file its values track a longer average: the best-aligned Pearson r (median over bands × TP9/TP10) is about
 * 0.68 for 256 samples, 0.80 for 512 and 0.90 for 768 (15–30 updates per series and a fitted lag, so
 * optimistic). A preset for comparing with Mind Monitor, not the default: a 3 s window centres its estimate
 * 1.5 s in the past, which feedback cannot afford.
 */
export const MIND_MONITOR_AGREEMENT: Pick<BandPowerEngineOptions, 'windowSamples' | 'window'> = Object.freeze(
  {
    windowSamples: 768,
    window: 'hamming',
  },
);

/**
 * One update. The engine reuses this object and its arrays for every update: read or copy what you keep
 * before returning from the callback.
 */
export interface BandPowerUpdate {
  /** Sample index (since start or reset, gaps included) of the window's last sample + 1. */
  readonly index: number;
  /** s, = index / sampleRate. */
  readonly t: number;
  /** log10 of the PSD (µV²/Hz) summed over each band, band-major `[b * channels + c]`; 0 where invalid. */
  readonly absolute: Float64Array;
  /** Share of each band in the sum over all bands, band-major; 0 where invalid. */
  readonly relative: Float64Array;
  /** Per band, `absolute` averaged over valid channels; 0 when none is valid. */
  readonly meanAbsolute: Float64Array;
  /** Per band, `relative` averaged over valid channels; 0 when none is valid. */
  readonly meanRelative: Float64Array;
  /** Per channel, 1 when the whole window was present (no gap, no missing sample since the filter restarted). */
  readonly valid: Uint8Array;
  /** Per channel, Muse horseshoe style: 1 good, 2 ok, 4 bad (signal-quality.ts); a window with missing samples is never good. */
  readonly quality: Uint8Array;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

// Module-local copies: the per-sample code must not go through import bindings (getters under tsx).
const MAX_ABS = MAX_ABS_SAMPLE_UV;
const LANES = SIMD_LANES;

// Work is done in blocks of at most this many samples per channel (scratch buffer size).
const BLOCK = 256;
// Flag bits per ring slot.
const RAILED = 1;
const MISSING = 2;

/** Streaming band powers for `channels` channels; see the module comment. Not re-entrant from `onUpdate`. */
export class BandPowerEngine {
  readonly sampleRate: number;
  readonly channels: number;
  readonly bands: readonly Band[];
  readonly windowSamples: number;
  readonly updateHz: number;

  private readonly highpass: BiquadCascade[];
  private readonly notch: BiquadCascade[];
  private readonly lowpass: BiquadCascade[];
  private readonly hasNotch: boolean;
  /**
   * The same filters for groups of four channels in WebAssembly SIMD, or null (no SIMD, or `simd: false`). They
   * run a block when every channel's samples in it are usable and primed, and the channels' cascades otherwise;
   * `stateInBanks` says which of the two holds the current filter state.
   */
  private readonly banks: SimdBiquads4[] | null;
  private stateInBanks = false;
  private readonly plan: PeriodogramPlan;
  private readonly bins: BandBins;
  /** Spectrum bins the bands need, 0…binCount−1; the rest is never computed. */
  private readonly binCount: number;
  private readonly thresholds: QualityThresholds;

  // Rings, channel c at [c·2W, (c+1)·2W): every sample is written at p and p + W, so any window of W
  // consecutive samples is contiguous and goes to the FFT without copying.
  private readonly filtered: Float64Array;
  /** The component the notch removed (high-passed minus notched), for the line-noise ratio. */
  private readonly mains: Float64Array;
  /** RAILED | MISSING per slot, channel c at [c·W, (c+1)·W). */
  private readonly flags: Uint8Array;
  private readonly missingCount: Int32Array;
  private readonly railCount: Int32Array;
  /** Consecutive usable samples since the channel's filters restarted, capped at W. */
  private readonly goodRun: Int32Array;
  /** Consecutive usable samples equal to their predecessor, capped at W. */
  private readonly sameRun: Int32Array;
  private readonly lastRaw: Float64Array;
  private readonly needsPrime: Uint8Array;

  /**
   * Raw samples not yet filtered, channel c at [c·BLOCK, (c+1)·BLOCK). Pushes are staged and filtered in one go
   * when an update is due (or the stage is full): Muse delivers 12-sample packets, and running the filters
   * per packet costs more in per-call overhead than in arithmetic. It also gives the filters float64 input.
   */
  private readonly staged: Float64Array;
  private stagedCount = 0;
  private readonly scratchH = new Float64Array(BLOCK);
  private readonly scratchN = new Float64Array(BLOCK);
  private readonly scratchF = new Float64Array(BLOCK);
  private readonly psd: Float64Array;
  /** Of the window pass: Σ, Σ², min and max of the filtered window, and the energy of its mains component. */
  private readonly windowStats = new Float64Array(5);
  private readonly sums: Float64Array;
  private readonly metrics: Mutable<QualityMetrics> = {
    missingFraction: 0,
    railFraction: 0,
    constant: false,
    stdUv: 0,
    ptpUv: 0,
    lineNoiseRatio: 0,
  };
  private readonly update: Mutable<BandPowerUpdate>;

  /** Samples received (gaps included), staged ones too. */
  private index = 0;
  /** Ring slot of the first staged sample; once flushed, (index % W), the slot of the next sample. */
  private pos = 0;
  private updateCount = 0;
  private nextUpdateIndex = 0;

  constructor(opts: BandPowerEngineOptions) {
    const { sampleRate, channels } = opts;
    if (!(sampleRate > 0) || !Number.isFinite(sampleRate)) {
      throw new RangeError(`sampleRate must be a positive number of Hz, got ${sampleRate}`);
    }
    if (!Number.isInteger(channels) || channels < 1) {
      throw new RangeError(`channels must be a positive integer, got ${channels}`);
    }
    const w = opts.windowSamples ?? 256;
    if (!Number.isInteger(w) || w < 2) throw new RangeError(`windowSamples must be an integer ≥ 2, got ${w}`);
    const updateHz = opts.updateHz ?? 10;
    if (!(updateHz > 0 && updateHz <= sampleRate)) {
      throw new RangeError(`updateHz must be in (0, sampleRate], got ${updateHz}`);
    }
    this.sampleRate = sampleRate;
    this.channels = channels;
    this.bands = opts.bands ?? MIND_MONITOR_BANDS;
    this.windowSamples = w;
    this.updateHz = updateHz;
    this.thresholds = opts.qualityThresholds ?? DEFAULT_QUALITY_THRESHOLDS;

    const design = designEegFilters({
      sampleRate,
      mainsHz: opts.mainsHz === undefined ? 50 : opts.mainsHz,
      bandpass: opts.bandpass === undefined ? [1, 45] : opts.bandpass,
      mainsHarmonics: opts.mainsHarmonics ?? false,
    });
    this.hasNotch = design.notch.length > 0;
    this.highpass = Array.from({ length: channels }, () => new BiquadCascade(design.highpass));
    this.notch = Array.from({ length: channels }, () => new BiquadCascade(design.notch));
    this.lowpass = Array.from({ length: channels }, () => new BiquadCascade(design.lowpass));
    const stages = [design.highpass, design.notch, design.lowpass];
    const banks: SimdBiquads4[] = [];
    for (let c = 0; c < channels && opts.simd !== false; c += LANES) {
      const bank = SimdBiquads4.create(stages, BLOCK);
      if (bank === null) break;
      banks.push(bank);
    }
    this.banks = banks.length > 0 && banks.length * LANES >= channels ? banks : null;
    this.plan = new PeriodogramPlan(w, sampleRate, {
      window: opts.window ?? 'hamming',
      detrend: 'constant',
      nfft: opts.nfft ?? w,
      simd: opts.simd ?? true,
      simdHeap: 2 * channels * 2 * w,
    });
    this.bins = bandBinRanges(this.plan.freqs, this.bands);
    this.binCount = Math.max(1, ...this.bins.end);
    // The SIMD transform's own output, where there is one: nothing to copy out.
    this.psd = this.plan.fft.simd?.power ?? new Float64Array(this.plan.bins);
    this.sums = new Float64Array(this.bands.length);

    // With the SIMD transform the rings live in its memory, where its window pass reads them.
    const ringLength = channels * 2 * w;
    const heap = this.plan.fft.simd?.heap;
    this.filtered = heap ? heap.subarray(0, ringLength) : new Float64Array(ringLength);
    this.mains = heap ? heap.subarray(ringLength, 2 * ringLength) : new Float64Array(ringLength);
    this.flags = new Uint8Array(channels * w);
    this.missingCount = new Int32Array(channels);
    this.railCount = new Int32Array(channels);
    this.goodRun = new Int32Array(channels);
    this.sameRun = new Int32Array(channels);
    this.lastRaw = new Float64Array(channels);
    this.needsPrime = new Uint8Array(channels);
    this.staged = new Float64Array(channels * BLOCK);

    const nb = this.bands.length;
    this.update = {
      index: 0,
      t: 0,
      absolute: new Float64Array(nb * channels),
      relative: new Float64Array(nb * channels),
      meanAbsolute: new Float64Array(nb),
      meanRelative: new Float64Array(nb),
      valid: new Uint8Array(channels),
      quality: new Uint8Array(channels),
    };
    this.reset();
  }

  /**
   * Samples still to push before the next update is emitted (≥ 1). A caller that must know something about
   * exactly the samples up to an update (the artifact detector, dsp/flagged-band-powers.ts) pushes this many.
   */
  get samplesUntilUpdate(): number {
    return this.nextUpdateIndex - this.index;
  }

  /** Back to the state after construction: sample index 0, empty windows, filters to be primed. */
  reset(): void {
    const w = this.windowSamples;
    this.index = 0;
    this.pos = 0;
    this.stagedCount = 0;
    this.filtered.fill(0);
    this.mains.fill(0);
    // Before the first sample the whole window counts as missing, so early updates are invalid.
    this.flags.fill(MISSING);
    this.missingCount.fill(w);
    this.railCount.fill(0);
    this.goodRun.fill(0);
    this.sameRun.fill(0);
    this.lastRaw.fill(NaN);
    this.needsPrime.fill(1);
    this.updateCount = 1;
    this.nextUpdateIndex = this.updateIndexOf(1);
  }

  /**
   * Feeds `length` samples of every channel, `data[c][0…length)` in µV; NaN, ±Infinity and |x| > 10⁶ µV count as
   * missing. Calls `onUpdate` synchronously for each update due: the k-th update (k = 1, 2, …) comes after
   * sample index ⌈k · sampleRate / updateHz⌉, so fractional steps accumulate (256 Hz at 10/s: every 25.6
   * samples on average, exactly 10 per second). Updates are emitted from the start, invalid until the first
   * window has filled. Results do not depend on how the signal is split into pushes.
   */
  push(data: readonly Float32Array[], length: number, onUpdate: (u: BandPowerUpdate) => void): void {
    if (data.length !== this.channels) {
      throw new RangeError(`expected ${this.channels} channels, got ${data.length}`);
    }
    if (!Number.isInteger(length) || length < 0)
      throw new RangeError(`length must be a non-negative integer`);
    for (let c = 0; c < data.length; c++) {
      const have = (data[c] as Float32Array).length;
      if (have < length) throw new RangeError(`channel ${c} has ${have} samples, fewer than ${length}`);
    }
    const nc = this.channels;
    const staged = this.staged;
    let offset = 0;
    while (offset < length) {
      const n = Math.min(length - offset, this.nextUpdateIndex - this.index, BLOCK - this.stagedCount);
      for (let c = 0; c < nc; c++) {
        const src = data[c] as Float32Array;
        const base = c * BLOCK + this.stagedCount - offset;
        for (let i = offset; i < offset + n; i++) staged[base + i] = src[i] as number;
      }
      this.stagedCount += n;
      this.index += n;
      offset += n;
      if (this.index === this.nextUpdateIndex) {
        this.flush();
        this.computeUpdate();
        this.updateCount++;
        this.nextUpdateIndex = this.updateIndexOf(this.updateCount);
        onUpdate(this.update);
      } else if (this.stagedCount === BLOCK) {
        this.flush();
      }
    }
  }

  /** Filters the staged samples of every channel into the rings. */
  private flush(): void {
    const n = this.stagedCount;
    if (n === 0) return;
    if (!this.filterBlockSimd(n)) {
      if (this.stateInBanks) this.moveFilterState(false);
      for (let c = 0; c < this.channels; c++) this.processChannel(c, c * BLOCK, n);
    }
    this.pos = (this.pos + n) % this.windowSamples;
    this.stagedCount = 0;
  }

  /**
   * Records that `missingSamples` samples of every channel are missing: the sample index advances by that much,
   * all filters are reset (re-primed at the next good sample) and windows overlapping the gap are invalid until
   * refilled. Updates scheduled inside the gap are skipped, not emitted late (this call has no callback); the
   * schedule keeps its grid, so later updates land where they would have without the gap.
   */
  gap(missingSamples: number): void {
    if (!Number.isInteger(missingSamples) || missingSamples < 0) {
      throw new RangeError(`missingSamples must be a non-negative integer, got ${missingSamples}`);
    }
    if (missingSamples === 0) return;
    this.flush();
    const w = this.windowSamples;
    for (let c = 0; c < this.channels; c++) {
      if (missingSamples >= w) {
        this.filtered.fill(0, c * 2 * w, (c + 1) * 2 * w);
        this.mains.fill(0, c * 2 * w, (c + 1) * 2 * w);
        this.flags.fill(MISSING, c * w, (c + 1) * w);
        this.missingCount[c] = w;
        this.railCount[c] = 0;
        this.markRestart(c);
      } else {
        let p = this.pos;
        for (let i = 0; i < missingSamples; i++) {
          this.writeMissing(c, p);
          if (++p === w) p = 0;
        }
      }
    }
    this.index += missingSamples;
    this.pos = (this.pos + missingSamples) % w;
    let k = Math.max(1, Math.floor((this.index * this.updateHz) / this.sampleRate));
    while (k > 1 && this.updateIndexOf(k - 1) > this.index) k--;
    while (this.updateIndexOf(k) <= this.index) k++;
    this.updateCount = k;
    this.nextUpdateIndex = this.updateIndexOf(k);
  }

  /** Sample index after which update k is due: ⌈k · fs / updateHz⌉, tolerant of rounding in the division. */
  private updateIndexOf(k: number): number {
    return Math.ceil((k * this.sampleRate) / this.updateHz - 1e-6);
  }

  private markRestart(c: number): void {
    this.goodRun[c] = 0;
    this.sameRun[c] = 0;
    this.lastRaw[c] = NaN;
    this.needsPrime[c] = 1;
  }

  private writeMissing(c: number, p: number): void {
    const w = this.windowSamples;
    const ring = c * 2 * w + p;
    this.filtered[ring] = 0;
    this.filtered[ring + w] = 0;
    this.mains[ring] = 0;
    this.mains[ring + w] = 0;
    const slot = c * w + p;
    const old = this.flags[slot] as number;
    this.flags[slot] = MISSING;
    if ((old & MISSING) === 0) this.missingCount[c] = (this.missingCount[c] as number) + 1;
    if ((old & RAILED) !== 0) this.railCount[c] = (this.railCount[c] as number) - 1;
    this.markRestart(c);
  }

  /** Processes `n` staged samples of channel c from `staged[offset…]` into its rings, from ring slot this.pos. */
  private processChannel(c: number, offset: number, n: number): void {
    const w = this.windowSamples;
    const src = this.staged;
    let k = 0;
    while (k < n) {
      const p = (this.pos + k) % w;
      const v = src[offset + k] as number;
      // Written so NaN fails too (every comparison with NaN is false).
      if (!(v >= -MAX_ABS && v <= MAX_ABS)) {
        this.writeMissing(c, p);
        k++;
        continue;
      }
      let end = k + 1;
      while (end < n) {
        const u = src[offset + end] as number;
        if (!(u >= -MAX_ABS && u <= MAX_ABS)) break;
        end++;
      }
      this.filterRun(c, src, offset + k, end - k, p);
      k = end;
    }
  }

  /** Filters a run of `len` usable samples and writes them at ring slots from p. */
  private filterRun(c: number, src: Float64Array, start: number, len: number, p: number): void {
    if (this.needsPrime[c]) {
      const hp = this.highpass[c] as BiquadCascade;
      const notch = this.notch[c] as BiquadCascade;
      const lp = this.lowpass[c] as BiquadCascade;
      lp.primeSteadyState(notch.primeSteadyState(hp.primeSteadyState(src[start] as number)));
      this.needsPrime[c] = 0;
    }
    const h = this.scratchH;
    // Without a notch the low-pass reads the high-passed block directly, and the mains ring stays zero.
    const notched = this.hasNotch ? this.scratchN : h;
    const f = this.scratchF;
    (this.highpass[c] as BiquadCascade).process(src, h, len, start, 0);
    if (this.hasNotch) (this.notch[c] as BiquadCascade).process(h, notched, len, 0, 0);
    (this.lowpass[c] as BiquadCascade).process(notched, f, len, 0, 0);
    this.writeRun(c, src, start, len, p, h, notched, f, 0, 1);
  }

  /**
   * Filters a block of `n` staged samples of every channel in the SIMD banks and writes them to the rings; false,
   * having changed nothing, when a channel needs priming or has an unusable sample in the block.
   */
  private filterBlockSimd(n: number): boolean {
    const banks = this.banks;
    if (banks === null) return false;
    const nc = this.channels;
    const staged = this.staged;
    for (let c = 0; c < nc; c++) if (this.needsPrime[c]) return false;
    for (let c = 0; c < nc; c++) {
      const input = (banks[(c / LANES) | 0] as SimdBiquads4).input;
      const lane = c % LANES;
      const base = c * BLOCK;
      for (let i = 0; i < n; i++) {
        const v = staged[base + i] as number;
        if (!(v >= -MAX_ABS && v <= MAX_ABS)) return false;
        input[i * LANES + lane] = v;
      }
    }
    if (!this.stateInBanks) this.moveFilterState(true);
    for (const bank of banks) bank.run(n);
    for (let c = 0; c < nc; c++) {
      // Indexed, not destructured: array destructuring goes through the iterator protocol.
      const outputs = (banks[(c / LANES) | 0] as SimdBiquads4).outputs;
      const h = outputs[0] as Float64Array;
      const notched = outputs[1] as Float64Array;
      const f = outputs[2] as Float64Array;
      this.writeRun(c, staged, c * BLOCK, n, this.pos, h, notched, f, c % LANES, LANES);
    }
    return true;
  }

  /** Moves every channel's filter state into the SIMD banks (`toBanks`) or back into its cascades. */
  private moveFilterState(toBanks: boolean): void {
    const banks = this.banks as SimdBiquads4[];
    for (let c = 0; c < this.channels; c++) {
      const bank = banks[(c / LANES) | 0] as SimdBiquads4;
      const lane = c % LANES;
      const cascades = [this.highpass[c], this.notch[c], this.lowpass[c]] as BiquadCascade[];
      cascades.forEach((cascade, stage) =>
        toBanks ? bank.loadState(stage, lane, cascade) : bank.storeState(stage, lane, cascade),
      );
    }
    this.stateInBanks = toBanks;
  }

  /**
   * Writes a run of `len` filtered samples of channel c to its rings from slot p, with their raw values
   * `src[start…]`: high-passed `h`, notched and final `f` read at `[base + i · stride]`.
   */
  private writeRun(
    c: number,
    src: Float64Array,
    start: number,
    len: number,
    p: number,
    h: Float64Array,
    notched: Float64Array,
    f: Float64Array,
    base: number,
    stride: number,
  ): void {
    const hasNotch = this.hasNotch;
    const w = this.windowSamples;
    const rail = this.thresholds.railUv;
    const filtered = this.filtered;
    const mains = this.mains;
    const flags = this.flags;
    const ringBase = c * 2 * w;
    const flagBase = c * w;
    let missing = this.missingCount[c] as number;
    let rails = this.railCount[c] as number;
    let good = this.goodRun[c] as number;
    let same = this.sameRun[c] as number;
    let last = this.lastRaw[c] as number;
    for (let i = 0; i < len; i++) {
      const raw = src[start + i] as number;
      const at = base + i * stride;
      const fv = f[at] as number;
      filtered[ringBase + p] = fv;
      filtered[ringBase + p + w] = fv;
      if (hasNotch) {
        const mv = (h[at] as number) - (notched[at] as number);
        mains[ringBase + p] = mv;
        mains[ringBase + p + w] = mv;
      }
      const old = flags[flagBase + p] as number;
      const railed = raw >= rail || raw <= -rail ? RAILED : 0;
      flags[flagBase + p] = railed;
      missing -= old >> 1;
      rails += railed - (old & RAILED);
      if (good < w) good++;
      if (raw === last) {
        if (same < w) same++;
      } else {
        same = 0;
      }
      last = raw;
      if (++p === w) p = 0;
    }
    this.missingCount[c] = missing;
    this.railCount[c] = rails;
    this.goodRun[c] = good;
    this.sameRun[c] = same;
    this.lastRaw[c] = last;
  }

  /**
   * The window pass in JavaScript: the weighted window into the periodogram's segment, and into
   * {@link windowStats} Σ, Σ², min and max of the filtered samples in [start, end) and the mains ring's energy.
   */
  private windowPass(start: number, end: number): void {
    const filtered = this.filtered;
    const mains = this.mains;
    const segment = this.plan.segment;
    const weights = this.plan.weights;
    const stats = this.windowStats;
    // Two interleaved accumulators per sum halve the floating-point add latency chain.
    let sum0 = 0;
    let sum1 = 0;
    let squares0 = 0;
    let squares1 = 0;
    let mains0 = 0;
    let mains1 = 0;
    let min = Infinity;
    let max = -Infinity;
    let i = start;
    // The window is applied in the same pass (the mean is removed afterwards, in the frequency domain).
    let j = 0;
    // Four samples per turn, even ones into the 0 accumulators and odd ones into the 1s, in the same order as
    // the pairs below: fewer loop tests, bit-identical sums.
    for (; i + 3 < end; i += 4, j += 4) {
      const v0 = filtered[i] as number;
      const v1 = filtered[i + 1] as number;
      const v2 = filtered[i + 2] as number;
      const v3 = filtered[i + 3] as number;
      segment[j] = v0 * (weights[j] as number);
      segment[j + 1] = v1 * (weights[j + 1] as number);
      segment[j + 2] = v2 * (weights[j + 2] as number);
      segment[j + 3] = v3 * (weights[j + 3] as number);
      sum0 += v0;
      sum1 += v1;
      squares0 += v0 * v0;
      squares1 += v1 * v1;
      sum0 += v2;
      sum1 += v3;
      squares0 += v2 * v2;
      squares1 += v3 * v3;
      if (v0 < min) min = v0;
      if (v1 < min) min = v1;
      if (v0 > max) max = v0;
      if (v1 > max) max = v1;
      if (v2 < min) min = v2;
      if (v3 < min) min = v3;
      if (v2 > max) max = v2;
      if (v3 > max) max = v3;
    }
    for (; i + 1 < end; i += 2, j += 2) {
      const v0 = filtered[i] as number;
      const v1 = filtered[i + 1] as number;
      segment[j] = v0 * (weights[j] as number);
      segment[j + 1] = v1 * (weights[j + 1] as number);
      sum0 += v0;
      sum1 += v1;
      squares0 += v0 * v0;
      squares1 += v1 * v1;
      // Plain comparisons: Math.min/max with three arguments do not inline as well.
      if (v0 < min) min = v0;
      if (v1 < min) min = v1;
      if (v0 > max) max = v0;
      if (v1 > max) max = v1;
    }
    if (i < end) {
      const v = filtered[i] as number;
      segment[j] = v * (weights[j] as number);
      sum0 += v;
      squares0 += v * v;
      if (v < min) min = v;
      if (v > max) max = v;
    }
    // Without a notch the mains ring stays zero.
    if (this.hasNotch) {
      let j = start;
      for (; j + 1 < end; j += 2) {
        const m0 = mains[j] as number;
        const m1 = mains[j + 1] as number;
        mains0 += m0 * m0;
        mains1 += m1 * m1;
      }
      if (j < end) {
        const m = mains[j] as number;
        mains0 += m * m;
      }
    }
    stats[0] = sum0 + sum1;
    stats[1] = squares0 + squares1;
    stats[2] = min;
    stats[3] = max;
    stats[4] = mains0 + mains1;
  }

  private computeUpdate(): void {
    const u = this.update;
    const w = this.windowSamples;
    const nc = this.channels;
    const nb = this.bands.length;
    const metrics = this.metrics;
    u.index = this.index;
    u.t = this.index / this.sampleRate;
    u.meanAbsolute.fill(0);
    u.meanRelative.fill(0);
    const filtered = this.filtered;
    const stats = this.windowStats;
    const simd = this.plan.fft.simd;
    let validChannels = 0;
    for (let c = 0; c < nc; c++) {
      // The window's oldest sample sits at the slot the next sample will overwrite.
      const start = c * 2 * w + this.pos;
      const end = start + w;
      if (simd !== null) {
        // The same pass in WebAssembly SIMD, writing the weighted window straight into the FFT's input.
        simd.weigh(start, w);
        simd.statsInto(stats);
        // The mains ring follows the filtered one in the heap.
        if (this.hasNotch) simd.energyInto(filtered.length + start, w, stats, 4);
        else stats[4] = 0;
      } else {
        this.windowPass(start, end);
      }
      const sum = stats[0] as number;
      const sumSquares = stats[1] as number;
      const min = stats[2] as number;
      const max = stats[3] as number;
      const mainsEnergy = stats[4] as number;
      const mean = sum / w;
      const inBand = Math.max(0, sumSquares - sum * mean);
      metrics.missingFraction = (this.missingCount[c] as number) / w;
      metrics.railFraction = (this.railCount[c] as number) / w;
      metrics.constant = (this.sameRun[c] as number) >= w - 1;
      metrics.stdUv = Math.sqrt(inBand / w);
      metrics.ptpUv = max - min;
      metrics.lineNoiseRatio =
        this.hasNotch && mainsEnergy + inBand > 0 ? mainsEnergy / (mainsEnergy + inBand) : 0;
      u.quality[c] = classifySignalQuality(metrics, this.thresholds);

      let valid = (this.goodRun[c] as number) >= w;
      if (valid) periodogramOfWeightedInto(this.plan, this.psd, mean, this.binCount);
      if (valid) {
        bandSumsInto(this.psd, this.bins, this.sums);
        let total = 0;
        for (let b = 0; b < nb; b++) total += this.sums[b] as number;
        for (let b = 0; b < nb; b++) {
          const s = this.sums[b] as number;
          u.absolute[b * nc + c] = absoluteBandPower(s);
          u.relative[b * nc + c] = total > 0 ? s / total : 0;
        }
        // Belt and braces: whatever happened upstream, nothing non-finite leaves.
        if (!Number.isFinite(total)) valid = false;
      }
      if (!valid) {
        for (let b = 0; b < nb; b++) {
          u.absolute[b * nc + c] = 0;
          u.relative[b * nc + c] = 0;
        }
        // Only reachable if the spectrum failed despite a full window; an unusable window is never good.
        if (u.quality[c] === QUALITY_GOOD) u.quality[c] = QUALITY_BAD;
      } else {
        validChannels++;
        for (let b = 0; b < nb; b++) {
          u.meanAbsolute[b] = (u.meanAbsolute[b] as number) + (u.absolute[b * nc + c] as number);
          u.meanRelative[b] = (u.meanRelative[b] as number) + (u.relative[b * nc + c] as number);
        }
      }
      u.valid[c] = valid ? 1 : 0;
    }
    if (validChannels > 0) {
      for (let b = 0; b < nb; b++) {
        u.meanAbsolute[b] = (u.meanAbsolute[b] as number) / validChannels;
        u.meanRelative[b] = (u.meanRelative[b] as number) / validChannels;
      }
    }
  }
}
