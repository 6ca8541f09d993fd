import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AsciiRows } from '../../../src/cli/ascii-rows.ts';

const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function fixedText(x: number, digits: number): string {
  const rows = new AsciiRows();
  rows.fixed(x, digits);
  return text(rows.take());
}

describe('AsciiRows.fixed writes exactly what toFixed gives', () => {
  it('on the cases that need care: halves, signs, zeros, large and non-finite values', () => {
    const cases = [
      0,
      -0,
      1,
      -1,
      0.5,
      -0.5,
      1.5,
      2.5,
      0.0000005,
      0.0000015,
      1.0000005,
      -1.0000005,
      0.0005,
      0.00049999999,
      1e-7,
      -1e-7,
      -4e-7,
      123.4565,
      9.9999995,
      99.99999949999,
      0.1 + 0.2,
      1e9,
      1099511.6277755,
      1e15,
      1e21,
      -1e21,
      1.7976931348623157e308,
      5e-324,
      NaN,
      Infinity,
      -Infinity,
    ];
    for (const x of cases) {
      for (const d of [0, 3, 4, 6]) expect(fixedText(x, d), `${x}.toFixed(${d})`).toBe(x.toFixed(d));
    }
  });

  it('on 30,000 random doubles of every magnitude and on values at half-units of the last digit', () => {
    fc.assert(
      fc.property(fc.double(), fc.constantFrom(0, 1, 3, 4, 6, 9), (x, d) => fixedText(x, d) === x.toFixed(d)),
      { numRuns: 10_000 },
    );
    fc.assert(
      fc.property(
        fc.integer({ min: -2_000_000_000, max: 2_000_000_000 }),
        fc.constantFrom(3, 4, 6),
        (k, d) => {
          const x = (k + 0.5) / 10 ** d;
          return fixedText(x, d) === x.toFixed(d);
        },
      ),
      { numRuns: 10_000 },
    );
    // Analyze's own kind of values: any fraction of the last digit, near a half too.
    fc.assert(
      fc.property(
        fc.integer({ min: -100_000_000, max: 100_000_000 }),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        fc.constantFrom(3, 4, 6),
        (k, f, d) => {
          const x = (k + f) / 10 ** d;
          return fixedText(x, d) === x.toFixed(d);
        },
      ),
      { numRuns: 10_000 },
    );
  });

  it('builds whole rows, grows past its first buffer and starts afresh after take()', () => {
    const rows = new AsciiRows();
    const expected: string[] = [];
    const powers = Float64Array.from({ length: 7 }, (_, k) => Math.cos(k) * 10 ** k);
    for (let i = 0; i < 20_000; i++) {
      const x = Math.sin(i) * 10 ** (i % 5);
      rows.fixed(i / 10, 3);
      rows.byte(0x2c);
      rows.fixed(x, 6);
      rows.byte(0x2c);
      rows.fixedAt(powers, i % 7, 4);
      rows.ascii(',,');
      rows.byte(0x0a);
      expected.push(`${(i / 10).toFixed(3)},${x.toFixed(6)},${(powers[i % 7] as number).toFixed(4)},,\n`);
    }
    expect(rows.length).toBeGreaterThan(1 << 17);
    expect(text(rows.take())).toBe(expected.join(''));
    expect(rows.length).toBe(0);
    rows.ascii('next');
    expect(text(rows.take())).toBe('next');
  });

  it('refuses a digit count toFixed would not give here', () => {
    expect(() => new AsciiRows().fixed(1, 10)).toThrow(/digits must be an integer in \[0, 9\], got 10/);
  });
});
