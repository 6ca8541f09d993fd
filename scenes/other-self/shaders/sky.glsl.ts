import { STAR_LAYER_GLSL } from '../../stars.glsl';
import { OTHER_SELF_COMMON_GLSL } from './common.glsl';

export const SKY_VERTEX = /* glsl */ `
varying vec3 vWorld;
void main() {
  vec4 world = modelMatrix * vec4(position, 1.0);
  vWorld = world.xyz;
  gl_Position = projectionMatrix * viewMatrix * world;
}
`;

/** Sky and, below the horizon, its mirror image in the still water (the water plane tints it). */
export const SKY_FRAGMENT = /* glsl */ `
${OTHER_SELF_COMMON_GLSL}
${STAR_LAYER_GLSL}
varying vec3 vWorld;

void main() {
  vec3 dir = normalize(vWorld - cameraPosition);
  float pixel = max(length(fwidth(dir)), 1e-5);
  dir = normalize(dir + vec3(0.015 * uGlitch * tideGlitchBand(), 0.0, 0.0));
  vec3 d = vec3(dir.x, abs(dir.y), dir.z);
  vec3 col = skyColor(d);
  float stars = starLayer(d, 260.0, 0.99, pixel * 260.0) + 1.3 * starLayer(d, 80.0, 0.985, pixel * 80.0);
  vec3 tint = mix(vec3(0.75, 0.85, 1.0), vec3(1.0, 0.92, 0.85), hash13(floor(d * 110.0)));
  col += tint * stars * uStars * smoothstep(0.02, 0.3, d.y);
  // Dread: low banks of mist crawl along the horizon.
  float az = atan(d.x, -d.z);
  float n = fbm(vec2(az * 5.0 + uTime * 0.02, d.y * 14.0 - uTime * 0.01));
  float bank = exp(-d.y * 9.0) * smoothstep(0.3, 0.75, n);
  col = mix(col, uHorizon * 0.55 + uGlow * uGlowI * 0.03, uMist * bank * 0.9);
  // The reflection is a touch darker than the sky it mirrors.
  if (dir.y < 0.0) col *= 0.82;
  gl_FragColor = finish(col, 1.0, 1.0);
}
`;
