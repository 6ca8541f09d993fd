import { useEffect, useMemo } from 'react';
import { BackSide, PlaneGeometry, SphereGeometry } from 'three';
import { SKY_FRAGMENT, SKY_VERTEX } from './shaders/sky.glsl';
import { WATER_FRAGMENT, WATER_VERTEX } from './shaders/water.glsl';
import type { OtherSelfUniforms } from './uniforms';
import { useSharedUniformMaterial } from './useMaterial';

const DOME_RADIUS = 600;
const WATER_SIZE = 900;

/** Sky dome (its lower half is the sky's reflection) and the water surface that tints it. */
export function Surroundings({ uniforms }: { uniforms: OtherSelfUniforms }) {
  const dome = useMemo(() => new SphereGeometry(DOME_RADIUS, 32, 24), []);
  const water = useMemo(() => new PlaneGeometry(WATER_SIZE, WATER_SIZE).rotateX(-Math.PI / 2), []);
  useEffect(
    () => () => {
      dome.dispose();
      water.dispose();
    },
    [dome, water],
  );
  const sky = useSharedUniformMaterial(uniforms, SKY_VERTEX, SKY_FRAGMENT, {
    side: BackSide,
    depthWrite: false,
  });
  const surface = useSharedUniformMaterial(uniforms, WATER_VERTEX, WATER_FRAGMENT, {
    transparent: true,
    depthWrite: false,
  });
  return (
    <>
      <mesh geometry={dome} material={sky} renderOrder={-10} frustumCulled={false} />
      <mesh geometry={water} material={surface} renderOrder={-4} frustumCulled={false} />
    </>
  );
}
