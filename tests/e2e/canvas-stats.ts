/** What the WebGL canvas shows, measured in the page: luminance, structure and colour. */
import type { Page } from 'playwright-core';

export interface FrameStats {
  /** Mean relative luminance (linear light), 0..1. */
  mean: number;
  std: number;
  litShare: number;
  /** Normalised 8×8×8 RGB histogram (bins 32 levels wide). */
  histogram: number[];
}

/** Pixels of the WebGL canvas, read back through a 2D canvas. */
export function frameStats(page: Page): Promise<FrameStats> {
  return page.evaluate(() => {
    const gl = document.querySelector('canvas');
    if (!gl) throw new Error('no canvas on the page');
    const c = document.createElement('canvas');
    c.width = 120;
    c.height = 75;
    const ctx = c.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.drawImage(gl, 0, 0, c.width, c.height);
    const { data } = ctx.getImageData(0, 0, c.width, c.height);
    const lin = (v: number) => {
      const s = v / 255;
      return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
    };
    const histogram = new Array<number>(512).fill(0);
    let sum = 0;
    let sumSq = 0;
    let lit = 0;
    const n = data.length / 4;
    for (let i = 0; i < data.length; i += 4) {
      const r = data[i] ?? 0;
      const g = data[i + 1] ?? 0;
      const b = data[i + 2] ?? 0;
      const y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
      sum += y;
      sumSq += y * y;
      if (r + g + b > 12) lit++;
      histogram[(r >> 5) * 64 + (g >> 5) * 8 + (b >> 5)]! += 1 / n;
    }
    const mean = sum / n;
    return { mean, std: Math.sqrt(Math.max(0, sumSq / n - mean * mean)), litShare: lit / n, histogram };
  });
}
