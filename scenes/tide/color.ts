/** Colour arithmetic on plain sRGB triples, so the palette stays pure and testable without three. */
export type Rgb = [number, number, number];

export function rgb(r: number, g: number, b: number): Rgb {
  return [r, g, b];
}

/** Writes `a + (b - a) * t` into `out` (which may alias `a`). */
export function mixRgb(out: Rgb, a: Readonly<Rgb>, b: Readonly<Rgb>, t: number): Rgb {
  out[0] = a[0] + (b[0] - a[0]) * t;
  out[1] = a[1] + (b[1] - a[1]) * t;
  out[2] = a[2] + (b[2] - a[2]) * t;
  return out;
}

export function copyRgb(out: Rgb, a: Readonly<Rgb>): Rgb {
  out[0] = a[0];
  out[1] = a[1];
  out[2] = a[2];
  return out;
}

export function scaleRgb(out: Rgb, k: number): Rgb {
  out[0] *= k;
  out[1] *= k;
  out[2] *= k;
  return out;
}

function srgbToLinear(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** WCAG relative luminance of an sRGB colour, 0..1. */
export function relativeLuminance(c: Readonly<Rgb>): number {
  return 0.2126 * srgbToLinear(c[0]) + 0.7152 * srgbToLinear(c[1]) + 0.0722 * srgbToLinear(c[2]);
}

/** Share of red in the colour; ≥ 0.8 is the "saturated red" the safety rules forbid over large areas. */
export function redRatio(c: Readonly<Rgb>): number {
  const sum = c[0] + c[1] + c[2];
  return sum <= 1e-9 ? 0 : c[0] / sum;
}

/** Pulls the colour towards its own grey by `amount` (0 keeps it, 1 is fully grey). In place. */
export function desaturateRgb(out: Rgb, amount: number): Rgb {
  const grey = 0.2126 * out[0] + 0.7152 * out[1] + 0.0722 * out[2];
  out[0] += (grey - out[0]) * amount;
  out[1] += (grey - out[1]) * amount;
  out[2] += (grey - out[2]) * amount;
  return out;
}
