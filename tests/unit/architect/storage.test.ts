import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  builtinSpec,
  deleteSpec,
  exportSpecBlob,
  importSpecFile,
  jsonErrorLocation,
  listSpecs,
  loadSpec,
  MAX_SPEC_FILE_BYTES,
  parseSpec,
  saveSpec,
  specFileName,
  SpecStoreError,
  type DreamscapeSpec,
} from '../../../src/architect/index.ts';
import { deleteAllData } from '../../../src/app/privacy/delete-all-data.ts';

/** An in-memory Web Storage with the browser's semantics, including a quota. */
class MemoryStorage implements Storage {
  private readonly items = new Map<string, string>();
  constructor(private readonly quotaChars = Infinity) {}
  get length(): number {
    return this.items.size;
  }
  key(i: number): string | null {
    return [...this.items.keys()][i] ?? null;
  }
  getItem(k: string): string | null {
    return this.items.get(k) ?? null;
  }
  setItem(k: string, v: string): void {
    let used = 0;
    for (const [key, value] of this.items) if (key !== k) used += key.length + value.length;
    if (used + k.length + v.length > this.quotaChars)
      throw new DOMException("Setting the value of 'x' exceeded the quota.", 'QuotaExceededError');
    this.items.set(k, String(v));
  }
  removeItem(k: string): void {
    this.items.delete(k);
  }
  clear(): void {
    this.items.clear();
  }
}

function spec(scene = 'other-self', name = 'Dusk'): DreamscapeSpec {
  return { ...structuredClone(builtinSpec(scene)!), name };
}

function rejection(p: Promise<unknown>): Promise<SpecStoreError> {
  return p.then(
    () => {
      throw new Error('expected a rejection');
    },
    (e: unknown) => {
      expect(e).toBeInstanceOf(SpecStoreError);
      return e as SpecStoreError;
    },
  );
}

describe('saved specs in browser storage', () => {
  it('save, list (sorted by name), load and delete, under the neurosleep.specs prefix', () => {
    const storage = new MemoryStorage();
    storage.setItem('neurosleep.settings', '{}');
    const at = new Date('2026-11-30T06:00:00Z');
    saveSpec(spec('tide', 'Storm'), storage, at);
    saveSpec(spec('other-self', 'Dusk'), storage, at);
    expect(storage.getItem('neurosleep.specs.Storm')).not.toBeNull();

    const { specs, unreadable } = listSpecs(storage);
    expect(unreadable).toEqual([]);
    expect(specs.map((s) => [s.name, s.scene, s.savedAt])).toEqual([
      ['Dusk', 'other-self', '2026-11-30T06:00:00.000Z'],
      ['Storm', 'tide', '2026-11-30T06:00:00.000Z'],
    ]);
    expect(loadSpec('Storm', storage).spec).toEqual(spec('tide', 'Storm'));

    deleteSpec('Storm', storage);
    expect(listSpecs(storage).specs.map((s) => s.name)).toEqual(['Dusk']);
    expect(storage.getItem('neurosleep.settings')).toBe('{}');
    expect(() => loadSpec('Storm', storage)).toThrow("No saved spec is named 'Storm'.");
  });

  it('saving under an existing name replaces that spec', () => {
    const storage = new MemoryStorage();
    saveSpec(spec('tide', 'Mine'), storage);
    const edited = spec('tide', 'Mine');
    edited.palette!.dread!.skyZenith = '#203040';
    saveSpec(edited, storage);
    const { specs } = listSpecs(storage);
    expect(specs).toHaveLength(1);
    expect(specs[0]!.spec.palette!.dread!.skyZenith).toBe('#203040');
  });

  it('refuses to save an invalid spec, naming the field, and stores nothing', () => {
    const storage = new MemoryStorage();
    const bad = spec();
    bad.palette!.dread!.glow = '#e01010';
    let error: unknown;
    try {
      saveSpec(bad, storage);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SpecStoreError);
    expect((error as SpecStoreError).errors.map((e) => e.path)).toEqual(['palette.dread.glow']);
    expect((error as Error).message).toMatch(/palette\.dread\.glow: is too red/);
    expect(storage.length).toBe(0);
  });

  it('lists entries that no longer validate apart, with the reason, and never drops them', () => {
    const storage = new MemoryStorage();
    saveSpec(spec(), storage);
    storage.setItem('neurosleep.specs.broken', '{"savedAt": ');
    const old = { savedAt: 'x', spec: { ...spec(), sound: { ...spec().sound, volume: 7 } } };
    storage.setItem('neurosleep.specs.old', JSON.stringify(old));
    const { specs, unreadable } = listSpecs(storage);
    expect(specs.map((s) => s.name)).toEqual(['Dusk']);
    expect(unreadable.map((u) => u.key)).toEqual(['neurosleep.specs.broken', 'neurosleep.specs.old']);
    expect(unreadable[0]!.error).toMatch(/is not valid JSON/);
    expect(unreadable[1]!.error).toBe('sound.volume: must be a number between 0 and 1, found 7');
    expect(storage.length).toBe(3);
    expect(() => loadSpec('old', storage)).toThrow(/cannot be used:\nsound\.volume/);
    deleteSpec('neurosleep.specs.broken', storage);
    expect(storage.getItem('neurosleep.specs.broken')).toBeNull();
  });

  it('says plainly when storage is full, and keeps what was saved before', () => {
    const storage = new MemoryStorage(JSON.stringify(spec()).length + 400);
    saveSpec(spec('other-self', 'First'), storage);
    expect(() => saveSpec(spec('cosmos', 'Second'), storage)).toThrow(
      /'Second' was not saved: browser storage refused it \(.*quota.*\)\. .*export this spec as a file/,
    );
    expect(listSpecs(storage).specs.map((s) => s.name)).toEqual(['First']);
  });

  it('without browser storage, says so instead of failing obscurely', () => {
    expect(typeof localStorage).toBe('undefined');
    expect(() => listSpecs()).toThrow(/need browser storage \(localStorage\)/);
  });
});

describe('"delete all my data"', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it('removes saved specs with everything else in local storage', async () => {
    const local = new MemoryStorage();
    vi.stubGlobal('localStorage', local);
    vi.stubGlobal('sessionStorage', new MemoryStorage());
    saveSpec(spec('tide', 'A'));
    saveSpec(spec('cosmos', 'B'));
    expect(listSpecs().specs).toHaveLength(2);
    const report = await deleteAllData();
    expect(report.storageKeys).toBe(2);
    expect(listSpecs()).toEqual({ specs: [], unreadable: [] });
  });
});

describe('spec files', () => {
  it('export writes validated, pretty JSON under a name made from the spec, which imports back equal', async () => {
    const s = spec('cosmos', 'Wonder: Ünïcode & spaces!');
    const { fileName, blob, text } = exportSpecBlob(s);
    expect(fileName).toBe('wonder-unicode-spaces.dreamscape.json');
    expect(blob.type).toBe('application/json');
    expect(text).toBe(`${JSON.stringify(s, null, 2)}\n`);
    const r = parseSpec(await blob.text());
    expect(r.ok && r.spec).toEqual(s);
    expect(await importSpecFile(new File([text], fileName))).toEqual(s);
    expect(specFileName({ name: '***', scene: 'tide' })).toBe('tide.dreamscape.json');
  });

  it('export refuses an invalid spec', () => {
    expect(() => exportSpecBlob({ ...spec(), scene: 'mars' })).toThrow(
      /not exported:\nscene: must be one of/,
    );
  });

  it('import names the file and every bad field', async () => {
    const bad = spec('tide') as unknown as { palette: Record<string, Record<string, string>> };
    bad.palette.dread!.skyZenith = 'navy';
    bad.palette.nightmare = { sky: '#000000' };
    const e = await rejection(importSpecFile(new File([JSON.stringify(bad)], 'storm.json')));
    expect(e.message.split('\n')).toEqual([
      'storm.json: palette.dread.skyZenith: must be a colour "#rrggbb", found "navy"',
      "storm.json: palette.nightmare: is not a palette level (allowed: 'calm', 'dread', 'wonder')",
    ]);
    expect(e.errors.map((x) => x.path)).toEqual(['palette.dread.skyZenith', 'palette.nightmare']);
  });

  it('import reports broken JSON with its position, and a file too large to be a spec by its size', async () => {
    const json = await rejection(importSpecFile(new File(['{\n  "format": neuro\n}'], 'cut.json')));
    expect(json.message).toMatch(/^cut\.json:2:13: is not valid JSON: found "neuro\\n}" \(Unexpected token/);
    const cut = await rejection(importSpecFile(new File(['{"format": "neuro'], 'cut.json')));
    expect(cut.message).toMatch(/^cut\.json:1:18: is not valid JSON: found the end of the text/);
    const big = await rejection(importSpecFile(new File(['x'.repeat(MAX_SPEC_FILE_BYTES + 1)], 'huge.json')));
    expect(big.message).toBe(
      `huge.json: is ${MAX_SPEC_FILE_BYTES + 1} bytes; a dreamscape spec is JSON of at most ${MAX_SPEC_FILE_BYTES} bytes.`,
    );
  });

  it('import accepts a byte-order mark, and rejects code smuggled in as a field', async () => {
    const s = spec();
    expect(await importSpecFile(new File([`\uFEFF${JSON.stringify(s)}`], 'bom.json'))).toEqual(s);
    const code = await rejection(
      importSpecFile(new File([JSON.stringify({ ...s, onLoad: 'fetch("//x")' })], 'evil.json')),
    );
    expect(code.message).toMatch(/^evil\.json: onLoad: is not a spec field/);
  });
});

describe('where JSON breaks', () => {
  it('agrees with JSON.parse on what is valid, and points at the first offending character', () => {
    for (const ok of ['{}', ' [1, -2.5e3, "a\\u00e9\\n", true, null, {"a": []}] ', '"x"', '0'])
      expect(jsonErrorLocation(ok)).toBeNull();
    expect(jsonErrorLocation('{"a": 1,}')).toEqual({ offset: 8, line: 1, column: 9 });
    expect(jsonErrorLocation('{\n  "a": [1 2]\n}')).toEqual({ offset: 12, line: 2, column: 11 });
    expect(jsonErrorLocation("{'a': 1}")).toEqual({ offset: 1, line: 1, column: 2 });
    expect(jsonErrorLocation('[1] x')).toEqual({ offset: 4, line: 1, column: 5 });
    expect(jsonErrorLocation('"tab\there"')).toEqual({ offset: 4, line: 1, column: 5 });
  });

  it('gives up on a place, not with a crash, for nesting deeper than the stack', () => {
    const deep = '['.repeat(200_000);
    expect(jsonErrorLocation(deep)).toBeNull();
  });
});
