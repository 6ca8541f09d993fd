import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isMissingToken, parseAsciiNumber, scanNumber, scanned } from '../../../src/readers/ascii-number.ts';
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
