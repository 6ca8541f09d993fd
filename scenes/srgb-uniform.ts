import { SRGBColorSpace, type Color } from 'three';
import type { Rgb } from './tide/color';

/** Palette colours are authored in sRGB; the shaders work in linear light. Allocation-free, for per-frame use. */
export function setSrgb(target: Color, c: Readonly<Rgb>): void {
  target.setRGB(c[0], c[1], c[2], SRGBColorSpace);
}
