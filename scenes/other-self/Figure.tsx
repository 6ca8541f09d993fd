import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { AdditiveBlending, DoubleSide, type Mesh, type Points } from 'three';
import { createFigureGeometry, createMoteGeometry } from './figureGeometry';
import { FIGURE_FRAGMENT, FIGURE_VERTEX, MOTES_FRAGMENT, MOTES_VERTEX } from './shaders/figure.glsl';
import type { OtherSelfUniforms } from './uniforms';
import { useSharedUniformMaterial } from './useMaterial';

export const MOTE_COUNT = 1400;

/**
 * The figure, its reflection under the water, the motes it dissolves into and, only while glitch is up,
 * its echo. Six draw calls at most; the positions live in the shaders, driven by the shared uniforms.
 */
export function Figure({ uniforms }: { uniforms: OtherSelfUniforms }) {
  const figureGeometry = useMemo(createFigureGeometry, []);
  const moteGeometry = useMemo(() => createMoteGeometry(MOTE_COUNT), []);
  useEffect(
    () => () => {
      figureGeometry.dispose();
      moteGeometry.dispose();
    },
    [figureGeometry, moteGeometry],
  );
  const body = useSharedUniformMaterial(
    uniforms,
    FIGURE_VERTEX,
    FIGURE_FRAGMENT,
    { side: DoubleSide },
    {
      uMirror: { value: 0 },
      uGhost: { value: 0 },
    },
  );
  const mirror = useSharedUniformMaterial(
    uniforms,
    FIGURE_VERTEX,
    FIGURE_FRAGMENT,
    { side: DoubleSide, transparent: true },
    { uMirror: { value: 1 }, uGhost: { value: 0 } },
  );
  const ghost = useSharedUniformMaterial(
    uniforms,
    FIGURE_VERTEX,
    FIGURE_FRAGMENT,
    { side: DoubleSide, transparent: true, depthWrite: false },
    { uMirror: { value: 0 }, uGhost: { value: 1 } },
  );
  const moteOptions = { blending: AdditiveBlending, transparent: true, depthWrite: false };
  const motes = useSharedUniformMaterial(uniforms, MOTES_VERTEX, MOTES_FRAGMENT, moteOptions, {
    uMirror: { value: 0 },
  });
  const moteReflection = useSharedUniformMaterial(uniforms, MOTES_VERTEX, MOTES_FRAGMENT, moteOptions, {
    uMirror: { value: 1 },
  });
  const ghostMesh = useRef<Mesh>(null);
  const motePoints = useRef<Points>(null);
  const moteMirror = useRef<Points>(null);
  useFrame(() => {
    if (ghostMesh.current) ghostMesh.current.visible = uniforms.uGlitch.value > 0.002;
    const motesOn = uniforms.uMoteI.value > 0.002;
    if (motePoints.current) motePoints.current.visible = motesOn;
    if (moteMirror.current) moteMirror.current.visible = motesOn;
  });
  return (
    <>
      {/* Under the water first, so the water surface can tint it. */}
      <mesh geometry={figureGeometry} material={mirror} renderOrder={-5} frustumCulled={false} />
      <points
        ref={moteMirror}
        geometry={moteGeometry}
        material={moteReflection}
        renderOrder={-5}
        frustumCulled={false}
      />
      <mesh geometry={figureGeometry} material={body} renderOrder={1} frustumCulled={false} />
      <mesh
        ref={ghostMesh}
        geometry={figureGeometry}
        material={ghost}
        renderOrder={3}
        frustumCulled={false}
        visible={false}
      />
      <points
        ref={motePoints}
        geometry={moteGeometry}
        material={motes}
        renderOrder={4}
        frustumCulled={false}
      />
    </>
  );
}
