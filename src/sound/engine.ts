/**
 * The soundscape: a procedural WebAudio graph (noise through filters, slow LFOs, oscillators; no audio files)
 * that follows the governed scene parameters. It takes any BaseAudioContext, so tests render it offline.
 *
 *   noise ─ filter ─ swell amp ┐
 *   drone ×3 + dissonance ─ lp ┤
 *   pad partials ─ lp ─ echo ──┴─ dropout ─ tone ─ level ─ fade ─ limiter ─ trim ─ destination
 *   crackle ─ lp ─────────────────────────────────┘
 *
 * Every change glides with setTargetAtTime (no zipper noise); updates allocate nothing.
 */
import type { SceneParams } from '../../scenes/params.ts';
import type { SoundSpec } from '../architect/spec.ts';
import {
  BED_VOICING,
  createVoiceTargets,
  GLIDE,
  soundTargets,
  type SoundListening,
  type VoiceTargets,
} from './mapping.ts';
import { fillCrackle, fillDropouts, fillPinkNoise } from './noise.ts';

/** The limiter: fast attack, high ratio, hard knee, threshold ≈ −6 dBFS. */
export const LIMITER = { thresholdDb: -6, kneeDb: 0, ratio: 20, attackS: 0.001, releaseS: 0.25 } as const;
/**
 * WebAudio's compressor adds automatic make-up gain ((1 / full-range gain)^0.6, ≈ +3.4 dB at these settings),
 * which would lift its ceiling to ≈ −2.3 dBFS; this trim brings it back to ≈ −5.4 dBFS, leaving headroom for
 * the few milliseconds an onset takes to be caught.
 */
export const LIMITER_TRIM = 0.7;

/** Pad partials over A (110 Hz): octave, fifth, major third — open and consonant; from 3 on, the sparkle. */
const PAD_ROOT_HZ = 110;
const PAD_RATIOS = [2, 3, 4, 6, 8, 10, 12, 16] as const;
const SPARKLE_FROM = 3;
// Per-layer scale factors, so that the mapping's gains (0..1) give a similar loudness in every layer.
const DRONE_SCALE = 0.22;
const DISSONANCE_SCALE = 0.3;
const PAD_SCALE = 0.16;
const ECHO_FEEDBACK = 0.42;
const CHANGE_EPS = 1e-4;

function changed(a: number, b: number): boolean {
  return Math.abs(a - b) > CHANGE_EPS * Math.max(1, Math.abs(b));
}

export class Soundscape {
  readonly ctx: BaseAudioContext;
  /** The limiter's input and output, exposed for metering. */
  readonly limiter: DynamicsCompressorNode;
  readonly output: GainNode;
  private readonly targets: VoiceTargets = createVoiceTargets();
  private readonly sent: VoiceTargets = createVoiceTargets();
  private readonly sources: AudioScheduledSourceNode[] = [];
  private bed: SoundSpec['bed'] | null = null;
  private started = false;
  private primed = false;
  private stopped = false;

  private readonly noiseFilter: BiquadFilterNode;
  private readonly noiseAmp: GainNode;
  private readonly swellA: OscillatorNode;
  private readonly swellB: OscillatorNode;
  private readonly swellAGain: GainNode;
  private readonly swellBGain: GainNode;
  private readonly gustGain: GainNode;
  private readonly drones: OscillatorNode[];
  private readonly dissonant: OscillatorNode[];
  private readonly droneFilter: BiquadFilterNode;
  private readonly droneAmp: GainNode;
  private readonly dissAmp: GainNode;
  private readonly shimmerLfos: OscillatorNode[] = [];
  private readonly partialAmps: GainNode[] = [];
  private readonly shimmerGains: GainNode[] = [];
  private readonly padAmp: GainNode;
  private readonly sparkleAmp: GainNode;
  private readonly crackleAmp: GainNode;
  private readonly dropDepth: GainNode;
  private readonly dropGain: GainNode;
  private readonly tone: BiquadFilterNode;
  private readonly level: GainNode;
  private readonly fade: GainNode;

  /**
   * `drive` multiplies the level before the limiter: 1 in the app; tests push it past full scale to show the
   * limiter holds its ceiling.
   */
  constructor(
    ctx: BaseAudioContext,
    destination: AudioNode = ctx.destination,
    seed = 1,
    private readonly drive = 1,
  ) {
    this.ctx = ctx;
    const sr = ctx.sampleRate;
    const gain = (value: number) => {
      const g = ctx.createGain();
      g.gain.value = value;
      return g;
    };
    const filter = (type: BiquadFilterType, hz: number, q: number) => {
      const f = ctx.createBiquadFilter();
      f.type = type;
      f.frequency.value = hz;
      f.Q.value = q;
      return f;
    };
    const osc = (type: OscillatorType, hz: number) => {
      const o = ctx.createOscillator();
      o.type = type;
      o.frequency.value = hz;
      this.sources.push(o);
      return o;
    };
    const loop = (data: Float32Array<ArrayBuffer>) => {
      const buffer = ctx.createBuffer(1, data.length, sr);
      buffer.copyToChannel(data, 0);
      const s = ctx.createBufferSource();
      s.buffer = buffer;
      s.loop = true;
      this.sources.push(s);
      return s;
    };

    // Output chain, built first so nothing ever reaches the destination unguarded.
    this.fade = gain(0);
    this.level = gain(0);
    this.limiter = ctx.createDynamicsCompressor();
    this.limiter.threshold.value = LIMITER.thresholdDb;
    this.limiter.knee.value = LIMITER.kneeDb;
    this.limiter.ratio.value = LIMITER.ratio;
    this.limiter.attack.value = LIMITER.attackS;
    this.limiter.release.value = LIMITER.releaseS;
    this.output = gain(LIMITER_TRIM);
    this.tone = filter('lowpass', 2000, 0.5);
    this.dropGain = gain(1);
    this.dropGain.connect(this.tone).connect(this.level).connect(this.fade).connect(this.limiter);
    this.limiter.connect(this.output).connect(destination);
    const mix = this.dropGain;

    // Noise: surf or wind. Swells move its loudness; their crests also open its filter.
    // Two uncorrelated tables, one per ear: the surf and the wind surround the listener instead of sitting
    // in the middle of the head.
    const noiseL = loop(fillPinkNoise(new Float32Array(Math.round(sr * 7.3)), seed));
    const noiseR = loop(fillPinkNoise(new Float32Array(Math.round(sr * 6.7)), seed + 7));
    const noise = ctx.createChannelMerger(2);
    noiseL.connect(noise, 0, 0);
    noiseR.connect(noise, 0, 1);
    this.noiseFilter = filter('lowpass', 600, 0.7);
    this.noiseAmp = gain(0);
    noise.connect(this.noiseFilter).connect(this.noiseAmp).connect(mix);
    this.swellA = osc('sine', 0.08);
    this.swellB = osc('sine', 0.08 * 1.618);
    // A wave builds slowly and breaks quickly: shape the sine so its crest is short and its trough long.
    const crest = ctx.createWaveShaper();
    const curve = new Float32Array(257);
    for (let i = 0; i < curve.length; i++) curve[i] = 2 * Math.pow(i / (curve.length - 1), 2.2) - 1;
    crest.curve = curve;
    this.swellAGain = gain(0);
    this.swellBGain = gain(0);
    this.gustGain = gain(0);
    this.swellA.connect(crest);
    crest.connect(this.swellAGain).connect(this.noiseAmp.gain);
    crest.connect(this.gustGain).connect(this.noiseFilter.frequency);
    this.swellB.connect(this.swellBGain).connect(this.noiseAmp.gain);

    // Drone: three detuned saws, with a tritone and a minor second two octaves up that dread brings in.
    this.droneFilter = filter('lowpass', 220, 0.8);
    this.droneAmp = gain(0);
    this.dissAmp = gain(0);
    this.drones = [osc('sawtooth', 55), osc('sawtooth', 55), osc('sawtooth', 55)];
    for (const d of this.drones) d.connect(this.droneFilter);
    this.dissonant = [osc('triangle', 55 * 2 * Math.SQRT2), osc('sawtooth', 55 * 4 * (16 / 15))];
    for (const d of this.dissonant) d.connect(this.dissAmp);
    this.dissAmp.connect(this.droneFilter);
    this.droneFilter.connect(this.droneAmp).connect(mix);

    // Pad: sine partials, each breathing on its own slow LFO, into a soft echo for air.
    const padFilter = filter('lowpass', 3200, 0.5);
    this.padAmp = gain(0);
    this.sparkleAmp = gain(0);
    this.sparkleAmp.connect(padFilter);
    PAD_RATIOS.forEach((ratio, i) => {
      const partial = osc('sine', PAD_ROOT_HZ * ratio);
      const amp = gain(0.5);
      const lfo = osc('sine', 0.1 * (0.7 + 0.23 * i));
      const depth = gain(0);
      lfo.connect(depth).connect(amp.gain);
      const weight = gain(1 / Math.pow(i + 1, 0.7));
      partial
        .connect(amp)
        .connect(weight)
        .connect(i >= SPARKLE_FROM ? this.sparkleAmp : padFilter);
      this.partialAmps.push(amp);
      this.shimmerLfos.push(lfo);
      this.shimmerGains.push(depth);
    });
    padFilter.connect(this.padAmp).connect(mix);
    const echo = ctx.createDelay(1);
    echo.delayTime.value = 0.41;
    const echoTone = filter('lowpass', 2400, 0.5);
    const feedback = gain(ECHO_FEEDBACK);
    this.padAmp.connect(echo).connect(echoTone).connect(feedback).connect(echo);
    echoTone.connect(gain(0.5)).connect(mix);

    // Glitch: a soft crackle, and dropouts that dip the whole bed.
    const crackle = loop(fillCrackle(new Float32Array(Math.round(sr * 3.1)), sr, seed + 1, 9));
    this.crackleAmp = gain(0);
    // Joins after the tone filter, so calm's dark tone does not dull it to nothing; its own low-pass keeps it
    // soft.
    crackle
      .connect(filter('lowpass', 2800, 0.5))
      .connect(this.crackleAmp)
      .connect(this.level);
    const drops = loop(fillDropouts(new Float32Array(Math.round(sr * 5.3)), sr, seed + 2));
    this.dropDepth = gain(0);
    drops.connect(this.dropDepth).connect(this.dropGain.gain);
  }

  /** Starts every voice, from silence, with a linear fade-in over GLIDE.fadeInS. */
  start(at = this.ctx.currentTime): void {
    if (this.started) return;
    this.started = true;
    for (const s of this.sources) s.start(at);
    this.fade.gain.setValueAtTime(0, at);
    this.fade.gain.linearRampToValueAtTime(1, at + GLIDE.fadeInS);
  }

  /** Glides every voice towards what `params` and `spec` ask for. Call it about ten times a second. */
  update(params: SceneParams, spec: SoundSpec, listening: SoundListening): void {
    if (this.stopped) return;
    const t = this.ctx.currentTime;
    const now = soundTargets(params, spec, listening, this.targets);
    const last = this.sent;
    const first = !this.primed;
    this.primed = true;
    if (spec.bed !== this.bed) {
      this.bed = spec.bed;
      this.noiseFilter.type = BED_VOICING[spec.bed]?.noiseFilter ?? 'lowpass';
    }
    this.at = t;
    this.jump = first;
    const set = this.set;
    const d = GLIDE.dream;

    // The level glides from wherever it is: first sound and rises are slow, mute is quick but not a click.
    if (first || changed(now.master, last.master))
      this.level.gain.setTargetAtTime(
        now.master * this.drive,
        t,
        now.master > last.master ? GLIDE.volumeUp : GLIDE.volumeDown,
      );

    const swing = now.noiseGain * now.swellDepth * 0.5;
    set(
      this.noiseAmp.gain,
      now.noiseGain - swing,
      last.noiseGain - last.noiseGain * last.swellDepth * 0.5,
      d,
    );
    set(this.swellAGain.gain, swing * 0.65, last.noiseGain * last.swellDepth * 0.5 * 0.65, d);
    set(this.swellBGain.gain, swing * 0.35, last.noiseGain * last.swellDepth * 0.5 * 0.35, d);
    set(this.swellA.frequency, now.swellRateHz, last.swellRateHz, d);
    set(this.swellB.frequency, now.swellRateHz * 1.618, last.swellRateHz * 1.618, d);
    set(this.noiseFilter.frequency, now.noiseCutoffHz, last.noiseCutoffHz, d);
    set(this.noiseFilter.Q, now.noiseQ, last.noiseQ, d);
    set(this.gustGain.gain, now.gustDepthHz, last.gustDepthHz, d);

    set(this.droneAmp.gain, now.droneGain * DRONE_SCALE, last.droneGain * DRONE_SCALE, d);
    set(this.droneFilter.frequency, now.droneCutoffHz, last.droneCutoffHz, d);
    for (let i = 0; i < this.drones.length; i++) {
      const drone = this.drones[i]!;
      set(drone.frequency, now.droneHz, last.droneHz, d);
      set(drone.detune, (i - 1) * now.droneDetuneCents, (i - 1) * last.droneDetuneCents, d);
    }
    set(this.dissonant[0]!.frequency, now.droneHz * 2 * Math.SQRT2, last.droneHz * 2 * Math.SQRT2, d);
    set(this.dissonant[1]!.frequency, (now.droneHz * 64) / 15, (last.droneHz * 64) / 15, d);
    set(this.dissAmp.gain, now.dissonanceGain * DISSONANCE_SCALE, last.dissonanceGain * DISSONANCE_SCALE, d);

    set(this.padAmp.gain, now.padGain * PAD_SCALE, last.padGain * PAD_SCALE, d);
    set(this.sparkleAmp.gain, now.sparkleGain, last.sparkleGain, d);
    for (let i = 0; i < this.shimmerLfos.length; i++) {
      const k = 0.7 + 0.23 * i;
      set(this.shimmerLfos[i]!.frequency, now.shimmerRateHz * k, last.shimmerRateHz * k, d);
      set(this.shimmerGains[i]!.gain, now.shimmerDepth * 0.5, last.shimmerDepth * 0.5, d);
      set(this.partialAmps[i]!.gain, 1 - now.shimmerDepth * 0.5, 1 - last.shimmerDepth * 0.5, d);
    }

    const g = GLIDE.glitch;
    set(this.crackleAmp.gain, now.crackleGain, last.crackleGain, g);
    set(this.dropDepth.gain, -now.dropoutDepth, -last.dropoutDepth, g);
    set(this.tone.frequency, now.toneCutoffHz, last.toneCutoffHz, d);

    Object.assign(last, now);
  }

  private at = 0;
  private jump = false;
  /** A voice's first value is set at once (it is still silent); later ones glide. Bound once: no allocation. */
  private readonly set = (param: AudioParam, value: number, prev: number, tau: number): void => {
    if (this.jump) param.setValueAtTime(value, this.at);
    else if (changed(value, prev)) param.setTargetAtTime(value, this.at, tau);
  };

  /** Fades out over GLIDE.fadeOutS and stops every voice; resolves once it is silent. */
  stop(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    this.stopped = true;
    if (!this.started) return Promise.resolve();
    const t = this.ctx.currentTime;
    this.fade.gain.cancelScheduledValues(t);
    this.fade.gain.setValueAtTime(this.fade.gain.value, t);
    this.fade.gain.linearRampToValueAtTime(0, t + GLIDE.fadeOutS);
    const end = t + GLIDE.fadeOutS + 0.05;
    for (const s of this.sources) s.stop(end);
    const last = this.sources[0];
    return new Promise((resolve) => {
      if (!last) return resolve();
      last.onended = () => {
        this.output.disconnect();
        resolve();
      };
    });
  }
}
