/**
 * One star per cell of a 3D grid on the unit sphere, sized in pixels via fwidth so it never aliases, with a
 * slow twinkle (well under 1 Hz). Needs hash13 and a `uDriftTime` uniform in the including shader.
 */
export const STAR_LAYER_GLSL = /* glsl */ `
float starLayer(vec3 dir, float scale, float threshold, float pixel) {
  vec3 p = dir * scale;
  vec3 cell = floor(p);
  float h = hash13(cell);
  if (h < threshold) return 0.0;
  vec3 star = cell + 0.25 + 0.5 * vec3(hash13(cell + 17.1), hash13(cell + 31.7), hash13(cell + 47.3));
  float d = length(cross(dir, normalize(star))) * scale;
  float sigma = max(pixel * 0.75, 0.06);
  float b = (h - threshold) / (1.0 - threshold);
  float twinkle = 0.85 + 0.15 * sin(uDriftTime * 0.4 + h * 60.0);
  return exp(-d * d / (sigma * sigma)) * (0.12 + b * b * 1.3) * twinkle;
}
`;
