import { CURVE_INPUTS, paletteOf, SCENES, getScene, TUNING_LEVELS } from '../../scenes/index.ts';
import { hexToRgb, isHexColor, redShare } from './color.ts';
import {
  CURVE_RANGES,
  MAX_CURVE_POINTS,
  MAX_NAME_LENGTH,
  SOUND_BEDS,
  SPEC_FORMAT,
  SPEC_VERSION,
  type DreamscapeSpec,
  type SpecError,
  type SpecValidation,
} from './spec.ts';

const TOP_LEVEL = ['format', 'version', 'name', 'scene', 'palette', 'curves', 'sound'];
const SOUND_FIELDS = ['enabled', 'volume', 'bed', 'dreadTension'];

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

function describe(x: unknown): string {
  if (typeof x === 'number' && !Number.isFinite(x)) return String(x);
  if (Array.isArray(x)) return 'an array';
  if (x === null) return 'null';
  if (typeof x === 'object') return 'an object';
  const s = JSON.stringify(x);
  return s === undefined ? String(x) : s.length > 40 ? `${s.slice(0, 37)}...` : s;
}

function oneOf(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}

/**
 * Checks that `input` (parsed JSON) is a valid dreamscape spec. Every problem is reported, each naming the
 * field and what is allowed there; nothing is fixed up silently.
 */
export function validateSpec(input: unknown): SpecValidation {
  const errors: SpecError[] = [];
  const err = (path: string, message: string) => errors.push({ path, message });
  if (!isRecord(input)) {
    return {
      ok: false,
      errors: [{ path: '(root)', message: `must be a JSON object, found ${describe(input)}` }],
    };
  }
  for (const key of Object.keys(input))
    if (!TOP_LEVEL.includes(key)) err(key, `is not a spec field (allowed: ${oneOf(TOP_LEVEL)})`);

  if (input.format !== SPEC_FORMAT)
    err('format', `must be '${SPEC_FORMAT}', found ${describe(input.format)}`);
  if (input.version !== SPEC_VERSION)
    err('version', `must be ${SPEC_VERSION}, found ${describe(input.version)}`);
  if (typeof input.name !== 'string' || input.name.trim() === '' || input.name.length > MAX_NAME_LENGTH)
    err('name', `must be text of 1 to ${MAX_NAME_LENGTH} characters, found ${describe(input.name)}`);

  const sceneIds = SCENES.map((s) => s.id);
  const scene = typeof input.scene === 'string' ? getScene(input.scene) : undefined;
  if (!scene) err('scene', `must be one of ${oneOf(sceneIds)}, found ${describe(input.scene)}`);

  if (input.palette !== undefined) {
    if (!isRecord(input.palette))
      err('palette', `must be an object of levels, found ${describe(input.palette)}`);
    else
      for (const [level, colors] of Object.entries(input.palette)) {
        const path = `palette.${level}`;
        if (!(TUNING_LEVELS as readonly string[]).includes(level)) {
          err(path, `is not a palette level (allowed: ${oneOf(TUNING_LEVELS)})`);
          continue;
        }
        if (!isRecord(colors)) {
          err(path, `must be an object of colours, found ${describe(colors)}`);
          continue;
        }
        const known = scene ? Object.keys(paletteOf(scene, 'calm')) : null;
        for (const [name, value] of Object.entries(colors)) {
          if (known && !known.includes(name)) {
            err(`${path}.${name}`, `is not a colour of scene '${scene?.id}' (allowed: ${oneOf(known)})`);
          } else if (!isHexColor(value)) {
            err(`${path}.${name}`, `must be a colour "#rrggbb", found ${describe(value)}`);
          } else if (redShare(hexToRgb(value)) >= 0.5) {
            err(
              `${path}.${name}`,
              `is too red (red share ${redShare(hexToRgb(value)).toFixed(2)}; allowed below 0.50): saturated red is not allowed`,
            );
          }
        }
      }
  }

  if (input.curves !== undefined) {
    if (!isRecord(input.curves))
      err('curves', `must be an object of curves, found ${describe(input.curves)}`);
    else {
      const ranges = scene ? (CURVE_RANGES[scene.id] ?? {}) : null;
      for (const [name, c] of Object.entries(input.curves)) {
        const path = `curves.${name}`;
        const range = ranges?.[name as keyof typeof ranges];
        if (ranges && !range) {
          err(path, `is not a curve of scene '${scene?.id}' (allowed: ${oneOf(Object.keys(ranges))})`);
          continue;
        }
        if (!isRecord(c)) {
          err(path, `must be an object { input, points }, found ${describe(c)}`);
          continue;
        }
        for (const key of Object.keys(c))
          if (key !== 'input' && key !== 'points')
            err(`${path}.${key}`, `is not a curve field (allowed: 'input', 'points')`);
        if (!(CURVE_INPUTS as readonly unknown[]).includes(c.input))
          err(`${path}.input`, `must be one of ${oneOf(CURVE_INPUTS)}, found ${describe(c.input)}`);
        if (!Array.isArray(c.points) || c.points.length < 2 || c.points.length > MAX_CURVE_POINTS) {
          err(
            `${path}.points`,
            `must be a list of 2 to ${MAX_CURVE_POINTS} [x, y] pairs, found ${describe(c.points)}`,
          );
          continue;
        }
        let lastX = -Infinity;
        c.points.forEach((p: unknown, k: number) => {
          const at = `${path}.points[${k}]`;
          if (!Array.isArray(p) || p.length !== 2) {
            err(at, `must be an [x, y] pair, found ${describe(p)}`);
            return;
          }
          const [x, y] = p as unknown[];
          if (typeof x !== 'number' || !Number.isFinite(x) || x < 0 || x > 1)
            err(`${at}[0]`, `must be a number between 0 and 1 (the ${c.input} level), found ${describe(x)}`);
          else if (x <= lastX)
            err(`${at}[0]`, `must be greater than the previous point's x (${lastX}), found ${x}`);
          else lastX = x;
          if (range && (typeof y !== 'number' || !Number.isFinite(y) || y < range.min || y > range.max))
            err(
              `${at}[1]`,
              `must be a number between ${range.min} and ${range.max} (${range.meaning}), found ${describe(y)}`,
            );
        });
      }
    }
  }

  const sound = input.sound;
  if (!isRecord(sound))
    err('sound', `must be an object { ${SOUND_FIELDS.join(', ')} }, found ${describe(sound)}`);
  else {
    for (const key of Object.keys(sound))
      if (!SOUND_FIELDS.includes(key))
        err(`sound.${key}`, `is not a sound field (allowed: ${oneOf(SOUND_FIELDS)})`);
    if (typeof sound.enabled !== 'boolean')
      err('sound.enabled', `must be true or false, found ${describe(sound.enabled)}`);
    for (const key of ['volume', 'dreadTension'] as const) {
      const v = sound[key];
      if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
        err(`sound.${key}`, `must be a number between 0 and 1, found ${describe(v)}`);
    }
    if (!(SOUND_BEDS as readonly unknown[]).includes(sound.bed))
      err('sound.bed', `must be one of ${oneOf(SOUND_BEDS)}, found ${describe(sound.bed)}`);
  }

  return errors.length === 0 ? { ok: true, spec: input as unknown as DreamscapeSpec } : { ok: false, errors };
}

/** Parses and validates spec text (a file or storage); bad JSON is reported with its position. */
export function parseSpec(text: string): SpecValidation {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [{ path: '(file)', message: `is not valid JSON: ${(e as Error).message}` }] };
  }
  return validateSpec(parsed);
}

/** One line per error, as shown to the architect. */
export function formatSpecErrors(errors: readonly SpecError[]): string {
  return errors.map((e) => `${e.path}: ${e.message}`).join('\n');
}
