/**
 * Fuzzing the EDF and BDF readers: 10,000+ malformed inputs per format, each read in two different cuttings.
 * Only RecordingErrors may come out, with everything read before them delivered, the same however the bytes
 * arrive; truncated files replay exactly their complete records.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildEdf, tal, type EdfSpec } from '../unit/readers/edf-helpers.ts';
import { checkOutcome, HOSTILE_TEXT, mutated, pieces, readAny, sameOutcome } from './readers-fuzz-helpers.ts';

const EDF_HOSTILE = [
  ...HOSTILE_TEXT,
  '0       ',
  '\xffBIOSEMI',
  'EDF+C',
  'EDF+D',
  'BDF+D',
  'EDF Annotations ',
  '\x14',
  '\x15',
  '\x14\x00',
  '+1\x14\x14\x00',
  '-5\x14\x14\x00',
  '+0\x1530\x14x\x14\x00',
  '4096',
  '-1      ',
  '1e9     ',
];

function spec(bdf: boolean, reserved: string): EdfSpec {
  const ann = bdf ? 'BDF Annotations' : 'EDF Annotations';
  return {
    bdf,
    reserved,
    signals: [
      {
        label: 'EEG O1',
        physicalMin: -200,
        physicalMax: 200,
        digitalMin: -2000,
        digitalMax: 2000,
        samples: 5,
      },
      { label: 'O2', physicalMin: 300, physicalMax: -300, digitalMin: -3000, digitalMax: 3000, samples: 5 },
      { label: 'EOG', samples: 2 },
      { label: ann, samples: 16 },
    ],
    records: [0, 1, 2].map((r) => [
      [r, -r, 100, -100, 2000],
      [3000, -3000, r, 0, 1],
      [r, r],
      tal(
        r === 2 && reserved.endsWith('D') ? 3 : r,
        ...(r === 1 ? [[1.2, 2, 'ev'] as [number, number, string]] : []),
      ),
    ]),
  };
}

const FORMATS = [
  { name: 'EDF+', ext: 'edf', base: buildEdf(spec(false, 'EDF+D')) },
  { name: 'BDF+', ext: 'bdf', base: buildEdf(spec(true, 'BDF+C')) },
] as const;

const cuts = fc.array(fc.nat({ max: 4000 }), { maxLength: 6 });

describe.each(FORMATS)('$name reader under fuzzing', ({ ext, base }) => {
  const name = `fuzz.${ext}`;

  it('10,000 mutated files: only RecordingErrors, same outcome however the bytes are cut', () => {
    expect(base.length).toBeLessThan(2048);
    fc.assert(
      fc.property(mutated(base, EDF_HOSTILE), cuts, (bytes, at) => {
        const whole = readAny(name, [bytes]);
        checkOutcome(name, whole);
        const cut = readAny(name, pieces(bytes, at));
        return sameOutcome(whole, cut);
      }),
      { numRuns: 10_000 },
    );
  }, 120_000);

  it('a valid header followed by binary garbage', () => {
    const headerBytes = 256 * 5;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 600 }), cuts, (garbage, at) => {
        const bytes = new Uint8Array(headerBytes + garbage.length);
        bytes.set(base.subarray(0, headerBytes));
        bytes.set(garbage, headerBytes);
        const o = readAny(name, pieces(bytes, at));
        checkOutcome(name, o);
      }),
      { numRuns: 1_000 },
    );
  }, 60_000);

  it('truncated anywhere: the complete records are replayed, then the error says the file is truncated', () => {
    const headerBytes = 256 * 5;
    const recordBytes = (base.length - headerBytes) / 3;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: base.length - 1 }), cuts, (length, at) => {
        const o = readAny(name, pieces(base.subarray(0, length), at));
        checkOutcome(name, o);
        expect(o.error).not.toBeNull();
        const records = length < headerBytes ? 0 : Math.floor((length - headerBytes) / recordBytes);
        expect(o.events.filter((e) => e.kind === 'samples')).toHaveLength(records);
        if (length >= headerBytes + recordBytes) expect(o.error?.message).toMatch(/the file is truncated/);
      }),
      { numRuns: 1_000 },
    );
  }, 60_000);
});
