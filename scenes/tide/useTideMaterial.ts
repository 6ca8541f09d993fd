import { useEffect, useMemo } from 'react';
import { ShaderMaterial, type ShaderMaterialParameters } from 'three';
import type { TideUniforms } from './uniforms';

/** A ShaderMaterial over the shared uniforms, disposed with the component. */
export function useTideMaterial(
  uniforms: TideUniforms,
  vertexShader: string,
  fragmentShader: string,
  options: Omit<ShaderMaterialParameters, 'uniforms' | 'vertexShader' | 'fragmentShader'> = {},
): ShaderMaterial {
  const material = useMemo(
    () => new ShaderMaterial({ uniforms, vertexShader, fragmentShader, ...options }),
    // Options are fixed per call site; rebuilding on identity would recompile the shader every render.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [uniforms, vertexShader, fragmentShader],
  );
  useEffect(() => () => material.dispose(), [material]);
  return material;
}
