import { TIDE_COMMON_GLSL } from './common.glsl';

export const AURORA_VERTEX = /* glsl */ `
uniform float uDriftTime;
attribute vec2 aRadial;
attribute float aSeed;
varying vec2 vUv;
varying float vSeed;
void main() {
  vUv = uv;
  vSeed = aSeed;
  // Curtains fold slowly in and out along their arc (tens of seconds per fold).
  float fold = sin(uv.x * 7.0 + uDriftTime * 0.05 + aSeed * 6.0) * 22.0
             + sin(uv.x * 17.0 - uDriftTime * 0.08 + aSeed * 3.0) * 7.0;
  vec3 p = position + vec3(aRadial.x, 0.0, aRadial.y) * fold * (0.6 + 0.4 * uv.y);
  gl_Position = projectionMatrix * viewMatrix * modelMatrix * vec4(p, 1.0);
}
`;

export const AURORA_FRAGMENT = /* glsl */ `
${TIDE_COMMON_GLSL}
varying vec2 vUv;
varying float vSeed;
void main() {
  float u = vUv.x;
  float v = vUv.y;
  float t = uDriftTime;
  float rays = 0.55 * vnoise(vec2(u * 70.0 + t * 0.12, vSeed * 10.0))
             + 0.45 * vnoise(vec2(u * 210.0 - t * 0.2, vSeed * 20.0 + 5.0));
  rays = 0.08 + 1.7 * rays * rays * rays;
  float edge = 0.03 + 0.12 * vnoise(vec2(u * 9.0 + t * 0.03, vSeed + 1.0));
  float lower = smoothstep(edge, edge + 0.06, v);
  float upper = pow(1.0 - v, 2.2);
  float along = 0.45 + 0.55 * vnoise(vec2(u * 3.5 - t * 0.02, vSeed + 3.0));
  float ends = smoothstep(0.0, 0.2, u) * smoothstep(1.0, 0.8, u);
  vec3 col = mix(uAuroraLow, uAuroraHigh, smoothstep(0.12, 0.8, v));
  float a = uAurora * rays * lower * upper * along * ends * 0.4;
  gl_FragColor = vec4(tideShade(col * a), 1.0);
  gl_FragColor = sRGBTransferOETF(gl_FragColor);
  gl_FragColor.rgb = tidePost(gl_FragColor.rgb, 0.0);
}
`;
