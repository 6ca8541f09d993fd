/**
 * Feedback latency of the relaxation index (mean relative alpha), measured in signal time on a synthetic source
 * whose alpha amplitude steps: 4 channels of broadband background (low-passed Gaussian noise, ~30 µV, plus
 * 4 µV white) and a 10 Hz sinusoid whose amplitude alternates between 4 and 16 µV every 8 s.
 *
 * - latency: from each step to the update where the feedback switch (dsp/feedback-switch.ts: threshold half way
 *   between the index's steady low and high levels, medians over 3…7.9 s after the steps; hysteresis a fraction
 *   of that change; a dwell of some updates) turns, i.e. the index crossing half its change as feedback shows
 *   it. `rawMedianMs` is the bare index's first crossing of half way, without hysteresis or dwell;
 * - false flips: on steady signals (5 min at the low amplitude, 5 min at the high one, per seed), where any
 *   change is false, per minute: `flipsPerMin` counts state changes of the switch; `crossingsPerMin` every
 *   crossing of the bare half-way level.
 *
 * Used by tests/unit/dsp/feedback-latency.test.ts (which asserts) and bench/feedback-latency.bench.ts (prints).
 */
import { BandPowerEngine, type BandPowerEngineOptions } from '../dsp/band-power-engine.ts';
import { FEEDBACK_SWITCH_DWELL, FEEDBACK_SWITCH_HYSTERESIS, FeedbackSwitch } from '../dsp/feedback-switch.ts';

const FS = 256;
const STEP_S = 8;
const STEPS = 40;
const STEADY_S = 300;
const LOW_UV = 4;
const HIGH_UV = 16;

export interface LatencyResult {
  /** Step → feedback switch turning. */
  readonly medianMs: number;
  readonly p90Ms: number;
  readonly maxMs: number;
  readonly steps: number;
  /** Step → bare index first crossing half way. */
  readonly rawMedianMs: number;
  readonly flipsPerMin: number;
  readonly crossingsPerMin: number;
  /** Index levels at the low and high alpha amplitude. */
  readonly low: number;
  readonly high: number;
}

type EngineShape = Partial<Pick<BandPowerEngineOptions, 'windowSamples' | 'updateHz' | 'window' | 'nfft'>>;

/** The feedback switch: hysteresis as a fraction of the low → high index change, dwell in updates. */
export interface SwitchShape {
  readonly hysteresis: number;
  readonly dwell: number;
}

export const DEFAULT_SWITCH: SwitchShape = {
  hysteresis: FEEDBACK_SWITCH_HYSTERESIS,
  dwell: FEEDBACK_SWITCH_DWELL,
};

function synth(seconds: number, seed: number, amplitude: (i: number) => number): Float32Array[] {
  let s = seed >>> 0 || 1;
  const uniform = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return (s + 0.5) / 2 ** 32;
  };
  const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
  const n = seconds * FS;
  return [0, 1, 2, 3].map(() => {
    const x = new Float32Array(n);
    const phase = 2 * Math.PI * uniform();
    let lp = 0;
    for (let i = 0; i < n; i++) {
      lp += 0.1 * (30 * gauss() - lp);
      x[i] = lp + 4 * gauss() + amplitude(i) * Math.sin((2 * Math.PI * 10 * i) / FS + phase);
    }
    return x;
  });
}

function relaxationTrace(data: Float32Array[], shape: EngineShape): { t: number; v: number }[] {
  const engine = new BandPowerEngine({ sampleRate: FS, channels: data.length, ...shape });
  const out: { t: number; v: number }[] = [];
  engine.push(data, (data[0] as Float32Array).length, (u) => {
    if (u.valid.every((v) => v === 1)) out.push({ t: u.t, v: u.meanRelative[2] as number });
  });
  return out;
}

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] as number;
}

/** Latency and false flips of the relaxation index for one engine shape, over `seeds` independent sources. */
export function measureFeedbackLatency(
  shape: EngineShape,
  seeds: readonly number[] = [1, 2],
  switchShape: SwitchShape = DEFAULT_SWITCH,
): LatencyResult {
  const latencies: number[] = [];
  const rawLatencies: number[] = [];
  let flips = 0;
  let crossings = 0;
  let steadyS = 0;
  const lows: number[] = [];
  const highs: number[] = [];
  for (const seed of seeds) {
    const steps = relaxationTrace(
      synth(STEP_S * STEPS, seed, (i) => (Math.floor(i / (STEP_S * FS)) % 2 ? HIGH_UV : LOW_UV)),
      shape,
    );
    const low: number[] = [];
    const high: number[] = [];
    for (const p of steps) {
      const k = Math.floor(p.t / STEP_S);
      const phase = p.t - k * STEP_S;
      if (phase > 3 && phase < STEP_S - 0.1) (k % 2 ? high : low).push(p.v);
    }
    const lo = quantile(low, 0.5);
    const hi = quantile(high, 0.5);
    lows.push(lo);
    highs.push(hi);
    const half = (lo + hi) / 2;
    const makeSwitch = (initial: boolean) =>
      new FeedbackSwitch({
        threshold: half,
        hysteresis: switchShape.hysteresis * (hi - lo),
        dwell: switchShape.dwell,
        initial,
      });
    const feedback = makeSwitch(false);
    const states = steps.map((p) => (feedback.update(p.v), feedback.state));
    for (let k = 1; k < STEPS; k++) {
      const t0 = k * STEP_S;
      const up = k % 2 === 1;
      const hit = steps.find((p) => p.t > t0 && (up ? p.v >= half : p.v <= half));
      if (hit === undefined || hit.t > t0 + STEP_S) throw new Error(`step at ${t0} s never crossed half way`);
      rawLatencies.push(hit.t - t0);
      const turned = steps.findIndex((p, i) => p.t > t0 && states[i] === up);
      const at = steps[turned];
      if (at === undefined || at.t > t0 + STEP_S)
        throw new Error(`feedback never turned after the step at ${t0} s`);
      latencies.push(at.t - t0);
    }
    for (const amp of [LOW_UV, HIGH_UV]) {
      const steady = relaxationTrace(
        synth(STEADY_S, seed + 1000 * amp, () => amp),
        shape,
      );
      let above = (steady[0]?.v ?? 0) > half;
      const steadySwitch = makeSwitch(above);
      for (const p of steady) {
        if (p.v > half !== above) {
          crossings++;
          above = !above;
        }
        if (steadySwitch.update(p.v)) flips++;
      }
      steadyS += STEADY_S;
    }
  }
  return {
    medianMs: quantile(latencies, 0.5) * 1000,
    p90Ms: quantile(latencies, 0.9) * 1000,
    maxMs: Math.max(...latencies) * 1000,
    steps: latencies.length,
    rawMedianMs: quantile(rawLatencies, 0.5) * 1000,
    flipsPerMin: flips / (steadyS / 60),
    crossingsPerMin: crossings / (steadyS / 60),
    low: quantile(lows, 0.5),
    high: quantile(highs, 0.5),
  };
}
