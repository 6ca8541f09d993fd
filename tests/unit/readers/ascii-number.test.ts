import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isMissingToken,
  parseAsciiNumber,
  scanNumber,
  scanNumberInto,
  scanned,
} from '../../../src/readers/ascii-number.ts';
import { RecordingError } from '../../../src/readers/recording-error.ts';
import { RowFields } from '../../../src/readers/row-fields.ts';
import { bytesOf } from './read-helpers.ts';

const parse = (s: string) => {
  const b = bytesOf(s);
  return parseAsciiNumber(b, 0, b.length);
};

describe('parseAsciiNumber', () => {
  it.each([
    ['0', 0],
    ['-0.0', -0],
    ['12', 12],
    ['+0.5', 0.5],
    ['.5', 0.5],
    ['3.', 3],
    ['-389.6484375', -389.6484375],
    ['6.1317877E-4', 6.1317877e-4],
    ['-3.876089E-4', -3.876089e-4],
    ['1e3', 1000],
    ['2.5e+2', 250],
    ['  15.00 ', 15],
    ['1734407442.5881429', 1734407442.5881429],
  ])('reads %j as %d', (text, value) => {
    expect(Object.is(parse(text), value) || parse(text) === value).toBe(true);
  });

  it.each([
    '',
    ' ',
    '-',
    '+',
    '.',
    'abc',
    '1.2.3',
    '1e',
    '1e+',
    '12a',
    '1,5',
    '--1',
    'NaN',
    'Infinity',
    '0x10',
  ])('rejects %j', (text) => {
    expect(parse(text)).toBeNaN();
  });

  // Exact whenever the decimal exponent stays within ±22, which covers EEG values and timestamps.
  it('equals parseFloat for doubles within 1e-6..1e7 printed with up to 15 significant digits', () => {
    fc.assert(
      fc.property(
        fc.double({ noNaN: true, min: -1e7, max: 1e7 }).filter((x) => x === 0 || Math.abs(x) >= 1e-6),
        fc.integer({ min: 1, max: 15 }),
        fc.constantFrom<'precision' | 'exponential' | 'fixed'>('precision', 'exponential', 'fixed'),
        (x, digits, style) => {
          const text =
            style === 'precision'
              ? x.toPrecision(digits)
              : style === 'exponential'
                ? x.toExponential(digits - 1)
                : x.toFixed(Math.min(digits, 8));
          if (style === 'fixed' && text.replace(/[-.]/g, '').replace(/^0+/, '').length > 15) return;
          expect(parse(text)).toBe(Number.parseFloat(text));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('stays within a few ulps of parseFloat for 17 digits (epoch timestamps) and any exponent', () => {
    fc.assert(
      fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: 1e-300, max: 1e300 }), (x) => {
        const text = x.toPrecision(17);
        const expected = Number.parseFloat(text);
        expect(Math.abs(parse(text) - expected)).toBeLessThanOrEqual(Math.abs(expected) * 4 * Number.EPSILON);
      }),
      { numRuns: 2000 },
    );
  });

  it('returns NaN rather than Infinity for out-of-range exponents, and 0 for tiny ones', () => {
    expect(parse('1e400')).toBeNaN();
    expect(parse('1e-400')).toBe(0);
  });
});

describe('scanNumber', () => {
  it('stops at the first byte that cannot continue the number, for the caller to check', () => {
    const b = bytesOf('-12.5e1,7');
    expect(scanNumber(b, 0, b.length)).toBe(-125);
    expect(scanned.end).toBe(7);
    expect(scanNumber(b, 8, b.length)).toBe(7);
    expect(scanned.end).toBe(9);
  });
});

describe('isMissingToken', () => {
  it.each(['', '  ', 'NaN', 'nan', '-nan', 'inf', '-inf', '+Inf', 'Infinity', '-Infinity', ' NaN '])(
    'treats %j as missing',
    (text) => {
      const b = bytesOf(text);
      expect(isMissingToken(b, 0, b.length)).toBe(true);
    },
  );
  it.each(['abc', 'nanx', 'infinit', '0', 'N/A'])('does not treat %j as missing', (text) => {
    const b = bytesOf(text);
    expect(isMissingToken(b, 0, b.length)).toBe(false);
  });
});

describe("scanNumberInto and RowFields.valuesInto (the readers' per-row path, values stored, not returned)", () => {
  it('store what scanNumber and RowFields.value return', () => {
    const out = new Float64Array(3).fill(7);
    for (const text of ['-389.6484375', '6.1317877E-4', '12a', '', '1e', '1734407442.5881429']) {
      const b = bytesOf(text);
      const v = scanNumber(b, 0, b.length);
      const end = scanned.end;
      scanNumberInto(b, 0, b.length, out, 1);
      expect(scanned.end).toBe(end);
      expect(Object.is(out[1], v)).toBe(true);
    }
    expect([out[0], out[2]]).toEqual([7, 7]);
  });

  it('read plain numbers quickly, the rest as value() does, and nothing from an earlier, longer row', () => {
    const columns = ['t', 'a', 'b', 'c', 'd'];
    const fields = new RowFields('rows.csv', columns, 4, 0, 'seconds', [0, 1, 2, 3, 4]);
    const split = (text: string, line: number) => {
      const b = bytesOf(text);
      fields.split(b, 0, b.length, line, 0);
    };
    const out = new Float64Array(3);
    split('1.5,10,-2.25e1,3,4', 2);
    fields.valuesInto([1, 2, 4], out);
    expect([...out]).toEqual([10, -22.5, 4]);
    // Spaces around a number, a missing token, and a row one field short: column 4 is absent, not 4 again.
    split('1.6, 11 ,nan,3', 3);
    fields.valuesInto([1, 2, 4], out);
    expect([...out]).toEqual([11, Number.NaN, Number.NaN]);
    expect([1, 2, 4].map((k) => fields.value(k))).toEqual([...out]);
    expect(fields.missingValues).toBe(4);
    split('1.7,12,oops,3,4', 4);
    expect(() => fields.valuesInto([1, 2], out)).toThrow(RecordingError);
    expect(() => fields.valuesInto([1, 2], out)).toThrow(/rows\.csv:4/);
  });
});
