import { CHOP_GAIN, rippleGlsl, swellGlsl } from '../waves';
import {
  SEA_FAR,
  SEA_HALF_WIDTH_BASE,
  SEA_HALF_WIDTH_SLOPE,
  SEA_NEAR,
  SEA_POWER,
  SEA_SEGMENTS,
} from '../seaGrid';
import { TIDE_COMMON_GLSL } from './common.glsl';

const f = (x: number): string => (Number.isInteger(x) ? `${x}.0` : `${x}`);

export const SEA_VERTEX = /* glsl */ `
uniform float uSeaTime;
uniform float uWaveAmp;
uniform float uWaveChop;
uniform vec2 uSeaOrigin;
varying vec3 vWorld;
varying vec3 vNormal;
varying float vCrest;

// Adds one Gerstner wave and its analytic derivatives; waves too short for the local vertex spacing fade
// out instead of aliasing into crawling noise.
void gerstner(vec2 p, vec2 D, float k, float w, float A, float t, float amp, float chop, float spacing,
              inout vec3 offset, inout vec3 dPdx, inout vec3 dPdz) {
  float L = 6.2831853 / k;
  float a = A * amp * (1.0 - smoothstep(L * 0.16, L * 0.3, spacing));
  float q = a * chop * ${f(CHOP_GAIN)};
  float ph = k * dot(D, p) - w * t;
  float s = sin(ph);
  float c = cos(ph);
  offset += vec3(D.x * q * c, a * s, D.y * q * c);
  dPdx += vec3(-D.x * D.x * q * k * s, D.x * a * k * c, -D.x * D.y * q * k * s);
  dPdz += vec3(-D.x * D.y * q * k * s, D.y * a * k * c, -D.y * D.y * q * k * s);
}

void main() {
  float v = uv.y;
  float d = ${f(SEA_NEAR)} + ${f(SEA_FAR - SEA_NEAR)} * pow(v, ${f(SEA_POWER)});
  float halfWidth = ${f(SEA_HALF_WIDTH_BASE)} + max(d, 0.0) * ${f(SEA_HALF_WIDTH_SLOPE)};
  vec2 p = vec2(uSeaOrigin.x + (uv.x * 2.0 - 1.0) * halfWidth, uSeaOrigin.y - d);
  float rowSpacing = ${f(SEA_POWER * (SEA_FAR - SEA_NEAR))} * pow(max(v, ${f(1 / SEA_SEGMENTS)}), ${f(SEA_POWER - 1)})
    / ${f(SEA_SEGMENTS)};
  float spacing = max(rowSpacing, 2.0 * halfWidth / ${f(SEA_SEGMENTS)});

  vec3 offset = vec3(0.0);
  vec3 dPdx = vec3(1.0, 0.0, 0.0);
  vec3 dPdz = vec3(0.0, 0.0, 1.0);
  float t = uSeaTime;
  float amp = uWaveAmp;
  float chop = uWaveChop;
${swellGlsl()}

  vec3 world = vec3(p.x + offset.x, offset.y, p.y + offset.z);
  vWorld = world;
  vNormal = normalize(cross(dPdz, dPdx));
  vCrest = offset.y / max(uWaveAmp, 1e-3);
  gl_Position = projectionMatrix * viewMatrix * vec4(world, 1.0);
}
`;

export const SEA_FRAGMENT = /* glsl */ `
${TIDE_COMMON_GLSL}
uniform float uSeaTime;
uniform float uRipple;
uniform float uFog;
uniform float uBioIntensity;
uniform float uFoam;
uniform vec3 uSeaDeep;
uniform vec3 uSeaScatter;
uniform vec3 uBio;
varying vec3 vWorld;
varying vec3 vNormal;
varying float vCrest;

void ripple(vec2 p, vec2 D, float k, float w, float A, float t, inout vec2 grad) {
  grad += D * (A * k * cos(k * dot(D, p) - w * t));
}

void main() {
  vec3 toCam = cameraPosition - vWorld;
  float dist = length(toCam);
  vec3 V = toCam / dist;

  vec2 grad = vec2(0.0);
  vec2 p = vWorld.xz;
  float t = uSeaTime;
${rippleGlsl()}
  // Ripples fade with distance (they would alias); the moon path widens instead via a rougher lobe.
  float far = smoothstep(15.0, 420.0, dist);
  vec3 N = normalize(normalize(vNormal) - vec3(grad.x, 0.0, grad.y) * uRipple * (1.0 - far) * 1.6);

  float ndv = max(dot(N, V), 0.0);
  float fresnel = 0.02 + 0.98 * pow(1.0 - ndv, 5.0);
  vec3 R = reflect(-V, N);
  R.y = abs(R.y);
  vec3 reflected = skyBase(R);
  reflected += mix(uAuroraLow, uAuroraHigh, smoothstep(0.1, 0.5, R.y)) * uAurora * 0.12
    * smoothstep(0.03, 0.25, R.y) * (1.0 - smoothstep(0.5, 0.9, R.y));

  // Light through the backs of crests, toward the viewer, when the moon is ahead.
  vec3 moonFlat = normalize(vec3(uMoonDir.x, 0.0, uMoonDir.z));
  float back = pow(max(dot(-V, moonFlat), 0.0), 3.0);
  float crest = smoothstep(-0.2, 1.0, vCrest);
  vec3 body = uSeaDeep + uSeaScatter * (0.25 + 0.75 * crest) * (0.3 + 0.7 * back) * (0.35 + 0.65 * uMoonVis);

  vec3 col = mix(body, reflected, fresnel);

  // Moon glitter: a tight lobe near, a broad one far, both fading as the clouds cover the moon.
  float shininess = mix(1800.0, 70.0, far);
  float lobe = pow(max(dot(R, uMoonDir), 0.0), shininess);
  col += uMoonDisk * uMoonVis * uMoonVis * lobe * mix(4.0, 0.5, far);

  // Dread raises dim grey-green foam on the steepest crests: a choppy, restless sea, never bright.
  float foam = smoothstep(0.45, 1.0, vCrest) * smoothstep(0.35, 0.75, vnoise(p * 0.7 + vec2(0.0, t * 0.3)));
  col += uSeaScatter * uFoam * foam * (1.0 - far);

  // Bioluminescence: drifting patches, brightest on crests, plus slow-breathing motes near the camera.
  if (uBioIntensity > 0.001) {
    float bt = uDriftTime;
    float n1 = vnoise(p * 0.05 + vec2(bt * 0.02, -bt * 0.015));
    float n2 = vnoise(p * 0.21 - vec2(bt * 0.04, bt * 0.03));
    float patches = smoothstep(0.42, 0.85, n1 * 0.6 + n2 * 0.4);
    vec2 sc = p * 1.3;
    vec2 cell = floor(sc);
    float h = hash12(cell);
    vec2 fp = fract(sc) - 0.5 - (vec2(hash12(cell + 3.1), hash12(cell + 7.7)) - 0.5) * 0.5;
    float mote = step(0.86, h) * exp(-dot(fp, fp) * 70.0) * (0.55 + 0.45 * sin(bt * 0.6 + h * 50.0));
    float nearMotes = 1.0 - smoothstep(10.0, 45.0, dist);
    float crestGlow = smoothstep(0.15, 0.8, vCrest) * (1.0 - smoothstep(40.0, 200.0, dist));
    float glow = patches * (0.12 + 1.1 * crestGlow) * 0.6 + mote * nearMotes * 1.2;
    col += uBio * uBioIntensity * glow * (0.5 + 0.5 * ndv);
  }

  float fogAmount = 1.0 - exp(-pow(uFog * dist, 2.0));
  fogAmount = max(fogAmount, smoothstep(${f(SEA_FAR * 0.6)}, ${f(SEA_FAR * 0.95)}, dist));
  col = mix(col, skyBase(normalize(vec3(-V.x, 0.0, -V.z))), fogAmount);

  gl_FragColor = vec4(tideShade(col), 1.0);
  gl_FragColor = sRGBTransferOETF(gl_FragColor);
  gl_FragColor.rgb = tidePost(gl_FragColor.rgb, 1.0);
}
`;
