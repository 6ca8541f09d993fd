import type { Rgb } from '../../scenes/index.ts';

const HEX = /^#[0-9a-fA-F]{6}$/;

export function isHexColor(s: unknown): s is string {
  return typeof s === 'string' && HEX.test(s);
}

/** "#rrggbb" → sRGB triple in 0..1. */
export function hexToRgb(hex: string): Rgb {
  if (!isHexColor(hex)) throw new Error(`expected a colour "#rrggbb", found ${JSON.stringify(hex)}`);
  return [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as Rgb;
}

export function rgbToHex(c: Readonly<Rgb>): string {
  return `#${c
    .map((v) =>
      Math.round(Math.min(1, Math.max(0, v)) * 255)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
}

/** Share of red; the safety rules forbid ≥ 0.5 in a palette (a mix of such colours stays below it). */
export function redShare(c: Readonly<Rgb>): number {
  const sum = c[0] + c[1] + c[2];
  return sum <= 1e-9 ? 0 : c[0] / sum;
}
