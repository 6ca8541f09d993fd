/**
 * Saved dreamscape specs in browser storage, one key each under `neurosleep.specs.` (so "delete all my data"
 * and anything else that looks for the app's prefix finds them), and specs as files: import and export.
 */
import type { DreamscapeSpec, SpecError } from './spec.ts';
import { formatSpecErrors, validateSpec } from './validate.ts';

export const SPEC_STORAGE_PREFIX = 'neurosleep.specs';

/** A spec file larger than this is not a dreamscape spec (the largest built-in is about 3 kB). */
export const MAX_SPEC_FILE_BYTES = 256 * 1024;

/** The part of the Web Storage API the store uses, so tests and other storages can stand in. */
export type SpecStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

export interface SavedSpec {
  readonly name: string;
  readonly scene: string;
  /** ISO 8601. */
  readonly savedAt: string;
  readonly spec: DreamscapeSpec;
}

/** A stored entry that no longer reads as a valid spec (hand-edited, or from another version): kept, not dropped. */
export interface UnreadableSpec {
  readonly key: string;
  readonly error: string;
}

export interface SpecList {
  /** Valid saved specs, by name. */
  readonly specs: SavedSpec[];
  readonly unreadable: UnreadableSpec[];
}

/** A spec that could not be read, saved or imported; `errors` name the fields when the spec itself is at fault. */
export class SpecStoreError extends Error {
  constructor(
    message: string,
    readonly errors: readonly SpecError[] = [],
  ) {
    super(message);
    this.name = 'SpecStoreError';
  }
}

export function specStorageKey(name: string): string {
  return `${SPEC_STORAGE_PREFIX}.${name}`;
}

function browserStorage(): SpecStorage {
  if (typeof localStorage === 'undefined')
    throw new SpecStoreError('Saved specs need browser storage (localStorage), which is not available here.');
  return localStorage;
}

function readEntry(key: string, text: string): SavedSpec | UnreadableSpec {
  let entry: unknown;
  try {
    entry = JSON.parse(text);
  } catch (e) {
    return { key, error: `is not valid JSON: ${(e as Error).message}` };
  }
  const record = (typeof entry === 'object' && entry !== null ? entry : {}) as Record<string, unknown>;
  const r = validateSpec(record.spec);
  if (!r.ok) return { key, error: formatSpecErrors(r.errors) };
  const savedAt = typeof record.savedAt === 'string' ? record.savedAt : '';
  return { name: r.spec.name, scene: r.spec.scene, savedAt, spec: r.spec };
}

/** Every saved spec, sorted by name; entries that do not validate are listed apart with the reason. */
export function listSpecs(storage: SpecStorage = browserStorage()): SpecList {
  const specs: SavedSpec[] = [];
  const unreadable: UnreadableSpec[] = [];
  for (let i = 0; i < storage.length; i++) {
    const key = storage.key(i);
    if (key === null || !key.startsWith(`${SPEC_STORAGE_PREFIX}.`)) continue;
    const text = storage.getItem(key);
    if (text === null) continue;
    const entry = readEntry(key, text);
    if ('spec' in entry) specs.push(entry);
    else unreadable.push(entry);
  }
  specs.sort((a, b) => a.name.localeCompare(b.name));
  unreadable.sort((a, b) => a.key.localeCompare(b.key));
  return { specs, unreadable };
}

/** Saves (or replaces) the spec under its name, after validating it. */
export function saveSpec(
  spec: unknown,
  storage: SpecStorage = browserStorage(),
  now: Date = new Date(),
): SavedSpec {
  const r = validateSpec(spec);
  if (!r.ok) throw new SpecStoreError(`The spec was not saved:\n${formatSpecErrors(r.errors)}`, r.errors);
  const saved: SavedSpec = {
    name: r.spec.name,
    scene: r.spec.scene,
    savedAt: now.toISOString(),
    spec: r.spec,
  };
  try {
    storage.setItem(specStorageKey(saved.name), JSON.stringify({ savedAt: saved.savedAt, spec: saved.spec }));
  } catch (e) {
    throw new SpecStoreError(
      `'${saved.name}' was not saved: browser storage refused it (${(e as Error).message}). ` +
        'Delete saved specs or recordings you no longer need, or export this spec as a file.',
    );
  }
  return saved;
}

export function loadSpec(name: string, storage: SpecStorage = browserStorage()): SavedSpec {
  const key = specStorageKey(name);
  const text = storage.getItem(key);
  if (text === null) throw new SpecStoreError(`No saved spec is named '${name}'.`);
  const entry = readEntry(key, text);
  if (!('spec' in entry))
    throw new SpecStoreError(`The saved spec '${name}' cannot be used:\n${entry.error}`);
  return entry;
}

/** Removes a saved spec by name, or an unreadable entry by its storage key. Missing ones are not an error. */
export function deleteSpec(nameOrKey: string, storage: SpecStorage = browserStorage()): void {
  storage.removeItem(nameOrKey.startsWith(`${SPEC_STORAGE_PREFIX}.`) ? nameOrKey : specStorageKey(nameOrKey));
}

/**
 * Reads and validates a spec file. Every problem is reported at once, each prefixed with the file's name and
 * naming the field, e.g. `dusk.json: palette.dread.glow: must be a colour "#rrggbb", found "red"`.
 */
export async function importSpecFile(
  file: Blob,
  fileName = (file as Partial<File>).name ?? 'spec',
): Promise<DreamscapeSpec> {
  if (file.size > MAX_SPEC_FILE_BYTES)
    throw new SpecStoreError(
      `${fileName}: is ${file.size} bytes; a dreamscape spec is JSON of at most ${MAX_SPEC_FILE_BYTES} bytes.`,
    );
  let text: string;
  try {
    text = await file.text();
  } catch (e) {
    throw new SpecStoreError(`${fileName}: could not be read (${(e as Error).message}).`);
  }
  text = text.replace(/^\uFEFF/, '');
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (e) {
    const message = describeJsonError(fileName, text, e as Error);
    throw new SpecStoreError(message, [{ path: '(file)', message }]);
  }
  const r = validateSpec(parsed);
  if (!r.ok)
    throw new SpecStoreError(
      r.errors.map((e) => `${fileName}: ${e.path}: ${e.message}`).join('\n'),
      r.errors,
    );
  return r.spec;
}

/** Where JSON text first breaks the grammar, or null if it does not (or is nested too deeply to tell). */
export function jsonErrorLocation(text: string): { offset: number; line: number; column: number } | null {
  let i = 0;
  const fail = (): never => {
    throw new JsonSyntaxAt(i);
  };
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const string = () => {
    i++;
    while (i < text.length) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        if (!/^\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4})/.test(text.slice(i, i + 6))) fail();
        i += text[i + 1] === 'u' ? 6 : 2;
      } else if (c < ' ') fail();
      else i++;
    }
    fail();
  };
  const members = (close: string, member: () => void) => {
    i++;
    ws();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      member();
      ws();
      if (text[i] === ',') i++;
      else if (text[i] === close) {
        i++;
        return;
      } else fail();
    }
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{')
      return members('}', () => {
        ws();
        if (text[i] !== '"') fail();
        string();
        ws();
        if (text[i] !== ':') fail();
        i++;
        value();
      });
    if (c === '[') return members(']', value);
    if (c === '"') return string();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(
      text.slice(i, i + 400),
    );
    if (!literal) fail();
    i += literal![0].length;
  };
  try {
    value();
    ws();
    if (i < text.length) fail();
    return null;
  } catch (e) {
    // Nesting deeper than the call stack: JSON.parse's own message has to do.
    if (e instanceof RangeError) return null;
    if (!(e instanceof JsonSyntaxAt)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split('\n').length;
    return { offset: e.offset, line, column: e.offset - before.lastIndexOf('\n') };
  }
}

class JsonSyntaxAt {
  constructor(readonly offset: number) {}
}

/** `SOURCE:LINE:COLUMN: is not valid JSON: found "x" (the parser's own words)`; no place if none is found. */
export function describeJsonError(source: string, text: string, error: Error): string {
  const at = jsonErrorLocation(text);
  if (!at) return `${source}: is not valid JSON: ${error.message}`;
  const found =
    at.offset < text.length ? JSON.stringify(text.slice(at.offset, at.offset + 12)) : 'the end of the text';
  return `${source}:${at.line}:${at.column}: is not valid JSON: found ${found} (${error.message})`;
}

/** A file name made from the spec's name: letters, digits, dashes; never empty. */
export function specFileName(spec: Pick<DreamscapeSpec, 'name' | 'scene'>): string {
  const slug = spec.name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60);
  return `${slug || spec.scene}.dreamscape.json`;
}

/** The spec as the file export writes it: validated, pretty-printed JSON. */
export function exportSpecBlob(spec: unknown): { fileName: string; blob: Blob; text: string } {
  const r = validateSpec(spec);
  if (!r.ok) throw new SpecStoreError(`The spec was not exported:\n${formatSpecErrors(r.errors)}`, r.errors);
  const text = `${JSON.stringify(r.spec, null, 2)}\n`;
  return { fileName: specFileName(r.spec), blob: new Blob([text], { type: 'application/json' }), text };
}

/** Offers the spec as a downloaded `.json` file; returns the file's name. */
export function downloadSpec(spec: unknown, doc: Document = document): string {
  const { fileName, blob } = exportSpecBlob(spec);
  const url = URL.createObjectURL(blob);
  const a = doc.createElement('a');
  a.href = url;
  a.download = fileName;
  a.rel = 'noopener';
  doc.body.append(a);
  a.click();
  a.remove();
  // The download has started from the URL by now; it is released a little later for slow browsers.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return fileName;
}
