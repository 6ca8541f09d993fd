/**
 * WCAG 2.3.1 flash counting over a per-frame series, shared by the property tests and the flash analyzer
 * (tools/safety). Pure.
 *
 * - A general transition is a swing of relative luminance of at least 0.1 against the previous trend, where the
 *   darker end is below 0.8; a general flash is an opposing pair of them, so the flashes in a window are half
 *   its transitions.
 * - A red transition is a change into or out of saturated red (R/(R+G+B) ≥ 0.8); a red flash is a pair.
 */

export const GENERAL_FLASH_DELTA = 0.1;
export const GENERAL_FLASH_DARK_LIMIT = 0.8;
export const RED_RATIO_LIMIT = 0.8;
/** WCAG 2.3.1: no more than three general flashes in any one second period, and no red flashes at all. */
export const MAX_GENERAL_FLASHES_PER_S = 3;

export interface FlashCount {
  /** Frame indices at which a general transition completed. */
  readonly generalTransitions: readonly number[];
  /** The most general flashes in any 1 s window. */
  readonly maxGeneralFlashesPerSecond: number;
  readonly redFlashes: number;
}

/** sRGB channel 0..255 to linear light 0..1 (the WCAG relative-luminance formula). */
export function srgbToLinear(c255: number): number {
  const c = c255 / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

export function relativeLuminance(r255: number, g255: number, b255: number): number {
  return 0.2126 * srgbToLinear(r255) + 0.7152 * srgbToLinear(g255) + 0.0722 * srgbToLinear(b255);
}

export function redRatio(r: number, g: number, b: number): number {
  const sum = r + g + b;
  return sum > 0 ? r / sum : 0;
}

/** Indices where a zig-zag with threshold GENERAL_FLASH_DELTA turns, i.e. where each transition completes. */
export function generalTransitions(luminance: readonly number[]): number[] {
  const out: number[] = [];
  if (luminance.length === 0) return out;
  let extreme = luminance[0] ?? 0;
  let trend = 0;
  for (let i = 1; i < luminance.length; i++) {
    const v = luminance[i] ?? 0;
    const swing = trend === 0 ? Math.abs(v - extreme) : trend * (extreme - v);
    if (swing >= GENERAL_FLASH_DELTA - 1e-9) {
      // The change just confirmed goes from `extreme` to `v`, against the trend so far.
      if (Math.min(extreme, v) < GENERAL_FLASH_DARK_LIMIT) out.push(i);
      trend = Math.sign(v - extreme);
      extreme = v;
    } else if (trend !== 0 && trend * (v - extreme) > 0) extreme = v;
  }
  return out;
}

/** Counts transitions completed in every window of `perWindow` frames; returns the largest count. */
function maxInWindow(frames: readonly number[], perWindow: number): number {
  let worst = 0;
  let j = 0;
  for (let i = 0; i < frames.length; i++) {
    while ((frames[i] ?? 0) - (frames[j] ?? 0) >= perWindow) j++;
    worst = Math.max(worst, i - j + 1);
  }
  return worst;
}

export function countFlashes(
  luminance: readonly number[],
  red: readonly number[],
  framesPerSecond: number,
): FlashCount {
  const transitions = generalTransitions(luminance);
  const perWindow = Math.max(1, Math.round(framesPerSecond));
  let redToggles = 0;
  for (let i = 1; i < red.length; i++)
    if ((red[i] ?? 0) >= RED_RATIO_LIMIT !== (red[i - 1] ?? 0) >= RED_RATIO_LIMIT) redToggles++;
  return {
    generalTransitions: transitions,
    maxGeneralFlashesPerSecond: Math.floor(maxInWindow(transitions, perWindow) / 2),
    redFlashes: Math.floor(redToggles / 2),
  };
}
