import { BufferAttribute, BufferGeometry, LatheGeometry, SplineCurve, Vector2 } from 'three';
import { OTHER_SELF_FIGURE_HEIGHT } from './look';
import { smoothstep } from '../look-math';

/**
 * A shrouded, faceless figure as one lathe: hem, waist, chest, shoulders, neck and head, then squeezed
 * front-to-back and widened at the shoulders so it reads as a person and not a vase. Unit scale is a
 * 1.9 m tall figure standing on y = 0, facing +z.
 */
const PROFILE: readonly [number, number][] = [
  [0.001, -0.02],
  [0.34, 0.0],
  [0.32, 0.25],
  [0.285, 0.6],
  [0.26, 0.95],
  [0.265, 1.15],
  [0.285, 1.3],
  [0.27, 1.41],
  [0.2, 1.48],
  [0.09, 1.54],
  [0.066, 1.58],
  [0.088, 1.63],
  [0.11, 1.69],
  [0.114, 1.75],
  [0.103, 1.81],
  [0.074, 1.86],
  [0.035, 1.89],
  [0.001, OTHER_SELF_FIGURE_HEIGHT],
];

export const FIGURE_PROFILE_POINTS = 96;
export const FIGURE_RADIAL_SEGMENTS = 48;
/** Height where the neck is: vertices above it belong to the head (which leans in dread). */
export const FIGURE_NECK_Y = 1.56;

export function createFigureGeometry(): BufferGeometry {
  const spline = new SplineCurve(PROFILE.map(([r, y]) => new Vector2(r, y)));
  const lathe = new LatheGeometry(spline.getPoints(FIGURE_PROFILE_POINTS), FIGURE_RADIAL_SEGMENTS);
  const pos = lathe.getAttribute('position') as BufferAttribute;
  for (let v = 0; v < pos.count; v++) {
    const y = pos.getY(v);
    // Arms under the cloak: the sides stay broad from the shoulders down to mid-thigh.
    const shoulders = smoothstep(0.45, 1.1, y) * (1 - smoothstep(1.42, 1.53, y));
    const body = 1 - smoothstep(1.52, 1.6, y);
    pos.setX(v, pos.getX(v) * (1 + 0.42 * shoulders));
    pos.setZ(v, pos.getZ(v) * (1 - 0.32 * body - 0.06 * (1 - body)));
  }
  lathe.computeVertexNormals();
  return lathe;
}

/** Points spread over the figure's surface, area-weighted, with a random seed each: where the motes live. */
export function createMoteGeometry(count: number, random: () => number = mulberry32(7)): BufferGeometry {
  const figure = createFigureGeometry();
  const pos = figure.getAttribute('position') as BufferAttribute;
  const index = figure.getIndex();
  if (!index) throw new Error('figure geometry must be indexed');
  const tris = index.count / 3;
  const cumulative = new Float64Array(tris);
  let total = 0;
  const a = [0, 0, 0];
  const b = [0, 0, 0];
  const c = [0, 0, 0];
  const read = (out: number[], i: number) => {
    out[0] = pos.getX(i);
    out[1] = pos.getY(i);
    out[2] = pos.getZ(i);
  };
  for (let t = 0; t < tris; t++) {
    read(a, index.getX(3 * t));
    read(b, index.getX(3 * t + 1));
    read(c, index.getX(3 * t + 2));
    const ux = b[0]! - a[0]!,
      uy = b[1]! - a[1]!,
      uz = b[2]! - a[2]!;
    const vx = c[0]! - a[0]!,
      vy = c[1]! - a[1]!,
      vz = c[2]! - a[2]!;
    const cx = uy * vz - uz * vy,
      cy = uz * vx - ux * vz,
      cz = ux * vy - uy * vx;
    total += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
    cumulative[t] = total;
  }
  const positions = new Float32Array(count * 3);
  const seeds = new Float32Array(count * 4);
  for (let m = 0; m < count; m++) {
    const target = random() * total;
    let lo = 0;
    let hi = tris - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    read(a, index.getX(3 * lo));
    read(b, index.getX(3 * lo + 1));
    read(c, index.getX(3 * lo + 2));
    let r1 = random();
    let r2 = random();
    if (r1 + r2 > 1) {
      r1 = 1 - r1;
      r2 = 1 - r2;
    }
    for (let k = 0; k < 3; k++) positions[3 * m + k] = a[k]! + r1 * (b[k]! - a[k]!) + r2 * (c[k]! - a[k]!);
    for (let k = 0; k < 4; k++) seeds[4 * m + k] = random();
  }
  figure.dispose();
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('aSeed', new BufferAttribute(seeds, 4));
  return geometry;
}

/** Small seeded PRNG so the motes are the same on every load. */
export function mulberry32(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
