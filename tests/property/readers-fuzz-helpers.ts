/**
 * Shared by the reader fuzz suites: drive both passes over bytes cut into pieces, and insist that whatever
 * the input, the only thing thrown is a RecordingError, thrown after the events read before it.
 */
import fc from 'fast-check';
import {
  createAnyParser,
  createAnyScanner,
  RecordingError,
  type RecordingFormat,
} from '../../src/readers/index.ts';
import type { SourceEvent } from '../../src/source/types.ts';

export interface FuzzOutcome {
  readonly events: SourceEvent[];
  /** The RecordingError that ended the scan or the read, if any. */
  readonly error: RecordingError | null;
  readonly scanned: boolean;
}

/** Cuts `bytes` at `cuts` (any numbers; taken modulo the length). */
export function pieces(bytes: Uint8Array, cuts: readonly number[]): Uint8Array[] {
  const points = [
    ...new Set(cuts.map((c) => (bytes.length ? c % bytes.length : 0)).filter((c) => c > 0)),
  ].sort((a, b) => a - b);
  const out: Uint8Array[] = [];
  let from = 0;
  for (const p of points) {
    out.push(bytes.subarray(from, p));
    from = p;
  }
  out.push(bytes.subarray(from));
  return out;
}

/** Both passes; anything thrown that is not a RecordingError escapes and fails the property. */
export function readAny(name: string, chunks: readonly Uint8Array[], format?: RecordingFormat): FuzzOutcome {
  const events: SourceEvent[] = [];
  let scan;
  try {
    const scanner = createAnyScanner(name, format);
    for (const c of chunks) scanner.push(c);
    scan = scanner.end();
  } catch (err) {
    if (err instanceof RecordingError) return { events, error: err, scanned: false };
    throw err;
  }
  const parser = createAnyParser(scan, (e) => events.push(e));
  try {
    for (const c of chunks) parser.push(c);
    parser.end();
    return { events, error: null, scanned: true };
  } catch (err) {
    if (err instanceof RecordingError) return { events, error: err, scanned: true };
    throw err;
  }
}

/** Checks what every outcome must satisfy: sane events, a well-formed error message. */
export function checkOutcome(name: string, o: FuzzOutcome): void {
  let lastIndex = -1;
  for (const e of o.events) {
    if (e.kind === 'samples') {
      if (!(e.length > 0) || e.index < lastIndex || e.data.some((d) => d.length < e.length)) {
        throw new Error(`bad chunk at index ${e.index}`);
      }
      if (!(e.sampleRate > 0) || !Number.isFinite(e.t0)) throw new Error('bad chunk timing');
      lastIndex = e.index + e.length;
    } else if (e.kind === 'gap') {
      if (!(e.missingSamples > 0)) throw new Error('empty gap');
    } else if (!Number.isFinite(e.t)) throw new Error(`non-finite ${e.kind} time`);
  }
  if (o.error) {
    const m = o.error.message;
    if (!m.startsWith(`${name}:`) || !m.includes('expected ') || !m.includes(', found ')) {
      throw new Error(`malformed error message: ${m}`);
    }
    if (!(o.error.byteOffset >= 0)) throw new Error('negative byte offset');
  }
}

/** Same events and error however the bytes are cut: nothing read depends on how it arrived. */
export function sameOutcome(a: FuzzOutcome, b: FuzzOutcome): boolean {
  return (
    JSON.stringify(summarize(a)) === JSON.stringify(summarize(b)) &&
    (a.error?.message ?? null) === (b.error?.message ?? null)
  );
}

function summarize(o: FuzzOutcome): unknown[] {
  return o.events.map((e) =>
    e.kind === 'samples'
      ? [e.index, e.length, e.data.map((d) => Array.from(d.subarray(0, e.length)).join())]
      : e,
  );
}

/** Small edits to valid bytes: flips, deletions, insertions, overwrites with hostile text, truncation. */
export function mutated(base: Uint8Array, hostile: readonly string[]): fc.Arbitrary<Uint8Array> {
  const edit = fc.oneof(
    fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.integer({ min: 0, max: 255 }) }),
    fc.record({
      kind: fc.constant('delete' as const),
      at: fc.nat(),
      length: fc.integer({ min: 1, max: 40 }),
    }),
    fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), text: fc.constantFrom(...hostile) }),
    fc.record({ kind: fc.constant('overwrite' as const), at: fc.nat(), text: fc.constantFrom(...hostile) }),
    fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), bytes: fc.uint8Array({ maxLength: 24 }) }),
    fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  );
  return fc.array(edit, { minLength: 1, maxLength: 4 }).map((edits) => {
    let b = Array.from(base);
    for (const e of edits) {
      const at = b.length ? e.at % (b.length + 1) : 0;
      switch (e.kind) {
        case 'flip':
          if (at < b.length) b[at] = e.value;
          break;
        case 'delete':
          b.splice(at, e.length);
          break;
        case 'insert':
          b.splice(at, 0, ...Buffer.from(e.text, 'latin1'));
          break;
        case 'overwrite':
          b.splice(at, e.text.length, ...Buffer.from(e.text, 'latin1'));
          break;
        case 'bytes':
          b.splice(at, 0, ...e.bytes);
          break;
        case 'truncate':
          b = b.slice(0, at);
          break;
      }
    }
    return Uint8Array.from(b);
  });
}

export const HOSTILE_TEXT = [
  'NaN',
  'Infinity',
  '-Infinity',
  '1e309',
  '-0',
  '\uFEFF',
  '\r\n',
  '\n',
  ';',
  '\t',
  ',',
  ',,,,',
  '"',
  'abc',
  '99999999',
  '-1',
  '0',
  ' ',
  '\x00',
  '\xff\xfe',
  '+',
  '.',
  'e',
  '1.5.5',
  '1e-400',
  '2021-07-27 00:55:00.000',
];
