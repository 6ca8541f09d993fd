/**
 * Brain-state indices from band powers, and per-user calibration that turns them into z-scores.
 *
 * Each index is computed per band-power update from the channels that are usable (complete window, quality not
 * bad) and only when the window overlaps no artifact or gap; otherwise the update is excluded (no value), so
 * baselines and feedback never see blinks, clenches or holes. Ratios are taken as log10 of band-power ratios
 * (band sums in µV²/Hz): the log makes up- and down-changes symmetric and the distribution near normal, which
 * z-scoring assumes.
 *
 * - relaxation: relative alpha (7.5–13 Hz share of 1–44 Hz), mean over usable channels. Alpha rises with
 *   relaxed wakefulness and eye closure. Reference: Klimesch, Brain Res. Rev. 29(2–3), 1999.
 * - arousal: log10(beta / alpha), mean over usable channels. Reference: Eoh, Chung & Kim, Int. J. Ind.
 *   Ergon. 35(4), 2005 (β/α as an arousal/workload ratio); Ray & Cole, Science 228(4700), 1985.
 * - frontalBeta: relative beta (13–30 Hz) on AF7/AF8, a stress/tension marker over the frontal cortex.
 *   Reference: Ray & Cole 1985; Muse's own "Concentration" uses frontal beta.
 * - drowsiness: log10(theta / alpha), mean over usable channels. Reference: Eoh et al. 2005; Jap et al.,
 *   Expert Syst. Appl. 36(2), 2009 (θ/α rises with fatigue).
 * - engagement: log10(beta / (alpha + theta)), mean over usable channels. Reference: Pope, Bogart &
 *   Bartolome, Biol. Psychol. 40(1–2), 1995.
 * - faa, frontal alpha asymmetry: ln(alpha AF8) − ln(alpha AF7), absolute alpha power (µV²/Hz summed); positive
 *   means relatively more left-frontal activity (approach). Reference: Davidson, Brain Cogn. 20(1), 1992;
 *   Allen, Coan & Nazarian, Biol. Psychol. 67(1–2), 2004 (method).
 *
 * Persistence of baselines per local profile is the app's business: {@link Baseline} is plain JSON.
 */
import type { BandPowerUpdate } from './band-power-engine.ts';
import { electrodeIndex } from './electrodes.ts';
import { QUALITY_BAD } from './signal-quality.ts';

export const INDEX_NAMES = [
  'relaxation',
  'arousal',
  'frontalBeta',
  'drowsiness',
  'engagement',
  'faa',
] as const;
export type IndexName = (typeof INDEX_NAMES)[number];
export type IndexValues = Record<IndexName, number>;

/** Where the bands and electrodes the indices need sit in an update. */
export interface IndexLayout {
  readonly channels: number;
  readonly theta: number;
  readonly alpha: number;
  readonly beta: number;
  /** Channel indices of AF7 and AF8; −1 when absent (then frontalBeta and faa are never computed). */
  readonly af7: number;
  readonly af8: number;
}

/** Layout for Mind Monitor bands (delta, theta, alpha, beta, gamma) and the given channel names. */
export function indexLayout(channels: readonly string[], bands: readonly { name: string }[]): IndexLayout {
  const band = (name: string) => {
    const i = bands.findIndex((b) => b.name === name);
    if (i < 0) throw new RangeError(`indices need a '${name}' band`);
    return i;
  };
  return {
    channels: channels.length,
    theta: band('theta'),
    alpha: band('alpha'),
    beta: band('beta'),
    af7: electrodeIndex(channels, 'AF7'),
    af8: electrodeIndex(channels, 'AF8'),
  };
}

/** The parts of a band-power update the indices read (a {@link BandPowerUpdate} qualifies). */
export type IndexInput = Pick<BandPowerUpdate, 'absolute' | 'relative' | 'valid' | 'quality'>;

const LN10 = Math.LN10;

/** Per index, whether a value is present. */
export type IndexValidity = Record<IndexName, boolean>;

/** Fresh all-zero values and all-false validity, for the `…Into` functions. */
export function emptyIndices(): { values: IndexValues; valid: IndexValidity } {
  return { values: zeros(), valid: noneValid() };
}

/**
 * Raw (not z-scored) indices of one update into `out`, with `valid[k]` saying whether index k could be computed
 * (0 in `out` where not). `excluded` (an artifact or gap overlaps the window) excludes the whole update.
 * Returns true when any index is valid.
 */
export function indexValuesInto(
  u: IndexInput,
  layout: IndexLayout,
  excluded: boolean,
  out: IndexValues,
  valid: IndexValidity,
): boolean {
  // The indices are named fields, written out here and in zScoresInto rather than looped over by name: this runs
  // for every update (36,000 per hour in `neurosleep analyze`), and loops with keyed access measured ≈ 1 µs per
  // call, ten times these.
  out.relaxation = out.arousal = out.frontalBeta = out.drowsiness = out.engagement = out.faa = 0;
  valid.relaxation =
    valid.arousal =
    valid.frontalBeta =
    valid.drowsiness =
    valid.engagement =
    valid.faa =
      false;
  if (excluded) return false;
  const nc = layout.channels;
  let n = 0;
  let relax = 0;
  let arousal = 0;
  let drowsy = 0;
  let engage = 0;
  for (let c = 0; c < nc; c++) {
    if (!usableChannel(u, c)) continue;
    const ra = u.relative[layout.alpha * nc + c] as number;
    const rb = u.relative[layout.beta * nc + c] as number;
    const rt = u.relative[layout.theta * nc + c] as number;
    if (!(ra > 0 && rb > 0 && rt > 0)) continue;
    n++;
    relax += ra;
    arousal += Math.log10(rb / ra);
    drowsy += Math.log10(rt / ra);
    engage += Math.log10(rb / (ra + rt));
  }
  if (n > 0) {
    out.relaxation = relax / n;
    out.arousal = arousal / n;
    out.drowsiness = drowsy / n;
    out.engagement = engage / n;
    valid.relaxation = valid.arousal = valid.drowsiness = valid.engagement = true;
  }
  let frontal = 0;
  let nf = 0;
  if (usableChannel(u, layout.af7)) {
    frontal += u.relative[layout.beta * nc + layout.af7] as number;
    nf++;
  }
  if (usableChannel(u, layout.af8)) {
    frontal += u.relative[layout.beta * nc + layout.af8] as number;
    nf++;
  }
  if (nf > 0) {
    out.frontalBeta = frontal / nf;
    valid.frontalBeta = true;
  }
  if (usableChannel(u, layout.af7) && usableChannel(u, layout.af8)) {
    // absolute is log10 of the band sum, so ln(a8) − ln(a7) = (log10 a8 − log10 a7) · ln 10.
    out.faa =
      ((u.absolute[layout.alpha * nc + layout.af8] as number) -
        (u.absolute[layout.alpha * nc + layout.af7] as number)) *
      LN10;
    valid.faa = true;
  }
  // A sum is finite only when every term is, so the loop by name runs only for a value that is not.
  const sum = out.relaxation + out.arousal + out.frontalBeta + out.drowsiness + out.engagement + out.faa;
  if (!Number.isFinite(sum)) {
    for (const k of INDEX_NAMES) {
      if (!Number.isFinite(out[k])) {
        out[k] = 0;
        valid[k] = false;
      }
    }
  }
  return anyValid(valid);
}

function usableChannel(u: IndexInput, c: number): boolean {
  return c >= 0 && u.valid[c] === 1 && u.quality[c] !== QUALITY_BAD;
}

function anyValid(v: IndexValidity): boolean {
  return v.relaxation || v.arousal || v.frontalBeta || v.drowsiness || v.engagement || v.faa;
}

/** Per-user baseline: mean and standard deviation of each raw index over the calibration. Plain JSON. */
export interface Baseline {
  readonly version: 1;
  /** Updates that went into each index. */
  readonly count: Record<IndexName, number>;
  readonly mean: Record<IndexName, number>;
  readonly sd: Record<IndexName, number>;
  /** Signal seconds of accepted updates. */
  readonly durationS: number;
  /** Optional step label, e.g. 'eyes-open' / 'eyes-closed'. */
  readonly label?: string;
}

/** Smallest sd used for z-scores, per index, so a near-constant baseline does not explode them. */
export const MIN_BASELINE_SD: Readonly<Record<IndexName, number>> = Object.freeze({
  relaxation: 0.01,
  arousal: 0.02,
  frontalBeta: 0.01,
  drowsiness: 0.02,
  engagement: 0.02,
  faa: 0.02,
});

export interface CalibrationOptions {
  /** Seconds of accepted (artifact-free) updates to collect; default 60. */
  readonly durationS?: number;
  /** Updates per second of the band-power stream; default 10. */
  readonly updateHz?: number;
  readonly label?: string;
}

/**
 * Collects raw index values during a calibration phase (Welford's running mean and variance per index) and
 * yields a {@link Baseline} once `durationS` seconds of accepted updates are in. Excluded updates do not count,
 * so a blink-heavy minute calibrates for longer rather than on worse data. For eyes-open/eyes-closed steps,
 * run one Calibration per step.
 */
export class Calibration {
  readonly durationS: number;
  readonly updateHz: number;
  private readonly label: string | undefined;
  private accepted = 0;
  private readonly n = zeros();
  private readonly mean = zeros();
  private readonly m2 = zeros();

  constructor(opts: CalibrationOptions = {}) {
    this.durationS = opts.durationS ?? 60;
    this.updateHz = opts.updateHz ?? 10;
    if (!(this.durationS > 0) || !(this.updateHz > 0)) {
      throw new RangeError('calibration durationS and updateHz must be positive');
    }
    this.label = opts.label;
  }

  /** Fraction done, 0…1. */
  get progress(): number {
    return Math.min(1, this.accepted / (this.durationS * this.updateHz));
  }

  get done(): boolean {
    return this.progress >= 1;
  }

  /** Adds one update's raw indices (from {@link indexValuesInto}); invalid entries are skipped. */
  add(values: IndexValues, valid: IndexValidity): void {
    let any = false;
    for (const k of INDEX_NAMES) {
      const x = values[k];
      if (!valid[k] || !Number.isFinite(x)) continue;
      any = true;
      const n = ++this.n[k];
      const d = x - this.mean[k];
      this.mean[k] += d / n;
      this.m2[k] += d * (x - this.mean[k]);
    }
    if (any) this.accepted++;
  }

  /** The baseline so far (finite throughout; an index never seen has mean 0 and count 0). */
  baseline(): Baseline {
    const sd = zeros();
    for (const k of INDEX_NAMES) {
      const n = this.n[k];
      sd[k] = n > 1 ? Math.sqrt(this.m2[k] / (n - 1)) : 0;
    }
    return {
      version: 1,
      count: { ...this.n },
      mean: { ...this.mean },
      sd,
      durationS: this.accepted / this.updateHz,
      ...(this.label === undefined ? {} : { label: this.label }),
    };
  }
}

function noneValid(): IndexValidity {
  return {
    relaxation: false,
    arousal: false,
    frontalBeta: false,
    drowsiness: false,
    engagement: false,
    faa: false,
  };
}

function zeros(): Record<IndexName, number> {
  return { relaxation: 0, arousal: 0, frontalBeta: 0, drowsiness: 0, engagement: 0, faa: 0 };
}

/**
 * z-scores of raw indices against a baseline, (x − mean) / max(sd, MIN_BASELINE_SD), into `out`; `zValid[k]`
 * false (and out[k] = 0) where the raw value is invalid or the baseline never saw the index. Always finite.
 */
export function zScoresInto(
  values: IndexValues,
  valid: IndexValidity,
  baseline: Baseline,
  out: IndexValues,
  zValid: IndexValidity,
): void {
  const { count: n, mean: m, sd: s } = baseline;
  const min = MIN_BASELINE_SD;
  let z = zScore(
    values.relaxation,
    valid.relaxation,
    n.relaxation,
    m.relaxation,
    s.relaxation,
    min.relaxation,
  );
  zValid.relaxation = z === z;
  out.relaxation = z === z ? z : 0;
  z = zScore(values.arousal, valid.arousal, n.arousal, m.arousal, s.arousal, min.arousal);
  zValid.arousal = z === z;
  out.arousal = z === z ? z : 0;
  z = zScore(
    values.frontalBeta,
    valid.frontalBeta,
    n.frontalBeta,
    m.frontalBeta,
    s.frontalBeta,
    min.frontalBeta,
  );
  zValid.frontalBeta = z === z;
  out.frontalBeta = z === z ? z : 0;
  z = zScore(values.drowsiness, valid.drowsiness, n.drowsiness, m.drowsiness, s.drowsiness, min.drowsiness);
  zValid.drowsiness = z === z;
  out.drowsiness = z === z ? z : 0;
  z = zScore(values.engagement, valid.engagement, n.engagement, m.engagement, s.engagement, min.engagement);
  zValid.engagement = z === z;
  out.engagement = z === z ? z : 0;
  z = zScore(values.faa, valid.faa, n.faa, m.faa, s.faa, min.faa);
  zValid.faa = z === z;
  out.faa = z === z ? z : 0;
}

/** One index's z-score (see zScoresInto), NaN where it has none. */
function zScore(x: number, valid: boolean, count: number, mean: number, sd: number, minSd: number): number {
  if (!valid || !Number.isFinite(x) || !(count > 0)) return NaN;
  const z = (x - mean) / Math.max(sd, minSd);
  return Number.isFinite(z) ? z : NaN;
}

/** Checks a baseline read back from storage; throws a RangeError naming the first bad field. */
export function validateBaseline(b: unknown): Baseline {
  const o = b as Partial<Baseline> | null;
  if (typeof o !== 'object' || o === null || o.version !== 1) {
    throw new RangeError('baseline: expected an object with version 1');
  }
  for (const field of ['count', 'mean', 'sd'] as const) {
    const rec = o[field] as Record<string, unknown> | undefined;
    for (const k of INDEX_NAMES) {
      const v = rec?.[k];
      if (typeof v !== 'number' || !Number.isFinite(v) || (field !== 'mean' && v < 0)) {
        throw new RangeError(`baseline: expected a finite ${field}.${k}, found ${String(v)}`);
      }
    }
  }
  if (typeof o.durationS !== 'number' || !(o.durationS >= 0)) {
    throw new RangeError(`baseline: expected durationS ≥ 0, found ${String(o.durationS)}`);
  }
  return o as Baseline;
}
