import { describe, expect, it } from 'vitest';
import { builtinSpec, formatSpecErrors } from '../../../src/architect/index.ts';
import {
  errorsByField,
  evaluateDraft,
  getField,
  humanize,
  numberFromInput,
  pathKey,
  sceneFields,
  setField,
  specText,
} from '../../../src/app/architect/spec-draft.ts';
import { describeSession, PREVIEW_SESSIONS } from '../../../src/app/architect/preview-source.ts';

describe("the architect's draft", () => {
  it('names fields the way the validator does', () => {
    expect(pathKey(['curves', 'fog', 'points', 2, 1])).toBe('curves.fog.points[2][1]');
    expect(pathKey(['palette', 'dread', 'glow'])).toBe('palette.dread.glow');
    expect(pathKey([])).toBe('');
  });

  it('sets a field without touching the original, creating what is missing', () => {
    const spec = structuredClone(builtinSpec('other-self')!);
    const before = specText(spec);
    const edited = setField(spec, ['curves', 'figureDistance', 'points', 3, 1], 12);
    expect(specText(spec)).toBe(before);
    expect(getField(edited, ['curves', 'figureDistance', 'points', 3])).toEqual([1, 12]);
    expect(getField(edited, ['curves', 'fog'])).toBe(spec.curves!.fog);
    expect(setField({}, ['palette', 'dread', 'glow'], '#102030')).toEqual({
      palette: { dread: { glow: '#102030' } },
    });
    expect(setField(undefined, ['a', 0], 1)).toEqual({ a: [1] });
    expect(getField(edited, ['sound', 'volume', 'x'])).toBeUndefined();
  });

  it('a form edit that is out of range is kept as typed and reported at that field', () => {
    const spec = builtinSpec('other-self')!;
    const text = specText(
      setField(spec, ['curves', 'figureDistance', 'points', 0, 1], numberFromInput('90')),
    );
    const draft = evaluateDraft(text);
    expect(getField(draft.value, ['curves', 'figureDistance', 'points', 0, 1])).toBe(90);
    expect(draft.validation.ok).toBe(false);
    const errors = errorsByField(draft.validation.ok ? [] : draft.validation.errors);
    expect(errors.get('curves.figureDistance.points[0][1]')).toEqual([
      "must be a number between 1.5 and 60 (the figure's distance in metres), found 90",
    ]);
  });

  it('number boxes hand the validator what was typed when it is not a number', () => {
    expect(numberFromInput('0.25')).toBe(0.25);
    expect(numberFromInput(' 3 ')).toBe(3);
    expect(numberFromInput('')).toBe('');
    expect(numberFromInput('abc')).toBe('abc');
    expect(numberFromInput('Infinity')).toBe('Infinity');
    const draft = evaluateDraft(
      specText(setField(builtinSpec('tide'), ['sound', 'volume'], numberFromInput('loud'))),
    );
    expect(draft.validation.ok ? '' : formatSpecErrors(draft.validation.errors)).toBe(
      'sound.volume: must be a number between 0 and 1, found "loud"',
    );
  });

  it('reports text that is not JSON as one error, and a valid text as the spec', () => {
    const broken = evaluateDraft('{"name": ');
    expect(broken.value).toBeUndefined();
    expect(broken.validation.ok ? [] : broken.validation.errors.map((e) => e.path)).toEqual(['(json)']);
    const ok = evaluateDraft(specText(builtinSpec('cosmos')));
    expect(ok.validation.ok && ok.validation.spec.scene).toBe('cosmos');
  });

  it('lays out each scene with its own colours and only the curves it understands', () => {
    const tide = sceneFields('tide')!;
    expect(tide.curves.map((c) => c.name)).toEqual(['fog', 'motion', 'sky']);
    expect(tide.colours).toContain('seaDeep');
    const other = sceneFields('other-self')!;
    expect(other.curves.map((c) => c.name)).toEqual(['fog', 'motion', 'sky', 'figureSize', 'figureDistance']);
    expect(other.curves.find((c) => c.name === 'figureDistance')!.range).toMatchObject({ min: 1.5, max: 60 });
    expect(other.levels).toEqual(['calm', 'dread', 'wonder']);
    expect(sceneFields('mars')).toBeUndefined();
    expect(humanize('skyHorizon')).toBe('sky horizon');
  });
});

describe('preview sessions', () => {
  it("offer every one of the synthesizer's scripted sessions, described by their segments", () => {
    expect(PREVIEW_SESSIONS).toEqual(['calm-anxious-recovery', 'drowsy', 'chaotic', 'demo']);
    expect(describeSession('calm-anxious-recovery')).toBe('calm 90 s → anxious 90 s → recovery 120 s');
    expect(describeSession('demo')).toMatch(/^settling in 20 s → calm 60 s → dread 45 s .* \(loops\)$/);
  });
});

describe('the raw JSON box', () => {
  it('says where the text stops being JSON', () => {
    const draft = evaluateDraft('{\n  "name": "x",\n  "scene": tide\n}');
    expect(draft.validation.ok ? '' : formatSpecErrors(draft.validation.errors)).toMatch(
      /^\(json\): is not valid JSON at line 3, column 12: found "tide\\n}" \(/,
    );
  });
});
