/**
 * Deterministic Muse-like EEG: a 1/f background, alpha/theta/beta rhythms as noise-driven resonators whose
 * strengths follow a scripted mental state, mains hum, and artifacts (blinks, eye rolls, jaw clenches, head
 * motion, contact loss). Same seed and options → the same samples in Node and every browser, however the
 * caller slices its reads: the signal is made in fixed 32-sample blocks aligned to the session start.
 */
import {
  ArtifactScheduler,
  RAIL_HIGH_UV,
  RAIL_LOW_UV,
  type ActiveArtifact,
  type SynthEvent,
} from './artifacts.ts';
import { alphaMix, channelProfile, MUSE_CHANNELS, type ChannelProfile } from './channels.ts';
import { detCos, detSin } from './det-math.ts';
import {
  backgroundRms,
  highpassRms,
  onePole,
  PINK_DELAYED,
  PINK_DIRECT,
  ResonatorCoefficients,
} from './filters.ts';
import { assertSeed, Xoshiro128 } from './prng.ts';
import { blendParams, emptyParams, STATE_PARAMS, type StateParams, type SynthStateName } from './states.ts';
import {
  compileTimeline,
  locate,
  type BuiltinSessionName,
  type CompiledTimeline,
  type SessionTimeline,
} from './timeline.ts';

export type { SynthEvent } from './artifacts.ts';
export { RAIL_HIGH_UV, RAIL_LOW_UV } from './artifacts.ts';
export { MUSE_CHANNELS } from './channels.ts';
export { STATE_PARAMS, SYNTH_STATE_NAMES, type StateParams, type SynthStateName } from './states.ts';
export {
  ARTIFACT_KINDS,
  BUILTIN_SESSION_NAMES,
  BUILTIN_SESSIONS,
  CONTACT_LOSS_MODES,
  type ArtifactKind,
  type BuiltinSessionName,
  type ContactLossMode,
  type ScriptedEvent,
  type SessionTimeline,
  type TimelineSegment,
} from './timeline.ts';

/** How to build a synthesizer. */
export interface SynthOptions {
  /** Any safe integer; the whole signal and every artifact follow from it. */
  readonly seed: number;
  /** A built-in session name or a script of states. */
  readonly timeline: SessionTimeline | BuiltinSessionName;
  /** Samples per second per channel, Hz (default 256, at least 128). */
  readonly sampleRate?: number;
  /** Electrode names in 10-20 notation (default TP9, AF7, AF8, TP10); they set how each source shows. */
  readonly channels?: readonly string[];
  /** Mains frequency of the hum, Hz, or null for none (default 50). */
  readonly mainsHz?: 50 | 60 | null;
}

/** Ground truth at one instant: the scripted state, the crossfade and the blended parameters. */
export interface SynthState extends Readonly<StateParams> {
  /** Time asked for, s. */
  readonly t: number;
  /** State of the segment t falls in. */
  readonly state: SynthStateName;
  /** The segment's label, or its state when it has none. */
  readonly label: string;
  readonly segmentIndex: number;
  /** Completed loop cycles (0 for one-shot timelines). */
  readonly cycle: number;
  /** State being faded out, while a crossfade is under way; else null. */
  readonly from: SynthStateName | null;
  /** Weight of `state` in the blend, 0..1 (1 once the crossfade is over). */
  readonly mix: number;
}

const BLOCK = 32;
const MIN_SAMPLE_RATE = 128;
/** Resonator bandwidths, Hz: alpha narrow enough to come in visible spindles, beta broad. */
const ALPHA_BW_HZ = 1.2;
const THETA_BW_HZ = 2;
const BETA_BW_HZ = 6;
/** Corner of the "brown" part of the background, Hz, and its weight against the pink part. */
const BROWN_CORNER_HZ = 2;
const BROWN_WEIGHT = 8;
/** EMG is white noise above this frequency, Hz. */
const EMG_HIGHPASS_HZ = 20;
/** Slow random modulation of alpha and theta strength: correlation time s and depth (fraction). */
const MOD_TAU_S = 2;
const MOD_DEPTH = 0.35;
/** While contact is lost with drift: random-walk step µV/√s, pull back to 0 per s, mains hum µV. */
const DRIFT_STEP_UV = 150;
const DRIFT_PULL_PER_S = 0.2;
const DRIFT_MAINS_UV = 150;
/** Jaw clench envelope rise and fall, s. */
const JAW_RAMP_S = 0.05;
/** Per-channel filter state: pink b0..b6, brown, beta y1 y2, EMG highpass x1 y1 z1 y2. */
const STRIDE = 16;
/** Peak-normalising factors of the artifact shapes on p in [0, 1]. */
const BLINK_NORM = 1 / (0.4 * 0.4 * 0.6 * 0.6 * 0.6);
const ROLL_NORM = 16;
// p²(1−p)²(1−2p) peaks at p = (5 − √5)/10 ≈ 0.2764 with value ≈ 0.01789.
const MOTION_NORM = 1 / 0.017888543819998316;

function validateChannels(channels: unknown): readonly string[] {
  if (!Array.isArray(channels) || channels.length === 0) {
    throw new Error('channels must be a non-empty array of electrode names');
  }
  const seen = new Set<string>();
  for (const c of channels) {
    if (typeof c !== 'string' || c.trim() === '')
      throw new Error(`channel names must be non-empty strings (got ${String(c)})`);
    if (seen.has(c)) throw new Error(`channel '${c}' is listed twice`);
    seen.add(c);
  }
  return Object.freeze([...(channels as string[])]);
}

/**
 * A Muse-like EEG source. Read it with next(); ask stateAt() and events for the ground truth behind the signal.
 * One-shot timelines end after totalSamples; looping ones never end.
 */
export class EegSynthesizer {
  /** Samples per second per channel, Hz. */
  readonly sampleRate: number;
  readonly channels: readonly string[];
  /** Length of the session, s; Infinity for looping timelines. */
  readonly durationS: number;
  /** Samples per channel in the session: Math.round(durationS · sampleRate); Infinity when looping. */
  readonly totalSamples: number;
  /** Mains hum frequency, Hz, or null. */
  readonly mainsHz: 50 | 60 | null;

  private readonly timeline: CompiledTimeline;
  private readonly profiles: readonly ChannelProfile[];
  private readonly alphaWeights: Float64Array;
  private readonly rng: Xoshiro128;
  private readonly emgRng: Xoshiro128;
  private readonly contactRng: Xoshiro128;
  private readonly scheduler: ArtifactScheduler;
  private readonly eventLog: SynthEvent[] = [];
  private active: ActiveArtifact[] = [];

  private readonly blockBuf: Float32Array[];
  private blockPos = BLOCK;
  private blockStart = -BLOCK;
  private produced = 0;
  private readonly lastOut: Float64Array;

  private p0: StateParams = emptyParams();
  private p1: StateParams = emptyParams();
  private readonly scratchParams: StateParams = emptyParams();
  private mod0 = new Float64Array(2);
  private mod1 = new Float64Array(2);
  private readonly modRho: number;
  private readonly modGain: number;

  private readonly alphaL = new ResonatorCoefficients();
  private readonly alphaR = new ResonatorCoefficients();
  private readonly thetaC = new ResonatorCoefficients();
  private readonly betaC = new ResonatorCoefficients();
  /** Latent generator states: alphaL y1 y2, alphaR y1 y2, theta y1 y2. */
  private readonly latent = new Float64Array(6);
  private readonly chState: Float64Array;

  private readonly brownPole: number;
  private readonly bgNorm: number;
  private readonly emgPole: number;
  private readonly emgNorm: number;
  private readonly mainsCos: number;
  private readonly mainsSin: number;

  private readonly noise = new Float64Array(3 * BLOCK);
  private readonly srcAlphaL = new Float64Array(BLOCK);
  private readonly srcAlphaR = new Float64Array(BLOCK);
  private readonly srcTheta = new Float64Array(BLOCK);
  private readonly mains = new Float64Array(BLOCK);
  private readonly acc = new Float64Array(BLOCK);
  private readonly emgEnv = new Float64Array(BLOCK);

  constructor(options: SynthOptions) {
    if (typeof options !== 'object' || options === null)
      throw new Error('EegSynthesizer needs an options object');
    assertSeed(options.seed);
    const fs = options.sampleRate ?? 256;
    if (typeof fs !== 'number' || !Number.isFinite(fs) || fs < MIN_SAMPLE_RATE) {
      throw new Error(`sampleRate must be a finite number ≥ ${MIN_SAMPLE_RATE} Hz (got ${String(fs)})`);
    }
    const mainsHz = options.mainsHz === undefined ? 50 : options.mainsHz;
    if (mainsHz !== null && mainsHz !== 50 && mainsHz !== 60) {
      throw new Error(`mainsHz must be 50, 60 or null (got ${String(mainsHz)})`);
    }
    this.sampleRate = fs;
    this.mainsHz = mainsHz;
    this.channels = validateChannels(options.channels ?? MUSE_CHANNELS);
    this.timeline = compileTimeline(options.timeline, this.channels);
    this.durationS = this.timeline.durationS;
    this.totalSamples = this.timeline.loop ? Infinity : Math.round(this.durationS * fs);

    const nch = this.channels.length;
    this.profiles = this.channels.map(channelProfile);
    this.alphaWeights = new Float64Array(2 * nch);
    this.profiles.forEach((p, c) => this.alphaWeights.set(alphaMix(p.side), 2 * c));
    this.blockBuf = this.channels.map(() => new Float32Array(BLOCK));
    this.lastOut = new Float64Array(nch);
    this.chState = new Float64Array(STRIDE * nch);

    this.rng = new Xoshiro128(options.seed, 0);
    this.emgRng = new Xoshiro128(options.seed, 1);
    this.contactRng = new Xoshiro128(options.seed, 2);
    this.scheduler = new ArtifactScheduler(
      options.seed,
      this.timeline,
      this.channels,
      this.profiles,
      fs,
      (t, out) => this.paramsAt(t, out),
    );

    this.brownPole = onePole(BROWN_CORNER_HZ, fs);
    this.bgNorm = 1 / backgroundRms(this.brownPole, BROWN_WEIGHT);
    this.emgPole = onePole(EMG_HIGHPASS_HZ, fs);
    this.emgNorm = 1 / highpassRms(this.emgPole);
    const omega = (2 * Math.PI * (mainsHz ?? 0)) / fs;
    this.mainsCos = detCos(omega);
    this.mainsSin = detSin(omega);
    this.modRho = 1 - BLOCK / (fs * MOD_TAU_S);
    this.modGain = Math.sqrt(1 - this.modRho * this.modRho);

    this.paramsAt(0, this.p1);
    this.mod1[0] = this.rng.nextGaussian();
    this.mod1[1] = this.rng.nextGaussian();
  }

  /** Samples per channel produced so far. */
  get position(): number {
    return this.produced;
  }

  /** Artifacts scheduled so far (those starting before the end of the current 32-sample block), in time order. */
  get events(): readonly SynthEvent[] {
    return this.eventLog;
  }

  /**
   * Writes the next n samples of every channel into out[c][0..n), µV. Throws past the end of a one-shot
   * timeline (see totalSamples).
   */
  next(out: readonly Float32Array[], n: number): void {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`next: n must be an integer ≥ 0 (got ${n})`);
    if (out.length !== this.channels.length) {
      throw new Error(
        `next: out must hold one Float32Array per channel (${this.channels.length}, got ${out.length})`,
      );
    }
    for (const [c, arr] of out.entries()) {
      if (!(arr instanceof Float32Array) || arr.length < n) {
        throw new Error(`next: out[${c}] must be a Float32Array of length ≥ ${n}`);
      }
    }
    if (this.produced + n > this.totalSamples) {
      throw new Error(
        `next: only ${this.totalSamples - this.produced} samples remain of this ${this.durationS} s timeline (asked for ${n})`,
      );
    }
    let written = 0;
    while (written < n) {
      if (this.blockPos === BLOCK) this.renderBlock();
      const k = Math.min(BLOCK - this.blockPos, n - written);
      for (let c = 0; c < out.length; c++) {
        const dst = out[c] as Float32Array;
        const src = this.blockBuf[c] as Float32Array;
        for (let i = 0; i < k; i++) dst[written + i] = src[this.blockPos + i] as number;
      }
      this.blockPos += k;
      written += k;
    }
    this.produced += n;
  }

  /** The scripted state at t (s): segment, crossfade and blended amplitudes (µV RMS) and rates. */
  stateAt(t: number): SynthState {
    if (typeof t !== 'number' || !Number.isFinite(t) || t < 0) {
      throw new RangeError(`stateAt: t must be a finite number ≥ 0 s (got ${String(t)})`);
    }
    if (t > this.durationS)
      throw new RangeError(`stateAt: t = ${t} s is past the end of the ${this.durationS} s timeline`);
    const pos = locate(this.timeline, t);
    const params = emptyParams();
    this.paramsAt(t, params);
    return {
      ...params,
      t,
      state: pos.segment.state,
      label: pos.segment.label ?? pos.segment.state,
      segmentIndex: pos.segment.index,
      cycle: pos.cycle,
      from: pos.from?.state ?? null,
      mix: pos.mix,
    };
  }

  private paramsAt(t: number, out: StateParams): void {
    const pos = locate(this.timeline, t);
    const to = STATE_PARAMS[pos.segment.state];
    const from = pos.from === null ? to : STATE_PARAMS[pos.from.state];
    blendParams(from, to, pos.mix, out);
  }

  private renderBlock(): void {
    const fs = this.sampleRate;
    this.blockStart += BLOCK;
    this.blockPos = 0;
    const n0 = this.blockStart;
    const n1 = n0 + BLOCK;
    // Parameters ramp linearly from the block's start to its end, so nothing steps between blocks.
    const p = this.p0;
    this.p0 = this.p1;
    this.p1 = p;
    const m = this.mod0;
    this.mod0 = this.mod1;
    this.mod1 = m;
    this.paramsAt(n1 / fs, this.p1);
    for (let k = 0; k < 2; k++) {
      this.mod1[k] = this.modRho * (this.mod0[k] as number) + this.modGain * this.rng.nextGaussian();
    }
    const before = this.active.length;
    this.scheduler.advance(n1, this.active);
    for (let i = before; i < this.active.length; i++)
      this.eventLog.push((this.active[i] as ActiveArtifact).event);

    this.renderLatent();
    this.renderMains(n0);
    for (let c = 0; c < this.channels.length; c++) this.renderChannel(c, n0);

    let keep = 0;
    for (const a of this.active) if (a.end > n1) this.active[keep++] = a;
    this.active.length = keep;
  }

  /** Alpha (left and right) and theta generators shared by all electrodes, at unit variance. */
  private renderLatent(): void {
    const fs = this.sampleRate;
    const alphaHz = 0.5 * (this.p0.alphaHz + this.p1.alphaHz);
    // The right hemisphere runs a touch faster so the two sides drift in and out of phase.
    this.alphaL.set(alphaHz, ALPHA_BW_HZ, fs);
    this.alphaR.set(alphaHz + 0.15, ALPHA_BW_HZ, fs);
    this.thetaC.set(0.5 * (this.p0.thetaHz + this.p1.thetaHz), THETA_BW_HZ, fs);
    const z = this.noise;
    this.rng.fillGaussian(z, 3 * BLOCK);
    const s = this.latent;
    const L = this.alphaL;
    const R = this.alphaR;
    const T = this.thetaC;
    let l1 = s[0] as number;
    let l2 = s[1] as number;
    let r1 = s[2] as number;
    let r2 = s[3] as number;
    let t1 = s[4] as number;
    let t2 = s[5] as number;
    for (let i = 0; i < BLOCK; i++) {
      const l = L.a1 * l1 + L.a2 * l2 + L.gain * (z[3 * i] as number);
      const r = R.a1 * r1 + R.a2 * r2 + R.gain * (z[3 * i + 1] as number);
      const t = T.a1 * t1 + T.a2 * t2 + T.gain * (z[3 * i + 2] as number);
      l2 = l1;
      l1 = l;
      r2 = r1;
      r1 = r;
      t2 = t1;
      t1 = t;
      this.srcAlphaL[i] = l;
      this.srcAlphaR[i] = r;
      this.srcTheta[i] = t;
    }
    s[0] = l1;
    s[1] = l2;
    s[2] = r1;
    s[3] = r2;
    s[4] = t1;
    s[5] = t2;
  }

  /** Unit-amplitude mains sine, re-anchored to the exact phase every block so it never drifts. */
  private renderMains(n0: number): void {
    const m = this.mains;
    if (this.mainsHz === null) {
      m.fill(0);
      return;
    }
    const cycles = (n0 * this.mainsHz) / this.sampleRate;
    const phase = 2 * Math.PI * (cycles - Math.floor(cycles));
    let sn = detSin(phase);
    let cs = detCos(phase);
    const c = this.mainsCos;
    const s = this.mainsSin;
    for (let i = 0; i < BLOCK; i++) {
      m[i] = sn;
      const next = sn * c + cs * s;
      cs = cs * c - sn * s;
      sn = next;
    }
  }

  private renderChannel(c: number, n0: number): void {
    const prof = this.profiles[c] as ChannelProfile;
    const st = this.chState;
    const o = c * STRIDE;
    const p0 = this.p0;
    const p1 = this.p1;
    const inv = 1 / BLOCK;
    const modNorm = 1 / Math.sqrt(1 + MOD_DEPTH * MOD_DEPTH);
    const modA0 = Math.max(0.2, 1 + MOD_DEPTH * (this.mod0[0] as number)) * modNorm;
    const modA1 = Math.max(0.2, 1 + MOD_DEPTH * (this.mod1[0] as number)) * modNorm;
    const modT0 = Math.max(0.2, 1 + MOD_DEPTH * (this.mod0[1] as number)) * modNorm;
    const modT1 = Math.max(0.2, 1 + MOD_DEPTH * (this.mod1[1] as number)) * modNorm;
    const bgK = prof.background * this.bgNorm;
    const bg0 = p0.background * bgK;
    const bgD = (p1.background * bgK - bg0) * inv;
    const al0 = p0.alpha * prof.alpha * modA0;
    const alD = (p1.alpha * prof.alpha * modA1 - al0) * inv;
    const th0 = p0.theta * prof.theta * modT0;
    const thD = (p1.theta * prof.theta * modT1 - th0) * inv;
    const be0 = p0.beta * prof.beta;
    const beD = (p1.beta * prof.beta - be0) * inv;
    const wL = this.alphaWeights[2 * c] as number;
    const wR = this.alphaWeights[2 * c + 1] as number;
    const mainsUv = prof.mainsUv;
    const B = this.betaC;
    B.set(0.5 * (p0.betaHz + p1.betaHz), BETA_BW_HZ, this.sampleRate);
    const bA1 = B.a1;
    const bA2 = B.a2;
    const bG = B.gain;
    const pb = this.brownPole;
    const pbIn = (1 - pb) * BROWN_WEIGHT;
    // Imported bindings can cost a getter call per read under some loaders: read them once.
    const pinkDirect = PINK_DIRECT;
    const pinkDelayed = PINK_DELAYED;

    const z = this.noise;
    this.rng.fillGaussian(z, 2 * BLOCK);
    const aL = this.srcAlphaL;
    const aR = this.srcAlphaR;
    const th = this.srcTheta;
    const mains = this.mains;
    const acc = this.acc;
    let b0 = st[o] as number;
    let b1 = st[o + 1] as number;
    let b2 = st[o + 2] as number;
    let b3 = st[o + 3] as number;
    let b4 = st[o + 4] as number;
    let b5 = st[o + 5] as number;
    let b6 = st[o + 6] as number;
    let br = st[o + 7] as number;
    let y1 = st[o + 8] as number;
    let y2 = st[o + 9] as number;
    for (let i = 0; i < BLOCK; i++) {
      const w = z[2 * i] as number;
      b0 = 0.99886 * b0 + w * 0.0555179;
      b1 = 0.99332 * b1 + w * 0.0750759;
      b2 = 0.969 * b2 + w * 0.153852;
      b3 = 0.8665 * b3 + w * 0.3104856;
      b4 = 0.55 * b4 + w * 0.5329522;
      b5 = -0.7616 * b5 - w * 0.016898;
      const pink = b0 + b1 + b2 + b3 + b4 + b5 + b6 + w * pinkDirect;
      b6 = w * pinkDelayed;
      br = pb * br + w * pbIn;
      const beta = bA1 * y1 + bA2 * y2 + bG * (z[2 * i + 1] as number);
      y2 = y1;
      y1 = beta;
      acc[i] =
        (bg0 + bgD * i) * (pink + br) +
        (al0 + alD * i) * (wL * (aL[i] as number) + wR * (aR[i] as number)) +
        (th0 + thD * i) * (th[i] as number) +
        (be0 + beD * i) * beta +
        mainsUv * (mains[i] as number);
    }
    st[o] = b0;
    st[o + 1] = b1;
    st[o + 2] = b2;
    st[o + 3] = b3;
    st[o + 4] = b4;
    st[o + 5] = b5;
    st[o + 6] = b6;
    st[o + 7] = br;
    st[o + 8] = y1;
    st[o + 9] = y2;

    this.renderArtifacts(c, n0, prof);
    const out = this.blockBuf[c] as Float32Array;
    for (let i = 0; i < BLOCK; i++) out[i] = acc[i] as number;
    this.lastOut[c] = acc[BLOCK - 1] as number;
  }

  /** Adds EMG and artifact shapes to acc, then lets lost contacts override it. */
  private renderArtifacts(c: number, n0: number, prof: ChannelProfile): void {
    const acc = this.acc;
    const env = this.emgEnv;
    const e0 = this.p0.emg * prof.emg;
    const e1 = this.p1.emg * prof.emg;
    let emgOn = e0 > 0 || e1 > 0;
    if (emgOn) for (let i = 0; i < BLOCK; i++) env[i] = e0 + ((e1 - e0) * i) / BLOCK;
    let contact = false;
    for (const a of this.active) {
      const g = a.gains[c] as number;
      if (g === 0 || a.end <= n0 || a.start >= n0 + BLOCK) continue;
      const kind = a.event.kind;
      if (kind === 'contact-loss') {
        contact = true;
        continue;
      }
      const i0 = Math.max(a.start, n0) - n0;
      const i1 = Math.min(a.end, n0 + BLOCK) - n0;
      const len = a.end - a.start;
      const off = n0 - a.start + 0.5;
      if (kind === 'blink') {
        for (let i = i0; i < i1; i++) {
          const p = (i + off) / len;
          const q = 1 - p;
          acc[i] = (acc[i] as number) + g * BLINK_NORM * p * p * q * q * q;
        }
      } else if (kind === 'eye-roll') {
        for (let i = i0; i < i1; i++) {
          const p = (i + off) / len;
          const q = 1 - p;
          acc[i] = (acc[i] as number) + g * ROLL_NORM * p * p * q * q;
        }
      } else if (kind === 'motion') {
        for (let i = i0; i < i1; i++) {
          const p = (i + off) / len;
          const q = 1 - p;
          acc[i] = (acc[i] as number) + g * MOTION_NORM * p * p * q * q * (q - p);
        }
      } else {
        if (!emgOn) {
          env.fill(0);
          emgOn = true;
        }
        const ramp = Math.max(1, Math.min(JAW_RAMP_S * this.sampleRate, len / 4));
        for (let i = i0; i < i1; i++) {
          const k = i + off;
          const x = Math.min(1, k / ramp, (len - k) / ramp);
          env[i] = (env[i] as number) + g * x * x * (3 - 2 * x);
        }
      }
    }
    this.renderEmg(c, emgOn);
    if (contact) this.renderContactLoss(c, n0);
  }

  /** White noise through two 20 Hz highpasses, scaled by the envelope; the filter rests while unused. */
  private renderEmg(c: number, on: boolean): void {
    const st = this.chState;
    const o = c * STRIDE + 10;
    if (!on) {
      st.fill(0, o, o + 4);
      return;
    }
    const z = this.noise;
    this.emgRng.fillGaussian(z, BLOCK);
    const p = this.emgPole;
    const k = this.emgNorm;
    const acc = this.acc;
    const env = this.emgEnv;
    let x1 = st[o] as number;
    let y1 = st[o + 1] as number;
    let z1 = st[o + 2] as number;
    let y2 = st[o + 3] as number;
    for (let i = 0; i < BLOCK; i++) {
      const w = z[i] as number;
      y1 = p * (y1 + w - x1);
      x1 = w;
      y2 = p * (y2 + y1 - z1);
      z1 = y1;
      acc[i] = (acc[i] as number) + (env[i] as number) * k * y2;
    }
    st[o] = x1;
    st[o + 1] = y1;
    st[o + 2] = z1;
    st[o + 3] = y2;
  }

  /** A lost electrode rails, holds its last value, or wanders with strong hum, replacing the signal. */
  private renderContactLoss(c: number, n0: number): void {
    const acc = this.acc;
    const fs = this.sampleRate;
    const step = DRIFT_STEP_UV / Math.sqrt(fs);
    const pull = 1 - DRIFT_PULL_PER_S / fs;
    for (const a of this.active) {
      if (a.event.kind !== 'contact-loss' || a.gains[c] === 0 || a.end <= n0 || a.start >= n0 + BLOCK)
        continue;
      const i0 = Math.max(a.start, n0) - n0;
      const i1 = Math.min(a.end, n0 + BLOCK) - n0;
      if (a.start >= n0) a.level = i0 > 0 ? (acc[i0 - 1] as number) : (this.lastOut[c] as number);
      const mode = a.event.mode;
      for (let i = i0; i < i1; i++) {
        if (mode === 'rail') {
          acc[i] = a.railUv;
        } else if (mode === 'flat') {
          acc[i] = a.level;
        } else {
          a.level = clampRail(a.level * pull + step * this.contactRng.nextGaussian());
          acc[i] = clampRail(a.level + DRIFT_MAINS_UV * (this.mains[i] as number));
        }
      }
    }
  }
}

function clampRail(v: number): number {
  return v > RAIL_HIGH_UV ? RAIL_HIGH_UV : v < RAIL_LOW_UV ? RAIL_LOW_UV : v;
}
