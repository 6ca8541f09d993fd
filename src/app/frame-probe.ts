/**
 * Debug-only virtual frames: renders the dreamscape one fixed time step at a time (r3f frameloop "never" +
 * advance), and measures each rendered frame, so the flash analyzer's result does not depend on machine speed.
 */
import { relativeLuminance } from '../safety/flash-count.ts';

/** The probe splits the frame into TILES × TILES areas: a flash confined to part of the screen still counts. */
export const PROBE_TILES = 4;

export interface FrameProbe {
  /** Per frame, per tile: mean WCAG relative luminance (0..1). */
  readonly luminance: number[][];
  /** Per frame, per tile: R/(R+G+B) of the tile's mean sRGB colour. */
  readonly redRatio: number[][];
  readonly width: number;
  readonly height: number;
}

const LUMA_LUT = (() => {
  // The LUT only speeds up per-pixel luminance; relativeLuminance stays the one definition.
  const r = new Float64Array(256);
  const g = new Float64Array(256);
  const b = new Float64Array(256);
  for (let i = 0; i < 256; i++) {
    r[i] = relativeLuminance(i, 0, 0);
    g[i] = relativeLuminance(0, i, 0);
    b[i] = relativeLuminance(0, 0, i);
  }
  return { r, g, b };
})();

/** Reads the current drawing buffer (needs preserveDrawingBuffer) into per-tile luminance and red ratio. */
export function measureFrame(
  gl: WebGLRenderingContext | WebGL2RenderingContext,
  buffer: Uint8Array,
): { luminance: number[]; redRatio: number[]; width: number; height: number } {
  const width = gl.drawingBufferWidth;
  const height = gl.drawingBufferHeight;
  const need = width * height * 4;
  const pixels = buffer.length >= need ? buffer : new Uint8Array(need);
  gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
  const n = PROBE_TILES * PROBE_TILES;
  const lum = new Float64Array(n);
  const sr = new Float64Array(n);
  const sg = new Float64Array(n);
  const sb = new Float64Array(n);
  const count = new Float64Array(n);
  for (let y = 0; y < height; y++) {
    const ty = Math.min(PROBE_TILES - 1, Math.floor((y * PROBE_TILES) / height));
    for (let x = 0; x < width; x++) {
      const tile = ty * PROBE_TILES + Math.min(PROBE_TILES - 1, Math.floor((x * PROBE_TILES) / width));
      const i = (y * width + x) * 4;
      const r = pixels[i] ?? 0;
      const g = pixels[i + 1] ?? 0;
      const b = pixels[i + 2] ?? 0;
      lum[tile]! += (LUMA_LUT.r[r] ?? 0) + (LUMA_LUT.g[g] ?? 0) + (LUMA_LUT.b[b] ?? 0);
      sr[tile]! += r;
      sg[tile]! += g;
      sb[tile]! += b;
      count[tile]! += 1;
    }
  }
  const luminance: number[] = [];
  const redRatio: number[] = [];
  for (let t = 0; t < n; t++) {
    const c = count[t] || 1;
    luminance.push((lum[t] ?? 0) / c);
    const sum = (sr[t] ?? 0) + (sg[t] ?? 0) + (sb[t] ?? 0);
    redRatio.push(sum > 0 ? (sr[t] ?? 0) / sum : 0);
  }
  return { luminance, redRatio, width, height };
}
