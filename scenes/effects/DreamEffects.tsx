import { useFrame } from '@react-three/fiber';
import { Bloom, EffectComposer } from '@react-three/postprocessing';
import { useRef, type ComponentRef } from 'react';
import type { SceneParamsStore } from '../params';
import { bloomIntensity, type BloomDesign } from './bloom';

/**
 * The dreamscape's post-processing: a mipmap bloom whose strength follows the governed dream (bloom.ts). It
 * renders the scene into a half-float buffer and the glow on top. Scenes encode sRGB in their own shaders and the
 * canvas is `linear`, so the buffer holds what the screen shows and a scene looks the same with or without it.
 * Vignette and the glitch are in the scenes' shaders (one pass fewer each); the glitch is governed there.
 */
export function DreamEffects({ params, bloom }: { params: SceneParamsStore; bloom: BloomDesign }) {
  const effect = useRef<ComponentRef<typeof Bloom>>(null);
  useFrame(() => {
    if (effect.current) effect.current.intensity = bloomIntensity(bloom, params.current);
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
    </EffectComposer>
  );
}
