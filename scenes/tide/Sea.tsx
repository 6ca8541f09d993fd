import { useEffect, useMemo } from 'react';
import { PlaneGeometry } from 'three';
import { SEA_SEGMENTS } from './seaGrid';
import { SEA_FRAGMENT, SEA_VERTEX } from './shaders/sea.glsl';
import type { TideUniforms } from './uniforms';
import { useTideMaterial } from './useTideMaterial';

/** The sea: a view-space grid whose vertices the shader places and displaces (see seaGrid.ts). */
export function Sea({ uniforms }: { uniforms: TideUniforms }) {
  // Only the uv attribute matters: the vertex shader computes world positions from it.
  const geometry = useMemo(() => new PlaneGeometry(1, 1, SEA_SEGMENTS, SEA_SEGMENTS), []);
  useEffect(() => () => geometry.dispose(), [geometry]);
  const material = useTideMaterial(uniforms, SEA_VERTEX, SEA_FRAGMENT);
  return <mesh geometry={geometry} material={material} frustumCulled={false} />;
}
