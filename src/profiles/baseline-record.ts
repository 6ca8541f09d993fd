/**
 * A calibration's result as plain JSON, for a profile to keep and a later session to start from: the rest
 * baseline the indices are z-scored against (dsp/indices.ts), the optional eyes-open / eyes-closed figures, and
 * what it was measured on. Records read back from storage are checked field by field, because a baseline that is
 * silently wrong would make every later session's dream wrong.
 */
import { INDEX_NAMES, validateBaseline, type Baseline } from '../../dsp/indices.ts';

export const BASELINE_FORMAT = 'neurosleep-baseline';
export const BASELINE_RECORD_VERSION = 1;

export const CALIBRATION_STEP_NAMES = ['eyes-open', 'eyes-closed', 'rest'] as const;
export type CalibrationStepName = (typeof CALIBRATION_STEP_NAMES)[number];

/** What one eyes step measured. */
export interface EyesStepFigures {
  /** Signal seconds of accepted updates. */
  readonly durationS: number;
  /** Geometric mean over updates of the usable channels' mean alpha band sum, µV²/Hz. */
  readonly alphaPower: number;
  readonly baseline: Baseline;
}

export interface BaselineRecord {
  readonly format: typeof BASELINE_FORMAT;
  readonly version: typeof BASELINE_RECORD_VERSION;
  /** ISO 8601 time the calibration finished. */
  readonly createdAt: string;
  /** The device or recording it was measured on. */
  readonly source: { readonly kind: string; readonly label: string };
  /** Electrode names, in the source's order: the channel set this baseline is valid for. */
  readonly channels: readonly string[];
  readonly sampleRate: number;
  /** The steps that ran, in order. */
  readonly steps: readonly CalibrationStepName[];
  /** The rest step's baseline: what the indices are z-scored against. */
  readonly baseline: Baseline;
  /**
   * Eyes-open and eyes-closed figures when those steps ran. alphaReactivity = closed / open alpha power: the
   * Berger effect, usually well above 1 on a headset with good contact; near 1 suggests poor contact or open eyes.
   */
  readonly eyes: {
    readonly open: EyesStepFigures;
    readonly closed: EyesStepFigures;
    readonly alphaReactivity: number;
  } | null;
}

/** What a baseline is kept for: the kind of source and its electrodes. */
export interface BaselineTarget {
  readonly kind: string;
  readonly channels: readonly string[];
}

/**
 * The key a profile stores a baseline under: one per channel set (device layout). The synthesized demo's are
 * kept apart ("demo:…"): they describe the synthesizer, not the person, and must never drive a real headset.
 */
export function baselineKey(target: BaselineTarget): string {
  return `${target.kind === 'synth' ? 'demo:' : ''}${target.channels.join(',')}`;
}

/** Bad saved baseline data; the message names the field, what was expected and what was found. */
export class BaselineRecordError extends Error {
  override name = 'BaselineRecordError';
}

function found(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'number') return String(v);
  if (typeof v === 'string') return JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v);
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

function fail(where: string, field: string, expected: string, v: unknown): never {
  throw new BaselineRecordError(`${where}: ${field}: expected ${expected}, found ${found(v)}`);
}

function positive(where: string, field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isFinite(v) || !(v > 0)) fail(where, field, 'a finite number > 0', v);
  return v;
}

function baselineAt(where: string, field: string, v: unknown): Baseline {
  const o = v as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null) fail(where, field, 'a baseline object', v);
  if (o.version !== 1) fail(where, `${field}.version`, '1', o.version);
  for (const part of ['count', 'mean', 'sd'] as const) {
    const rec = o[part] as Record<string, unknown> | null | undefined;
    if (typeof rec !== 'object' || rec === null) fail(where, `${field}.${part}`, 'an object', rec);
    for (const k of INDEX_NAMES) {
      const x = rec[k];
      if (typeof x !== 'number' || !Number.isFinite(x) || (part !== 'mean' && x < 0)) {
        fail(where, `${field}.${part}.${k}`, part === 'mean' ? 'a finite number' : 'a finite number ≥ 0', x);
      }
    }
  }
  if (typeof o.durationS !== 'number' || !(o.durationS >= 0) || !Number.isFinite(o.durationS)) {
    fail(where, `${field}.durationS`, 'a finite number ≥ 0', o.durationS);
  }
  // The DSP's own check as well, so the two never disagree on what a baseline is.
  try {
    return validateBaseline(o);
  } catch (err) {
    return fail(where, field, 'a valid baseline', (err as Error).message);
  }
}

function eyesStep(where: string, field: string, v: unknown): EyesStepFigures {
  const o = v as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null) fail(where, field, 'an object', v);
  const durationS = o.durationS;
  if (typeof durationS !== 'number' || !Number.isFinite(durationS) || durationS < 0) {
    fail(where, `${field}.durationS`, 'a finite number ≥ 0', durationS);
  }
  return {
    durationS,
    alphaPower: positive(where, `${field}.alphaPower`, o.alphaPower),
    baseline: baselineAt(where, `${field}.baseline`, o.baseline),
  };
}

/**
 * Checks a record read back from storage (already JSON-parsed). Throws a {@link BaselineRecordError} naming the
 * first bad field; `where` (e.g. "profile 'Ana', baseline TP9,AF7,AF8,TP10") starts the message.
 */
export function parseBaselineRecord(v: unknown, where = 'saved baseline'): BaselineRecord {
  const o = v as Record<string, unknown> | null;
  if (typeof o !== 'object' || o === null || Array.isArray(o)) fail(where, 'record', 'an object', v);
  if (o.format !== BASELINE_FORMAT) fail(where, 'format', JSON.stringify(BASELINE_FORMAT), o.format);
  if (o.version !== BASELINE_RECORD_VERSION) {
    fail(where, 'version', `${BASELINE_RECORD_VERSION} (this app's baseline format)`, o.version);
  }
  if (typeof o.createdAt !== 'string' || Number.isNaN(Date.parse(o.createdAt))) {
    fail(where, 'createdAt', 'an ISO date', o.createdAt);
  }
  const src = o.source as Record<string, unknown> | null;
  if (typeof src !== 'object' || src === null) fail(where, 'source', 'an object', src);
  if (typeof src.kind !== 'string') fail(where, 'source.kind', 'a string', src.kind);
  if (typeof src.label !== 'string') fail(where, 'source.label', 'a string', src.label);
  const channels = o.channels;
  if (!Array.isArray(channels) || channels.length === 0 || !channels.every((c) => typeof c === 'string')) {
    fail(where, 'channels', 'a non-empty list of electrode names', channels);
  }
  const sampleRate = positive(where, 'sampleRate', o.sampleRate);
  const steps = o.steps;
  if (
    !Array.isArray(steps) ||
    !steps.every((s) => (CALIBRATION_STEP_NAMES as readonly unknown[]).includes(s)) ||
    !steps.includes('rest')
  ) {
    fail(where, 'steps', `a list of ${CALIBRATION_STEP_NAMES.join(' / ')} including rest`, steps);
  }
  const baseline = baselineAt(where, 'baseline', o.baseline);
  let eyes: BaselineRecord['eyes'] = null;
  if (o.eyes !== null) {
    const e = o.eyes as Record<string, unknown> | undefined;
    if (typeof e !== 'object') fail(where, 'eyes', 'an object or null', e);
    eyes = {
      open: eyesStep(where, 'eyes.open', e.open),
      closed: eyesStep(where, 'eyes.closed', e.closed),
      alphaReactivity: positive(where, 'eyes.alphaReactivity', e.alphaReactivity),
    };
  }
  return {
    format: BASELINE_FORMAT,
    version: BASELINE_RECORD_VERSION,
    createdAt: o.createdAt,
    source: { kind: src.kind, label: src.label },
    channels: [...(channels as string[])],
    sampleRate,
    steps: [...(steps as CalibrationStepName[])],
    baseline,
    eyes,
  };
}
