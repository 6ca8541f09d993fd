import { TIDE_FINISH_GLSL, TIDE_NOISE_GLSL } from '../../tide/shaders/common.glsl';

/** GLSL shared by every Cosmos material; the glitch finish is Tide's, so its speed limits hold here too. */
const UNIFORMS = /* glsl */ `
uniform vec3 uSpace;
uniform vec3 uNebulaA;
uniform vec3 uNebulaB;
uniform vec3 uCore;
uniform vec3 uArmInner;
uniform vec3 uArmOuter;
uniform vec3 uDust;
uniform vec3 uVoidRim;
uniform float uExposure;
uniform float uStars;
uniform float uNebula;
uniform float uSmoke;
uniform float uGalaxy;
uniform float uVoid;
uniform float uCoreGlow;
uniform float uHaze;
uniform float uDustI;
uniform float uVignette;
uniform float uGlitch;
uniform float uTime;
uniform float uDriftTime;
uniform vec2 uResolution;
`;

const FINISH = /* glsl */ `
vec4 finish(vec3 col, float alpha, float veil) {
  vec4 c = vec4(tideShade(col), alpha);
  c = sRGBTransferOETF(c);
  vec2 q = gl_FragCoord.xy / max(uResolution, vec2(1.0)) - 0.5;
  q.x *= uResolution.x / max(uResolution.y, 1.0);
  c.rgb *= 1.0 - uVignette * smoothstep(0.25, 0.95, length(q));
  c.rgb = tidePost(c.rgb, veil);
  return c;
}
`;

export const COSMOS_VERTEX_GLSL = UNIFORMS + TIDE_NOISE_GLSL;
export const COSMOS_FRAGMENT_GLSL = UNIFORMS + TIDE_NOISE_GLSL + TIDE_FINISH_GLSL + FINISH;
