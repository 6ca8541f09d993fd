import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { AdditiveBlending, type Mesh } from 'three';
import { createAuroraGeometry } from './auroraGeometry';
import { AURORA_FRAGMENT, AURORA_VERTEX } from './shaders/aurora.glsl';
import type { TideUniforms } from './uniforms';
import { useTideMaterial } from './useTideMaterial';

/** Additive aurora curtains; hidden (no draw call) while wonder is low. */
export function Aurora({ uniforms }: { uniforms: TideUniforms }) {
  const mesh = useRef<Mesh>(null);
  const geometry = useMemo(createAuroraGeometry, []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const material = useTideMaterial(uniforms, AURORA_VERTEX, AURORA_FRAGMENT, {
    blending: AdditiveBlending,
    transparent: true,
    depthWrite: false,
  });
  useFrame(() => {
    if (mesh.current) mesh.current.visible = uniforms.uAurora.value > 0.002;
  });
  return (
    <mesh
      ref={mesh}
      geometry={geometry}
      material={material}
      renderOrder={5}
      frustumCulled={false}
      visible={false}
    />
  );
}
