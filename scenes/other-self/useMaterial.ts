import { useEffect, useMemo } from 'react';
import { ShaderMaterial, type ShaderMaterialParameters } from 'three';

/**
 * A ShaderMaterial over shared uniforms (plus per-material extras, whose objects are fresh but whose shared
 * entries stay the same objects, so one write per frame still reaches every material). Disposed on unmount.
 */
export function useSharedUniformMaterial(
  uniforms: object,
  vertexShader: string,
  fragmentShader: string,
  options: Omit<ShaderMaterialParameters, 'uniforms' | 'vertexShader' | 'fragmentShader'> = {},
  extra: Record<string, { value: unknown }> = {},
): ShaderMaterial {
  const material = useMemo(
    () =>
      new ShaderMaterial({ uniforms: { ...uniforms, ...extra }, vertexShader, fragmentShader, ...options }),
    // Options and extras are fixed per call site; rebuilding on identity would recompile every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [uniforms, vertexShader, fragmentShader],
  );
  useEffect(() => () => material.dispose(), [material]);
  return material;
}
