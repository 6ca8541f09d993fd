/**
 * The maths every scene's look shares: continuous easing, the dread/wonder weights and the palette mix. Keeping
 * it in one place keeps the scenes' promise in one place too: every term is continuous in the params, so a
 * small change in the governed params can only ever make a small change on screen.
 */
import { desaturateRgb, mixRgb, type Rgb } from './tide/color';

export function lerp(a: number, b: number, t: number): number {
  return a + (b - a) * t;
}

export function smoothstep(e0: number, e1: number, x: number): number {
  const t = Math.min(1, Math.max(0, (x - e0) / (e1 - e0)));
  return t * t * (3 - 2 * t);
}

/** Dread's weight in colour mixes: eases in like a smoothstep, yet keeps a linear part so a little dread shows. */
export function dreadMixOf(dread: number): number {
  return smoothstep(0, 1, dread) * 0.7 + dread * 0.3;
}

/** Dread swallows wonder: a frightened dream cannot also be a blessing. `swallow` is how much. */
export function wonderUnderDread(wonder: number, dread: number, swallow: number): number {
  return wonder * (1 - swallow * dread);
}

type PaletteOf<K extends string> = Readonly<Record<K, Readonly<Rgb>>>;

/**
 * Writes each colour of `keys` into `out`: calm → dread by `dreadMix`, then towards wonder by `wonderMix`,
 * then greyed by `grey` (the governed glitch's safe form: colour drains, it never flashes). No allocation.
 */
export function mixPalette<K extends string>(
  out: Record<K, Rgb>,
  keys: readonly K[],
  palette: Readonly<{ calm: PaletteOf<K>; dread: PaletteOf<K>; wonder: PaletteOf<K> }>,
  dreadMix: number,
  wonderMix: number,
  grey: number,
): void {
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k]!;
    const c = mixRgb(out[key], palette.calm[key], palette.dread[key], dreadMix);
    mixRgb(c, c, palette.wonder[key], wonderMix);
    desaturateRgb(c, grey);
  }
}

/** 0→1 exposure factor for the first seconds after a scene mounts, so appearing is never a step in brightness. */
export function fadeIn(ageSeconds: number, seconds: number): number {
  return smoothstep(0, seconds, ageSeconds);
}
