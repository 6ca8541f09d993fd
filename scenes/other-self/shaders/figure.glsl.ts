import { FIGURE_NECK_Y } from '../figureGeometry';
import { OTHER_SELF_COMMON_GLSL, OTHER_SELF_VERTEX_GLSL } from './common.glsl';

const f = (x: number): string => (Number.isInteger(x) ? `${x}.0` : `${x}`);

/**
 * The figure. `uMirror` draws it upside down under the water; `uGhost` draws the glitch's echo, a faint
 * copy standing a little to one side that drifts slowly (no jumps).
 */
export const FIGURE_VERTEX = /* glsl */ `
${OTHER_SELF_VERTEX_GLSL}
uniform float uMirror;
uniform float uGhost;
varying vec3 vObj;
varying vec3 vRest;
varying vec3 vWorld;
varying vec3 vNormalW;

void main() {
  vec3 p = position;
  vec3 n = normal;
  vRest = p;
  // The head leans to one side and a little forward: the uncanny part of dread.
  float hw = smoothstep(${f(FIGURE_NECK_Y - 0.06)}, ${f(FIGURE_NECK_Y + 0.06)}, p.y);
  float a = uHeadTilt * hw;
  vec2 q = p.xy - vec2(0.0, ${f(FIGURE_NECK_Y)});
  p.xy = vec2(0.0, ${f(FIGURE_NECK_Y)}) + mat2(cos(a), sin(a), -sin(a), cos(a)) * q;
  n.xy = mat2(cos(a), sin(a), -sin(a), cos(a)) * n.xy;
  p.z += 0.25 * a * max(p.y - ${f(FIGURE_NECK_Y)}, 0.0) * 3.0;
  // Smoke: the hem and outline writhe; breathing swells the chest slowly.
  float hem = 1.0 - smoothstep(0.0, 1.0, p.y);
  float nz = vnoise3(p * 2.6 + vec3(0.0, -uTime * 0.35, uTime * 0.05)) - 0.5;
  p += n * nz * 0.16 * uSmoke * (0.25 + 1.2 * hem);
  p.xz *= 1.0 + 0.018 * sin(uTime * 0.8) * (1.0 - hw);
  vObj = p;
  vec3 w = p * uFigureScale;
  float ghostX = 0.42 + 0.12 * sin(uDriftTime * 0.09);
  w += vec3(uMirrorX + uGhost * ghostX * uFigureScale, 0.0, -uFigureDist - 0.3 * uGhost);
  w.y *= 1.0 - 2.0 * uMirror;
  vWorld = w;
  vNormalW = vec3(n.x, n.y * (1.0 - 2.0 * uMirror), n.z);
  gl_Position = projectionMatrix * viewMatrix * vec4(w, 1.0);
}
`;

export const FIGURE_FRAGMENT = /* glsl */ `
${OTHER_SELF_COMMON_GLSL}
uniform float uMirror;
uniform float uGhost;
varying vec3 vObj;
varying vec3 vRest;
varying vec3 vWorld;
varying vec3 vNormalW;

void main() {
  // Dissolving: noise eats the figure from the hem up as presence falls.
  vec3 np = vRest * 3.2 + vec3(0.0, -uTime * 0.22, 0.0);
  float n = 0.65 * vnoise3(np) + 0.35 * vnoise3(np * 2.7 + 11.0);
  float low = 1.0 - smoothstep(0.0, 0.7, vRest.y);
  float threshold = (1.0 - uPresence) * 1.05 - 0.08 + 0.22 * low;
  if (n < threshold) discard;
  float edge = 1.0 - smoothstep(0.0, 0.07, n - threshold);

  vec3 V = normalize(cameraPosition - vWorld);
  vec3 N = normalize(vNormalW);
  if (!gl_FrontFacing) N = -N;
  float facing = abs(dot(N, V));
  float rim = pow(1.0 - facing, 2.5);
  vec3 col = uBody * (0.35 + 0.65 * (1.0 - uDarkness)) * (0.6 + 0.4 * facing);
  col += uRim * rim * uGlowI * (0.55 - 0.25 * uDarkness);
  // Wonder: the body fills with slow starlight.
  vec3 cell = floor(vRest * 38.0);
  float sparkle = step(0.93, hash13(cell)) * (0.6 + 0.4 * sin(uTime * 0.7 + hash13(cell + 5.0) * 40.0));
  col += uMote * uLuminosity * (0.22 + 0.5 * facing * 0.5 + 1.4 * sparkle);
  // The dissolving edge glows pale in calm and wonder; in dread it is cold ash.
  col += uRim * edge * (1.0 - 0.75 * uDarkness) * 0.9;
  // Eyes: two dim, cold points, only in deep dread.
  vec2 e = vRest.xy - vec2(0.0, 1.725);
  float eyes = exp(-(pow(abs(e.x) - 0.042, 2.0) + e.y * e.y) / 0.00012) * step(0.05, vRest.z);
  col += vec3(0.78, 0.84, 0.84) * eyes * uEyes;
  col = fogged(col, vWorld);
  float alpha = 1.0 - 0.6 * uGhost - 0.1 * uMirror;
  alpha *= mix(1.0, uGlitch * 0.55, uGhost);
  gl_FragColor = finish(col, alpha, 0.0);
}
`;

export const MOTES_VERTEX = /* glsl */ `
${OTHER_SELF_VERTEX_GLSL}
uniform float uMirror;
attribute vec4 aSeed;
varying float vAlpha;

void main() {
  vec3 p = position;
  float life = fract(uTime * (0.035 + 0.05 * aSeed.x) + aSeed.y);
  float s = uMoteSpread;
  vec2 out2 = normalize(p.xz + vec2(1e-4, 0.0));
  vec3 drift = vec3(
    0.5 * sin(aSeed.z * 6.2832 + uTime * 0.23) + out2.x * 1.6 * life,
    3.2 * life,
    0.5 * cos(aSeed.w * 6.2832 + uTime * 0.19) + out2.y * 1.6 * life
  ) * s;
  // Clinging motes hover just off the surface.
  p += vec3(sin(aSeed.x * 40.0 + uTime * 0.5), cos(aSeed.y * 40.0 + uTime * 0.4), sin(aSeed.z * 40.0)) * 0.025;
  vec3 w = (p + drift) * uFigureScale + vec3(uMirrorX, 0.0, -uFigureDist);
  w.y *= 1.0 - 2.0 * uMirror;
  vec4 mv = viewMatrix * vec4(w, 1.0);
  gl_Position = projectionMatrix * mv;
  float metres = (0.018 + 0.03 * aSeed.w) * uFigureScale * (1.0 + 0.6 * uLuminosity);
  gl_PointSize = clamp(metres * projectionMatrix[1][1] * 0.5 * uResolution.y / max(-mv.z, 0.1), 1.0, 18.0);
  float fade = mix(1.0, sin(life * 3.14159), s);
  float twinkle = 0.75 + 0.25 * sin(uTime * 1.3 + aSeed.x * 50.0);
  // The reflection is dimmer, as the water tints it.
  vAlpha = uMoteI * fade * twinkle * (1.0 - 0.55 * uMirror);
}
`;

export const MOTES_FRAGMENT = /* glsl */ `
${OTHER_SELF_COMMON_GLSL}
varying float vAlpha;

void main() {
  float d = length(gl_PointCoord - 0.5);
  float a = smoothstep(0.5, 0.05, d) * vAlpha;
  // Additive: written as colour times coverage, alpha ignored by the blend.
  gl_FragColor = finish(uMote * a * 1.6, 1.0, 0.0);
}
`;
