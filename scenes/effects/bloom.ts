/**
 * How much a scene glows. Bloom spreads the light of the brightest parts (moon, aurora, galaxy core, stars) into
 * their surroundings: a faint halo at calm, a radiance at wonder — the "glorious" end of the dream — and less of
 * it in a nightmare, where the world closes in. It follows the governed parameters only, which the governor already
 * rate-limits, so the glow can never pulse faster than the scene's own brightness does.
 */
import type { SceneParams } from '../params';

export interface BloomDesign {
  /** Display-space luminance (0..1) above which a pixel glows. */
  readonly threshold: number;
  /** Intensity at calm (and in the calm neutral form after unplug). */
  readonly calm: number;
  /** Intensity at full wonder. */
  readonly wonder: number;
  /** Share of the glow that full dread takes away, 0..1. */
  readonly dreadDim: number;
}

/** Bloom intensity for the current governed parameters. */
export function bloomIntensity(design: BloomDesign, p: SceneParams): number {
  if (p.unplugged) return design.calm;
  const glow = design.calm + (design.wonder - design.calm) * clamp01(p.wonder);
  return glow * (1 - design.dreadDim * clamp01(p.dread));
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}
