import { OTHER_SELF_COMMON_GLSL } from './common.glsl';

export const WATER_VERTEX = /* glsl */ `
varying vec3 vWorld;
void main() {
  vec4 world = modelMatrix * vec4(position, 1.0);
  vWorld = world.xyz;
  gl_Position = projectionMatrix * viewMatrix * world;
}
`;

/**
 * The water surface, drawn over the mirrored sky and figure: a thin tint where the view grazes (a mirror),
 * darker and more opaque looking down into it, with slow rings spreading from the figure's feet.
 */
export const WATER_FRAGMENT = /* glsl */ `
${OTHER_SELF_COMMON_GLSL}
varying vec3 vWorld;

void main() {
  vec3 toP = vWorld - cameraPosition;
  float dist = length(toP);
  vec3 dir = toP / max(dist, 1e-4);
  float grazing = pow(1.0 - abs(dir.y), 4.0);
  vec2 feet = vec2(uMirrorX, -uFigureDist);
  float r = length(vWorld.xz - feet);
  float rings = sin(r * 2.6 - uTime * 1.1) * exp(-r * 0.22) * smoothstep(0.0, 0.6, r);
  float wind = vnoise(vWorld.xz * vec2(0.35, 1.2) + vec2(uTime * 0.05, 0.0)) - 0.5;
  float alpha = mix(0.75, uWaterOpacity, grazing) + 0.1 * rings * uPresence + 0.08 * wind;
  // Light caught on the ring crests, in the colour of the glow behind the figure.
  vec3 col = uWater + uGlow * uGlowI * 0.05 * max(rings, 0.0) * uPresence;
  col = fogged(col, vWorld);
  alpha *= 1.0 - smoothstep(150.0, 380.0, dist);
  gl_FragColor = finish(col, clamp(alpha, 0.0, 1.0), 0.0);
}
`;
