import { useFrame } from '@react-three/fiber';
import { Bloom, ChromaticAberration, EffectComposer } from '@react-three/postprocessing';
import { useRef, type ComponentRef } from 'react';
import type { SceneParamsStore } from '../params';
import { aberrationOffset } from './aberration';
import { bloomIntensity, type BloomDesign } from './bloom';

/**
 * The dreamscape's post-processing: a mipmap bloom whose strength follows the governed dream (bloom.ts), and a
 * chromatic aberration that grows with the governed glitch (aberration.ts), merged into one effect pass. It
 * renders the scene into a half-float buffer and the effects on top. Scenes encode sRGB in their own shaders and
 * the canvas is `linear`, so the buffer holds what the screen shows and a scene looks the same without it.
 * Vignette and the rest of the glitch (scanlines, the crawling band) are in the scenes' shaders.
 */
export function DreamEffects({ params, bloom }: { params: SceneParamsStore; bloom: BloomDesign }) {
  const effect = useRef<ComponentRef<typeof Bloom>>(null);
  const fringes = useRef<ComponentRef<typeof ChromaticAberration>>(null);
  useFrame(() => {
    if (effect.current) effect.current.intensity = bloomIntensity(bloom, params.current);
    // The effect's offset is its uniform's own vector: set in place, nothing allocated per frame.
    if (fringes.current) aberrationOffset(params.current, fringes.current.offset);
  });
  return (
    <EffectComposer multisampling={4}>
      <Bloom
        ref={effect}
        mipmapBlur
        luminanceThreshold={bloom.threshold}
        luminanceSmoothing={0.2}
        intensity={bloom.calm}
      />
      <ChromaticAberration ref={fringes} radialModulation modulationOffset={0.2} />
    </EffectComposer>
  );
}
