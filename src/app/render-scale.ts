/**
 * Adaptive resolution: when a device cannot hold the frame rate (a kiosk's small GPU, a laptop on battery), the
 * dreamscape renders fewer pixels rather than stutter — a slow, steady scene is restful, a jerky one is not.
 * drei's PerformanceMonitor measures the frame rate and moves a quality factor (0..1) in small steps; this maps it
 * to a device-pixel ratio between one pixel per CSS pixel and the display's own ratio (capped at 2: more is not
 * visible). Below one the dream turns visibly soft, so a standard-density display is left as it is.
 */
export const MIN_RENDER_SCALE = 1;
export const MAX_RENDER_SCALE = 2;

/** Device-pixel ratio to render at for a quality factor (0 lowest, 1 the display's own), in steps of 0.05. */
export function renderScaleFor(factor: number, deviceRatio: number): number {
  const top = Math.max(MIN_RENDER_SCALE, Math.min(MAX_RENDER_SCALE, deviceRatio || 1));
  const f = factor >= 0 && factor <= 1 ? factor : factor > 1 ? 1 : 0;
  return Math.round((MIN_RENDER_SCALE + (top - MIN_RENDER_SCALE) * f) * 20) / 20;
}
