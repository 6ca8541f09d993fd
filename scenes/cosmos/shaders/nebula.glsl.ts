import { STAR_LAYER_GLSL } from '../../stars.glsl';
import { COSMOS_FRAGMENT_GLSL } from './common.glsl';

export const NEBULA_VERTEX = /* glsl */ `
varying vec3 vWorld;
void main() {
  vec4 world = modelMatrix * vec4(position, 1.0);
  vWorld = world.xyz;
  gl_Position = projectionMatrix * viewMatrix * world;
}
`;

/** The sky of space: two nebula colours along a broad band, dust lanes that dread thickens, and stars. */
export const NEBULA_FRAGMENT = /* glsl */ `
${COSMOS_FRAGMENT_GLSL}
${STAR_LAYER_GLSL}
varying vec3 vWorld;

float fbm3(vec3 p) {
  float s = 0.5 * vnoise3(p);
  s += 0.25 * vnoise3(p * 2.03 + 7.1);
  s += 0.125 * vnoise3(p * 4.11 + 3.7);
  return s / 0.875;
}

void main() {
  vec3 dir = normalize(vWorld - cameraPosition);
  float pixel = max(length(fwidth(dir)), 1e-5);
  dir = normalize(dir + vec3(0.015 * uGlitch * tideGlitchBand(), 0.0, 0.0));
  vec3 p = dir * 2.3 + vec3(0.0, 0.0, uTime * 0.003);
  float n1 = fbm3(p);
  float n2 = fbm3(p * 1.6 + 5.3);
  float lanes = fbm3(p * 3.2 + 11.0);
  float band = exp(-pow(dot(dir, normalize(vec3(0.35, 0.85, 0.2))), 2.0) * 4.0);
  float a = pow(smoothstep(0.3, 0.85, n1), 2.0) * (0.25 + 0.75 * band);
  float b = pow(smoothstep(0.38, 0.9, n2), 2.0) * (0.15 + 0.85 * band);
  vec3 col = uSpace + (uNebulaA * a + uNebulaB * b) * uNebula;
  float lane = smoothstep(0.42, 0.72, lanes) * band;
  col *= 1.0 - uSmoke * lane * 0.92;
  float stars = starLayer(dir, 300.0, 0.985 - 0.012 * band, pixel * 300.0)
              + 1.4 * starLayer(dir, 90.0, 0.985, pixel * 90.0);
  vec3 tint = mix(vec3(0.72, 0.84, 1.0), vec3(1.0, 0.93, 0.84), hash13(floor(dir * 120.0)));
  col += tint * stars * uStars * (1.0 - 0.8 * uSmoke * lane);
  gl_FragColor = finish(col, 1.0, 1.0);
}
`;
