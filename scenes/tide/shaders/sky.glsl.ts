import { TIDE_COMMON_GLSL } from './common.glsl';

export const SKY_VERTEX = /* glsl */ `
varying vec3 vWorld;
void main() {
  vec4 world = modelMatrix * vec4(position, 1.0);
  vWorld = world.xyz;
  gl_Position = projectionMatrix * viewMatrix * world;
}
`;

export const SKY_FRAGMENT = /* glsl */ `
${TIDE_COMMON_GLSL}
uniform vec3 uCloud;
uniform float uCloudCover;
uniform float uStars;
varying vec3 vWorld;

// One star per cell of a 3D grid on the unit sphere; sized in pixels via fwidth so it never aliases.
float starLayer(vec3 dir, float scale, float threshold, float pixel) {
  vec3 p = dir * scale;
  vec3 cell = floor(p);
  float h = hash13(cell);
  if (h < threshold) return 0.0;
  vec3 star = cell + 0.25 + 0.5 * vec3(hash13(cell + 17.1), hash13(cell + 31.7), hash13(cell + 47.3));
  float d = length(cross(dir, normalize(star))) * scale;
  float sigma = max(pixel * 0.75, 0.06);
  float b = (h - threshold) / (1.0 - threshold);
  float twinkle = 0.85 + 0.15 * sin(uDriftTime * 0.45 + h * 60.0);
  return exp(-d * d / (sigma * sigma)) * (0.12 + b * b * 1.3) * twinkle;
}

vec3 moonDisk(vec3 dir, vec3 centre, float radius, float pixel) {
  float s = length(cross(dir, centre));
  if (dot(dir, centre) < 0.0 || s > radius * 1.2) return vec3(0.0);
  vec3 right = normalize(cross(vec3(0.0, 1.0, 0.0), centre));
  vec3 up = cross(centre, right);
  vec2 uv = vec2(dot(dir, right), dot(dir, up)) / radius;
  float r2 = dot(uv, uv);
  float edge = 1.0 - smoothstep(1.0 - pixel / radius, 1.0, sqrt(r2));
  float maria = fbm(uv * 1.7 + 4.0);
  float limb = pow(max(1.0 - r2, 0.0), 0.25);
  return uMoonDisk * (0.72 + 0.35 * smoothstep(0.35, 0.7, maria)) * (0.55 + 0.45 * limb) * edge;
}

void main() {
  vec3 dir = normalize(vWorld - cameraPosition);
  float pixel = max(length(fwidth(dir)), 1e-5);
  // The glitch tears a drifting band of sky sideways, slowly.
  dir = normalize(dir + vec3(0.018 * uGlitch * tideGlitchBand(), 0.0, 0.0));
  float above = smoothstep(-0.002, 0.03, dir.y);
  vec3 sdir = normalize(vec3(dir.x, max(dir.y, 0.0), dir.z));
  vec3 col = skyBase(sdir);

  if (dir.y > -0.01) {
    float clear = smoothstep(0.0, 0.2, dir.y);
    // A faint Milky Way: a tilted great circle of noise and denser stars.
    float band = dot(dir, normalize(vec3(0.62, 0.45, 0.64)));
    vec2 gp = dir.xz * 5.0 / (dir.y + 0.6);
    float galaxy = exp(-band * band * 22.0) * (0.3 + 0.45 * vnoise(gp) + 0.25 * vnoise(gp * 2.7 + 3.0));
    float stars = starLayer(dir, 300.0, 0.991 - 0.03 * galaxy, pixel * 300.0)
                + starLayer(dir, 90.0, 0.986, pixel * 90.0) * 1.4;
    vec3 starTint = mix(vec3(0.75, 0.85, 1.0), vec3(1.0, 0.93, 0.82), hash13(floor(dir * 120.0)));
    vec3 night = (starTint * stars + vec3(0.05, 0.06, 0.09) * galaxy) * uStars * clear;

    vec3 moon = moonDisk(dir, uMoonDir, 0.034, pixel) * 2.4;
    // Glitch: a faint second moon where no moon should be.
    vec3 ghostDir = normalize(uMoonDir + vec3(0.11 + 0.01 * sin(uDriftTime * 0.05), 0.045, 0.0));
    moon += moonDisk(dir, ghostDir, 0.03, pixel) * vec3(0.6, 0.9, 1.0) * 0.45 * uGlitch;

    // Clouds: fbm on a flat layer, drifting; dread closes them in, thickest around the moon.
    float m = max(dot(dir, uMoonDir), 0.0);
    vec2 cp = dir.xz / (dir.y + 0.1) * 0.9 + vec2(uDriftTime * 0.011, uDriftTime * 0.004);
    float n = fbm(cp) * 0.75 + vnoise(cp * 4.3 - uDriftTime * 0.006) * 0.25;
    float cover = clamp(uCloudCover * (1.0 + 0.25 * m * m), 0.0, 1.0);
    float c = smoothstep(0.66 - 0.6 * cover, 0.98 - 0.52 * cover, n) * smoothstep(-0.01, 0.1, dir.y);
    c = min(c, 0.97);
    vec3 lining = uMoonGlow * (0.1 + 0.9 * uMoonVis) * (0.35 * pow(m, 6.0) + 0.9 * pow(m, 40.0)) * (1.15 - c)
      // Behind a thick deck the moon is still a dull smear, which is worse than no moon at all.
      + uMoonGlow * (1.0 - uMoonVis) * 0.5 * pow(m, 90.0) * mix(1.0, 0.45, smoothstep(0.5, 0.9, n));
    // Thick cores are darker than thin edges, which gives the deck its relief.
    vec3 cloudCol = uCloud * (0.55 + 0.45 * sqrt(max(dir.y, 0.0))) * mix(1.25, 0.6, smoothstep(0.45, 0.95, n))
      + lining;

    col += (night + moon * (1.0 - c)) * above;
    col = mix(col, cloudCol, c * 0.96 * above);
  }

  gl_FragColor = vec4(tideShade(col), 1.0);
  gl_FragColor = sRGBTransferOETF(gl_FragColor);
  gl_FragColor.rgb = tidePost(gl_FragColor.rgb, 1.0);
}
`;
