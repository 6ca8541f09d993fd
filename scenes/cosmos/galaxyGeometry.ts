import { BufferAttribute, BufferGeometry } from 'three';
import { mulberry32 } from '../other-self/figureGeometry';

/** Galaxy radius in world units; the shaders work in units of it. */
export const GALAXY_RADIUS = 40;
export const GALAXY_STARS = 22_000;
export const GALAXY_ARMS = 3;
/** Turns of the log spiral from core to rim. */
const WINDING = 2.4;

function gaussian(random: () => number): number {
  const u = Math.max(random(), 1e-9);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random());
}

/**
 * Stars of a barred-less spiral in the galaxy's own frame (disc in xz), in units of GALAXY_RADIUS: an
 * exponential disc along log-spiral arms, a round bulge, and a seed per star (brightness, colour, phase,
 * size). Seeded, so it is the same galaxy on every load.
 */
export function createGalaxyGeometry(
  count = GALAXY_STARS,
  random: () => number = mulberry32(11),
): BufferGeometry {
  const positions = new Float32Array(count * 3);
  const seeds = new Float32Array(count * 4);
  for (let s = 0; s < count; s++) {
    let x: number, y: number, z: number;
    if (random() < 0.16) {
      const r = Math.abs(gaussian(random)) * 0.08;
      const th = 2 * Math.PI * random();
      const ph = Math.acos(2 * random() - 1);
      x = r * Math.sin(ph) * Math.cos(th);
      y = r * Math.cos(ph) * 0.6;
      z = r * Math.sin(ph) * Math.sin(th);
    } else {
      const r = Math.min(1, 0.04 - Math.log(1 - random() * 0.985) / 3.6);
      const arm = Math.floor(random() * GALAXY_ARMS);
      const spread = (0.32 + 0.5 * (1 - r)) * gaussian(random) * 0.35;
      const th = (arm * 2 * Math.PI) / GALAXY_ARMS + Math.log(1 + 6 * r) * WINDING + spread;
      x = r * Math.cos(th);
      z = r * Math.sin(th);
      y = gaussian(random) * 0.018 * (1 - 0.6 * r);
    }
    positions[3 * s] = x;
    positions[3 * s + 1] = y;
    positions[3 * s + 2] = z;
    for (let k = 0; k < 4; k++) seeds[4 * s + k] = random();
  }
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('aSeed', new BufferAttribute(seeds, 4));
  return geometry;
}

/** Dust motes in a box around the camera, in units of DUST_BOX (the shader wraps them). */
export const DUST_BOX = 30;
export const DUST_COUNT = 700;

export function createDustGeometry(
  count = DUST_COUNT,
  random: () => number = mulberry32(23),
): BufferGeometry {
  const positions = new Float32Array(count * 3);
  const seeds = new Float32Array(count * 4);
  for (let i = 0; i < count * 3; i++) positions[i] = random() - 0.5;
  for (let i = 0; i < count * 4; i++) seeds[i] = random();
  const geometry = new BufferGeometry();
  geometry.setAttribute('position', new BufferAttribute(positions, 3));
  geometry.setAttribute('aSeed', new BufferAttribute(seeds, 4));
  return geometry;
}
