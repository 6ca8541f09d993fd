import { COSMOS_FRAGMENT_GLSL, COSMOS_VERTEX_GLSL } from './common.glsl';

/** Stars of the galaxy, in its own frame (units of its radius); additive. The void at the heart eats them. */
export const GALAXY_VERTEX = /* glsl */ `
${COSMOS_VERTEX_GLSL}
attribute vec4 aSeed;
varying vec3 vColor;
varying float vAlpha;

void main() {
  vec3 p = position;
  float r = length(p.xz);
  // Inner stars turn a little faster, which shears the arms slowly without winding them up.
  float ang = uTime * 0.012 * (1.0 + 0.5 * (1.0 - r));
  float c = cos(ang), s = sin(ang);
  p.xz = mat2(c, s, -s, c) * p.xz;
  vec4 mv = modelViewMatrix * vec4(p, 1.0);
  gl_Position = projectionMatrix * mv;
  float core = exp(-r * r / 0.01);
  vec3 col = mix(uArmOuter, uArmInner, smoothstep(0.75, 0.1, r) * (0.4 + 0.6 * aSeed.y));
  vColor = mix(col, uCore, core);
  float eaten = smoothstep(uVoid * 0.85, uVoid * 1.7 + 1e-3, r);
  float twinkle = 0.8 + 0.2 * sin(uDriftTime * (0.3 + 0.4 * aSeed.z) + aSeed.z * 60.0);
  vAlpha = (0.22 + 0.9 * aSeed.x * aSeed.x * aSeed.x) * uGalaxy * eaten * twinkle * (1.0 - 0.6 * uHaze);
  gl_PointSize = clamp((1.3 + 2.6 * pow(aSeed.w, 6.0)) * 90.0 / max(-mv.z, 1.0), 1.0, 5.0);
}
`;

export const GALAXY_FRAGMENT = /* glsl */ `
${COSMOS_FRAGMENT_GLSL}
varying vec3 vColor;
varying float vAlpha;

void main() {
  float d = length(gl_PointCoord - 0.5);
  float a = smoothstep(0.5, 0.0, d) * vAlpha;
  gl_FragColor = finish(vColor * a, 1.0, 0.0);
}
`;

/**
 * The galaxy's heart: a billboard with the core's glow, and in dread a void, a black disc ringed with a
 * thin band of bent light, that darkens everything around it. Premultiplied blending: glow adds, the void
 * covers.
 */
export const CORE_VERTEX = /* glsl */ `
uniform float uCoreSize;
varying vec2 vOff;
void main() {
  vec4 centre = modelViewMatrix * vec4(0.0, 0.0, 0.0, 1.0);
  vOff = (uv - 0.5) * 2.0;
  gl_Position = projectionMatrix * (centre + vec4(vOff * uCoreSize, 0.0, 0.0));
}
`;

export const CORE_FRAGMENT = /* glsl */ `
${COSMOS_FRAGMENT_GLSL}
uniform float uCoreSize;
uniform float uGalaxyRadius;
varying vec2 vOff;

void main() {
  // Radius in galaxy radii.
  float rg = length(vOff) * uCoreSize / uGalaxyRadius;
  float r2 = rg * rg;
  vec3 glow = uCore * uCoreGlow * (0.55 * exp(-r2 / 0.0015) + 0.22 * exp(-r2 / 0.012) + 0.07 * exp(-r2 / 0.08));
  float on = smoothstep(0.0, 0.04, uVoid);
  float vr = uVoid * 0.6;
  float inside = 1.0 - smoothstep(vr * 0.9, vr, rg);
  float ring = exp(-pow((rg - vr * 1.04) / (0.003 + 0.025 * vr), 2.0));
  float shadow = 0.75 * (1.0 - smoothstep(vr, vr * 2.6 + 1e-3, rg));
  vec3 col = glow * (1.0 - inside) + uVoidRim * ring * on * 0.45;
  float alpha = max(inside, shadow) * on;
  alpha *= 1.0 - smoothstep(0.85, 1.0, length(vOff));
  gl_FragColor = finish(col * (1.0 - smoothstep(0.8, 1.0, length(vOff))), alpha, 0.0);
}
`;

/** Dust drifting past the camera: parallax that says we are floating, wrapped in a box around us. */
export const DUST_VERTEX = /* glsl */ `
${COSMOS_VERTEX_GLSL}
uniform float uBox;
attribute vec4 aSeed;
varying float vAlpha;

void main() {
  vec3 p = position * uBox;
  p.z = mod(p.z + uTime * (0.8 + 0.6 * aSeed.x) + 0.5 * uBox, uBox) - 0.5 * uBox;
  p.x += 0.4 * sin(uTime * 0.1 + aSeed.y * 6.28);
  vec4 mv = viewMatrix * vec4(p, 1.0);
  gl_Position = projectionMatrix * mv;
  float dist = length(mv.xyz);
  float edge = 1.0 - smoothstep(0.38 * uBox, 0.5 * uBox, abs(p.z));
  vAlpha = uDustI * edge * smoothstep(0.8, 3.0, dist) * (0.3 + 0.7 * aSeed.z);
  gl_PointSize = clamp(0.05 * projectionMatrix[1][1] * 0.5 * uResolution.y / max(-mv.z, 0.1), 1.0, 6.0);
}
`;

export const DUST_FRAGMENT = /* glsl */ `
${COSMOS_FRAGMENT_GLSL}
varying float vAlpha;

void main() {
  float d = length(gl_PointCoord - 0.5);
  gl_FragColor = finish(uDust * smoothstep(0.5, 0.0, d) * vAlpha * 0.6, 1.0, 0.0);
}
`;
