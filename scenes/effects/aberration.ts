/**
 * The glitch's lens form: a chromatic aberration (colour fringes toward the edges) that grows with the governed
 * glitch dimension — bad contact or lost packets look like a signal coming apart, visibly and honestly, without
 * any change in brightness, so it can never be a flash. The governor rate-limits glitch; nothing here pulses.
 */
import type { SceneParams } from '../params';

/** Largest colour-channel shift, in screen widths, at full glitch (≈ 4 px on a 1000 px wide canvas). */
export const MAX_ABERRATION = 0.004;

/** Channel offset (x, y) in screen units for the current governed parameters; none once unplugged. */
export function aberrationOffset(p: SceneParams, out: { x: number; y: number }): void {
  const g = p.unplugged || !(p.glitch > 0) ? 0 : Math.min(1, p.glitch);
  out.x = MAX_ABERRATION * g;
  out.y = 0.35 * MAX_ABERRATION * g;
}
