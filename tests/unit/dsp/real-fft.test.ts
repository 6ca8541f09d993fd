import { describe, expect, it } from 'vitest';
import { RealFft } from '../../../dsp/real-fft.ts';

function naiveDft(x: Float64Array): { re: number[]; im: number[] } {
  const n = x.length;
  const re: number[] = [];
  const im: number[] = [];
  for (let k = 0; k <= Math.floor(n / 2); k++) {
    let r = 0;
    let i = 0;
    for (let j = 0; j < n; j++) {
      const a = (2 * Math.PI * ((j * k) % n)) / n;
      r += (x[j] as number) * Math.cos(a);
      i -= (x[j] as number) * Math.sin(a);
    }
    re.push(r);
    im.push(i);
  }
  return { re, im };
}

describe('RealFft', () => {
  // Powers of two (fft.js radix-4), others (Bluestein), odd and tiny lengths.
  it.each([1, 2, 3, 4, 5, 8, 64, 99, 100, 200, 250, 256, 1000, 1024])(
    'length %i equals the naive DFT',
    (n) => {
      const x = Float64Array.from({ length: n }, (_, i) => 10 * Math.sin(i * 1.7) + (i % 7) - 3);
      const fft = new RealFft(n);
      expect(fft.bins).toBe(Math.floor(n / 2) + 1);
      const out = new Float64Array(2 * fft.bins);
      fft.transformInto(x, out);
      const power = new Float64Array(fft.bins);
      fft.powerSpectrumInto(x, power);
      const { re, im } = naiveDft(x);
      let scale = 1;
      for (let k = 0; k < fft.bins; k++)
        scale = Math.max(scale, Math.hypot(re[k] as number, im[k] as number));
      for (let k = 0; k < fft.bins; k++) {
        expect(Math.abs((out[2 * k] as number) - (re[k] as number)) / scale).toBeLessThan(1e-12);
        expect(Math.abs((out[2 * k + 1] as number) - (im[k] as number)) / scale).toBeLessThan(1e-12);
        const p = (re[k] as number) ** 2 + (im[k] as number) ** 2;
        expect(Math.abs((power[k] as number) - p) / scale ** 2).toBeLessThan(1e-12);
      }
    },
  );

  // Power-of-two lengths take the half-length complex FFT path, others copy the full transform.
  it.each([4, 8, 64, 256, 1024, 100, 250])(
    'length %i: the prefix power spectrum equals the full one',
    (n) => {
      const x = Float64Array.from({ length: n }, (_, i) => 7 * Math.cos(i * 0.9) + ((i * 13) % 5) - 2);
      const fft = new RealFft(n);
      const full = new Float64Array(fft.bins);
      fft.powerSpectrumInto(x, full);
      let scale = 0;
      for (const p of full) scale = Math.max(scale, p);
      for (const count of [1, 2, Math.floor(fft.bins / 3), fft.bins - 1, fft.bins]) {
        const out = new Float64Array(fft.bins).fill(-1);
        fft.powerSpectrumPrefixInto(x, out, count);
        for (let k = 0; k < count; k++) {
          expect(Math.abs((out[k] as number) - (full[k] as number)) / scale).toBeLessThan(1e-12);
        }
        for (let k = count; k < fft.bins; k++) expect(out[k]).toBe(-1);
      }
      expect(() => fft.powerSpectrumPrefixInto(x, full, fft.bins + 1)).toThrow(RangeError);
    },
  );

  it('is reusable: a second transform does not see the first', () => {
    const fft = new RealFft(250);
    const a = Float64Array.from({ length: 250 }, (_, i) => Math.cos(i));
    const first = new Float64Array(126);
    fft.powerSpectrumInto(a, first);
    fft.powerSpectrumInto(new Float64Array(250).fill(2), new Float64Array(126));
    const again = new Float64Array(126);
    fft.powerSpectrumInto(a, again);
    expect(again).toEqual(first);
  });

  it('rejects short input and bad lengths', () => {
    expect(() => new RealFft(0)).toThrow(RangeError);
    expect(() => new RealFft(2.5)).toThrow(RangeError);
    expect(() => new RealFft(8).powerSpectrumInto(new Float64Array(4), new Float64Array(5))).toThrow(
      RangeError,
    );
  });
});
