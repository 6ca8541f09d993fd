/**
 * The sea is a 128×128 grid laid out in view space, not a square: rows get denser towards the camera (a
 * power law in distance) and wider with distance (a trapezoid around the view frustum), so the few vertices
 * we can afford under software WebGL land where they are seen.
 */
export const SEA_SEGMENTS = 128;
/** Distance range along the view axis, metres from the camera's base position (negative = behind it). */
export const SEA_NEAR = -8;
export const SEA_FAR = 1100;
export const SEA_POWER = 2.2;
/** Half width of the grid at distance d: HALF_WIDTH_BASE + d * HALF_WIDTH_SLOPE (covers ~120° wide). */
export const SEA_HALF_WIDTH_BASE = 10;
export const SEA_HALF_WIDTH_SLOPE = 1.9;

/** Distance from the camera base for the grid row at v ∈ [0, 1]. */
export function seaRowDistance(v: number): number {
  return SEA_NEAR + (SEA_FAR - SEA_NEAR) * v ** SEA_POWER;
}

/** Spacing between rows near v, metres: the shortest swell wave we can draw there without aliasing. */
export function seaRowSpacing(v: number): number {
  return (SEA_POWER * (SEA_FAR - SEA_NEAR) * Math.max(v, 1 / SEA_SEGMENTS) ** (SEA_POWER - 1)) / SEA_SEGMENTS;
}
