import { BufferAttribute, BufferGeometry } from 'three';
import { TIDE_CAMERA } from './camera';

interface Curtain {
  /** Metres from the camera. */
  radius: number;
  /** Azimuths in radians, 0 = straight ahead (−z), positive to the right. */
  from: number;
  to: number;
  base: number;
  height: number;
  seed: number;
}

const CURTAINS: readonly Curtain[] = [
  { radius: 520, from: 0.0, to: 1.3, base: 45, height: 170, seed: 0.13 },
  { radius: 640, from: -1.3, to: 0.5, base: 250, height: 260, seed: 0.57 },
  { radius: 760, from: -0.2, to: 1.1, base: 160, height: 240, seed: 0.91 },
];

const SEGMENTS = 96;

/** All curtains in one geometry so they cost a single draw call. */
export function createAuroraGeometry(): BufferGeometry {
  const [cx, , cz] = TIDE_CAMERA.position;
  const verts = CURTAINS.length * (SEGMENTS + 1) * 2;
  const position = new Float32Array(verts * 3);
  const uv = new Float32Array(verts * 2);
  const radial = new Float32Array(verts * 2);
  const seed = new Float32Array(verts);
  const index: number[] = [];
  let vi = 0;
  for (const c of CURTAINS) {
    const first = vi;
    for (let s = 0; s <= SEGMENTS; s++) {
      const u = s / SEGMENTS;
      const az = c.from + (c.to - c.from) * u;
      // A gentle S in the arc so the curtain is not a flat cylinder section.
      const r = c.radius * (1 + 0.12 * Math.sin(u * Math.PI * 2 + c.seed * 5));
      const dx = Math.sin(az);
      const dz = -Math.cos(az);
      for (let row = 0; row < 2; row++) {
        position.set([cx + dx * r, c.base + row * c.height, cz + dz * r], vi * 3);
        uv.set([u, row], vi * 2);
        radial.set([dx, dz], vi * 2);
        seed[vi] = c.seed;
        vi++;
      }
    }
    for (let s = 0; s < SEGMENTS; s++) {
      const a = first + s * 2;
      index.push(a, a + 2, a + 1, a + 1, a + 2, a + 3);
    }
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(position, 3));
  geometry.setAttribute('uv', new BufferAttribute(uv, 2));
  geometry.setAttribute('aRadial', new BufferAttribute(radial, 2));
  geometry.setAttribute('aSeed', new BufferAttribute(seed, 1));
  geometry.setIndex(index);
  return geometry;
}
