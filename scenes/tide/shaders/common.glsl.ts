/**
 * GLSL shared by every Tide material: noise, the sky colour the sea reflects and fogs into (one function,
 * so the horizon seam cannot show), and the finishing steps, including the glitch. The glitch is built to
 * be safe: desaturation, scanlines drifting a few pixels per second, a band that crawls down the screen
 * over a minute, and a noise veil whose grain evolves smoothly in time — no term changes faster than ~0.5 Hz.
 */
export const TIDE_COMMON_UNIFORMS_GLSL = /* glsl */ `
uniform vec3 uZenith;
uniform vec3 uHorizon;
uniform vec3 uMoonGlow;
uniform vec3 uMoonDisk;
uniform vec3 uMoonDir;
uniform vec3 uAuroraLow;
uniform vec3 uAuroraHigh;
uniform float uMoonVis;
uniform float uAurora;
uniform float uExposure;
uniform float uGlitch;
uniform float uDriftTime;
uniform vec2 uResolution;
`;

export const TIDE_NOISE_GLSL = /* glsl */ `
float hash12(vec2 p) {
  vec3 p3 = fract(vec3(p.xyx) * 0.1031);
  p3 += dot(p3, p3.yzx + 33.33);
  return fract((p3.x + p3.y) * p3.z);
}
float hash13(vec3 p3) {
  p3 = fract(p3 * 0.1031);
  p3 += dot(p3, p3.zyx + 31.32);
  return fract((p3.x + p3.y) * p3.z);
}
float vnoise(vec2 p) {
  vec2 i = floor(p);
  vec2 f = fract(p);
  vec2 u = f * f * (3.0 - 2.0 * f);
  return mix(mix(hash12(i), hash12(i + vec2(1.0, 0.0)), u.x),
             mix(hash12(i + vec2(0.0, 1.0)), hash12(i + vec2(1.0, 1.0)), u.x), u.y);
}
float vnoise3(vec3 p) {
  vec3 i = floor(p);
  vec3 f = fract(p);
  vec3 u = f * f * (3.0 - 2.0 * f);
  float a = mix(mix(hash13(i), hash13(i + vec3(1, 0, 0)), u.x),
                mix(hash13(i + vec3(0, 1, 0)), hash13(i + vec3(1, 1, 0)), u.x), u.y);
  float b = mix(mix(hash13(i + vec3(0, 0, 1)), hash13(i + vec3(1, 0, 1)), u.x),
                mix(hash13(i + vec3(0, 1, 1)), hash13(i + vec3(1, 1, 1)), u.x), u.y);
  return mix(a, b, u.z);
}
float fbm(vec2 p) {
  float s = 0.0;
  float a = 0.5;
  for (int i = 0; i < 4; i++) {
    s += a * vnoise(p);
    p = mat2(1.6, 1.2, -1.2, 1.6) * p + 7.31;
    a *= 0.5;
  }
  return s / 0.9375;
}
`;

export const TIDE_SKY_BASE_GLSL = /* glsl */ `
// Sky without stars, clouds or the moon's disk: what the sea reflects and what the fog is made of.
vec3 skyBase(vec3 dir) {
  float h = max(dir.y, 0.0);
  vec3 col = mix(uHorizon, uZenith, pow(h, 0.42));
  float m = max(dot(dir, uMoonDir), 0.0);
  col += uMoonGlow * uMoonVis * (0.06 * pow(m, 3.0) + 0.22 * pow(m, 28.0) + 0.55 * pow(m, 400.0));
  // A low airglow in aurora colours when wonder rises.
  col += mix(uAuroraLow, uAuroraHigh, 0.35) * uAurora * 0.05 * exp(-h * 7.0);
  return col;
}
`;

export const TIDE_FINISH_GLSL = /* glsl */ `
// Exposure, glitch desaturation and a highlight roll-off, in linear light.
vec3 tideShade(vec3 col) {
  col *= uExposure;
  float luma = dot(col, vec3(0.2126, 0.7152, 0.0722));
  col = mix(col, vec3(luma) * vec3(0.93, 1.0, 1.05), 0.45 * uGlitch);
  vec3 over = max(col - 0.7, 0.0);
  return min(col, 0.7) + 0.3 * (1.0 - exp(-over / 0.3));
}

// 0..1 weight of the glitch band: it crawls down the screen once a minute and leaves fully before wrapping.
float tideGlitchBand() {
  float y = gl_FragCoord.y / max(uResolution.y, 1.0);
  float centre = 1.15 - fract(uDriftTime * 0.016) * 1.3;
  return smoothstep(0.075, 0.0, abs(y - centre));
}

// Display-space glitch (scanlines, band, veil) and dither. veil = 0 for additive layers.
vec3 tidePost(vec3 c, float veil) {
  if (uGlitch > 0.001) {
    float scan = 0.5 + 0.5 * sin((gl_FragCoord.y + uDriftTime * 3.0) * 1.5708);
    c *= 1.0 - 0.1 * uGlitch * scan;
    float band = tideGlitchBand() * uGlitch;
    c = mix(c, floor(c * 14.0 + 0.5) / 14.0 * vec3(0.88, 1.0, 1.06), 0.65 * band);
    float grain = vnoise3(vec3(gl_FragCoord.xy / 2.5, uDriftTime * 0.35)) - 0.5;
    c += veil * uGlitch * (0.06 * grain + 0.012);
  }
  return c + veil * (hash12(gl_FragCoord.xy) - 0.5) / 255.0;
}
`;

export const TIDE_COMMON_GLSL =
  TIDE_COMMON_UNIFORMS_GLSL + TIDE_NOISE_GLSL + TIDE_SKY_BASE_GLSL + TIDE_FINISH_GLSL;
