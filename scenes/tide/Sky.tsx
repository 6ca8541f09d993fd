import { useEffect, useMemo } from 'react';
import { BackSide, SphereGeometry } from 'three';
import { SKY_FRAGMENT, SKY_VERTEX } from './shaders/sky.glsl';
import type { TideUniforms } from './uniforms';
import { useTideMaterial } from './useTideMaterial';

const SKY_RADIUS = 1500;

/** Sky dome: gradient, stars, Milky Way, moon and clouds in one full-screen-ish draw. */
export function Sky({ uniforms }: { uniforms: TideUniforms }) {
  const geometry = useMemo(() => new SphereGeometry(SKY_RADIUS, 32, 16), []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const material = useTideMaterial(uniforms, SKY_VERTEX, SKY_FRAGMENT, {
    side: BackSide,
    depthWrite: false,
  });
  return <mesh geometry={geometry} material={material} renderOrder={-10} frustumCulled={false} />;
}
