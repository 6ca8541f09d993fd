import { TIDE_FINISH_GLSL, TIDE_NOISE_GLSL } from '../../tide/shaders/common.glsl';

/**
 * GLSL shared by every Other Self material. The finishing steps, including the governed glitch (slow
 * scanlines, a band crawling down once a minute, a smoothly evolving veil), are Tide's, so every scene's
 * glitch obeys the same speed limits.
 */
const UNIFORMS = /* glsl */ `
uniform vec3 uZenith;
uniform vec3 uHorizon;
uniform vec3 uGlow;
uniform vec3 uWater;
uniform vec3 uBody;
uniform vec3 uRim;
uniform vec3 uMote;
uniform float uExposure;
uniform float uFog;
uniform float uStars;
uniform float uGlowI;
uniform float uHalo;
uniform float uMist;
uniform float uWaterOpacity;
uniform float uFigureDist;
uniform float uFigureScale;
uniform float uPresence;
uniform float uDarkness;
uniform float uLuminosity;
uniform float uHeadTilt;
uniform float uSmoke;
uniform float uEyes;
uniform float uMoteI;
uniform float uMoteSpread;
uniform float uVignette;
uniform float uGlitch;
uniform float uTime;
uniform float uDriftTime;
uniform float uMirrorX;
uniform vec2 uResolution;
uniform float uPixelRatio;
`;

const SKY = /* glsl */ `
// The light sits low on the horizon straight behind the figure, so the figure is always seen against it.
const vec3 GLOW_DIR = vec3(0.0, 0.0349, -0.9994);

// Sky without stars: what the water reflects and what the fog is made of.
vec3 skyColor(vec3 dir) {
  float h = max(dir.y, 0.0);
  vec3 col = mix(uHorizon, uZenith, pow(h, 0.45));
  float g = max(dot(dir, GLOW_DIR), 0.0);
  col += uGlow * uGlowI * (0.07 * pow(g, 3.0) + 0.3 * pow(g, 24.0) + 0.6 * pow(g, 220.0));
  col += uGlow * uGlowI * 0.1 * exp(-h * 45.0) * g * g;
  // Wonder: a glory, a thin bright ring and a wide soft one, around the light.
  float ang = acos(clamp(dot(dir, GLOW_DIR), -1.0, 1.0));
  float ring = 0.4 * exp(-pow((ang - 0.3) / 0.011, 2.0)) + 0.12 * exp(-pow((ang - 0.34) / 0.08, 2.0));
  // Teal inside, violet outside, like a real glory's faint spectrum (never red).
  vec3 ringCol = mix(uRim, vec3(0.55, 0.45, 1.0), smoothstep(0.27, 0.4, ang));
  col += ringCol * uHalo * ring;
  return col;
}

vec3 fogged(vec3 col, vec3 world) {
  vec3 d = world - cameraPosition;
  float dist = length(d);
  float f = 1.0 - exp(-uFog * uFog * dist * dist);
  vec3 dir = d / max(dist, 1e-4);
  return mix(col, skyColor(normalize(vec3(dir.x, 0.02, dir.z))), f);
}

// Exposure and glitch in linear light, then sRGB, then vignette and the display-space glitch.
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

/** For vertex shaders: the uniforms and noise only (the finish uses fragment-only built-ins). */
export const OTHER_SELF_VERTEX_GLSL = UNIFORMS + TIDE_NOISE_GLSL;

export const OTHER_SELF_COMMON_GLSL = UNIFORMS + TIDE_NOISE_GLSL + TIDE_FINISH_GLSL + SKY;
