/**
 * The editor's working copy of a spec: JSON text that the form and the raw textarea both edit. The text is the
 * single source of truth, so whatever the architect types, valid or not, is kept and shown, never fixed up.
 */
import {
  CURVE_NAMES,
  getScene,
  paletteOf,
  TUNING_LEVELS,
  type CurveName,
  type TuningLevel,
} from '../../../scenes/index.ts';
import { CURVE_RANGES, type CurveRange, type SpecError, type SpecValidation } from '../../architect/spec.ts';
import { jsonErrorLocation } from '../../architect/storage.ts';
import { validateSpec } from '../../architect/validate.ts';

export type FieldPath = readonly (string | number)[];

/** `['curves', 'fog', 'points', 2, 1]` → `curves.fog.points[2][1]`, the form the validator names fields in. */
export function pathKey(path: FieldPath): string {
  let out = '';
  for (const part of path) out += typeof part === 'number' ? `[${part}]` : out === '' ? part : `.${part}`;
  return out;
}

function isContainer(x: unknown): x is Record<string | number, unknown> {
  return typeof x === 'object' && x !== null;
}

export function getField(value: unknown, path: FieldPath): unknown {
  let at = value;
  for (const part of path) {
    if (!isContainer(at)) return undefined;
    at = (at as Record<string | number, unknown>)[part];
  }
  return at;
}

/** A copy of `value` with the field at `path` set, creating objects (or arrays, for numeric parts) on the way. */
export function setField(value: unknown, path: FieldPath, next: unknown): unknown {
  const [head, ...rest] = path;
  if (head === undefined) return next;
  const base: Record<string | number, unknown> | unknown[] = Array.isArray(value)
    ? [...(value as unknown[])]
    : isContainer(value)
      ? { ...value }
      : typeof head === 'number'
        ? []
        : {};
  const child = (base as Record<string | number, unknown>)[head];
  (base as Record<string | number, unknown>)[head] = setField(child, rest, next);
  return base;
}

export function specText(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export interface DraftState {
  /** The parsed text, or undefined when the text is not JSON. */
  readonly value: unknown;
  readonly validation: SpecValidation;
}

function jsonMessage(text: string, error: Error): string {
  const at = jsonErrorLocation(text);
  if (!at) return `is not valid JSON: ${error.message}`;
  const found = at.offset < text.length ? JSON.stringify(text.slice(at.offset, at.offset + 12)) : 'the end';
  return `is not valid JSON at line ${at.line}, column ${at.column}: found ${found} (${error.message})`;
}

/** Parses and validates the editor's text; a JSON syntax error is reported as a field error of `(json)`. */
export function evaluateDraft(text: string): DraftState {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    return {
      value: undefined,
      validation: {
        ok: false,
        errors: [{ path: '(json)', message: jsonMessage(text, e as Error) }],
      },
    };
  }
  return { value, validation: validateSpec(value) };
}

/** Errors grouped by field, for showing each beside its control. */
export function errorsByField(errors: readonly SpecError[]): ReadonlyMap<string, string[]> {
  const map = new Map<string, string[]>();
  for (const e of errors) map.set(e.path, [...(map.get(e.path) ?? []), e.message]);
  return map;
}

/**
 * What a number box holds: a number when the text is one, otherwise the text as typed, so the validator
 * names it ("must be a number between 0 and 1, found "abc"") rather than the editor guessing.
 */
export function numberFromInput(raw: string): number | string {
  const t = raw.trim();
  if (t === '') return raw;
  const n = Number(t);
  return Number.isFinite(n) ? n : raw;
}

export interface CurveField {
  readonly name: CurveName;
  readonly range: CurveRange;
}

/** The form's layout for a scene: its colour names and the curves it understands, with their ranges. */
export interface SceneFields {
  readonly colours: readonly string[];
  readonly levels: readonly TuningLevel[];
  readonly curves: readonly CurveField[];
}

export function sceneFields(sceneId: string): SceneFields | undefined {
  const scene = getScene(sceneId);
  if (!scene) return undefined;
  const ranges = CURVE_RANGES[scene.id] ?? {};
  const curves: CurveField[] = [];
  for (const name of CURVE_NAMES) {
    const range = ranges[name];
    if (range) curves.push({ name, range });
  }
  return { colours: Object.keys(paletteOf(scene, 'calm')), levels: TUNING_LEVELS, curves };
}

/** What the architect calls each palette level; the spec's `dread` is the nightmare end. */
export const LEVEL_LABELS: Readonly<Record<TuningLevel, string>> = {
  calm: 'Calm',
  dread: 'Nightmare',
  wonder: 'Wonder',
};

/** `skyHorizon` → `sky horizon`, for labels. */
export function humanize(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}
