/**
 * The sea's wave set, shared by the vertex shader (generated GLSL) and the CPU (camera riding the swell,
 * tests), so the two can never disagree.
 */
export interface GerstnerWave {
  /** Direction of travel in the xz plane (normalised on use). */
  readonly dirX: number;
  readonly dirZ: number;
  /** Metres. */
  readonly wavelength: number;
  /** Metres, at waveAmplitude = 1. */
  readonly amplitude: number;
}

const GRAVITY = 9.81;

/** Horizontal (Gerstner) displacement per metre of height, at choppiness 1. */
export const CHOP_GAIN = 2.0;

export const SWELL_WAVES: readonly GerstnerWave[] = [
  { dirX: 0.18, dirZ: 1, wavelength: 62, amplitude: 0.55 },
  { dirX: -0.5, dirZ: 1, wavelength: 35, amplitude: 0.3 },
  { dirX: 0.75, dirZ: 0.66, wavelength: 21, amplitude: 0.17 },
  { dirX: -0.92, dirZ: 0.4, wavelength: 14, amplitude: 0.1 },
  { dirX: 0.3, dirZ: 0.95, wavelength: 9, amplitude: 0.055 },
  { dirX: -0.25, dirZ: 0.97, wavelength: 6.5, amplitude: 0.035 },
];

/** Sub-vertex ripples, used only for fragment normals: they make the moon's glitter path. */
export const RIPPLE_WAVES: readonly GerstnerWave[] = [
  { dirX: 0.6, dirZ: 0.8, wavelength: 3.7, amplitude: 0.05 },
  { dirX: -0.75, dirZ: 0.66, wavelength: 2.3, amplitude: 0.03 },
  { dirX: 0.1, dirZ: -1, wavelength: 1.6, amplitude: 0.018 },
  { dirX: 0.95, dirZ: -0.3, wavelength: 1.1, amplitude: 0.012 },
  { dirX: -0.4, dirZ: -0.9, wavelength: 0.75, amplitude: 0.007 },
];

export interface WaveConstants {
  dx: number;
  dz: number;
  k: number;
  omega: number;
  amplitude: number;
}

export function waveConstants(w: GerstnerWave): WaveConstants {
  const len = Math.hypot(w.dirX, w.dirZ) || 1;
  const k = (2 * Math.PI) / w.wavelength;
  return { dx: w.dirX / len, dz: w.dirZ / len, k, omega: Math.sqrt(GRAVITY * k), amplitude: w.amplitude };
}

const SWELL = SWELL_WAVES.map(waveConstants);

/**
 * Height of the swell at (x, z), ignoring the small horizontal Gerstner shift. Allocation-free so the
 * camera can call it every frame.
 */
export function swellHeight(x: number, z: number, seaTime: number, amplitudeScale: number): number {
  let h = 0;
  for (let i = 0; i < SWELL.length; i++) {
    const w = SWELL[i]!;
    h += w.amplitude * Math.sin(w.k * (w.dx * x + w.dz * z) - w.omega * seaTime);
  }
  return h * amplitudeScale;
}

/** Upper bound of the swell height at a given amplitude scale. */
export function maxSwellHeight(amplitudeScale: number): number {
  return SWELL.reduce((sum, w) => sum + w.amplitude, 0) * amplitudeScale;
}

/**
 * Sum of k·Q over the waves: the surface folds over itself (loops, spikes) when it reaches 1, so it must
 * stay below that at the strongest dread.
 */
export function gerstnerFold(amplitudeScale: number, choppiness: number): number {
  return SWELL.reduce((sum, w) => sum + w.k * w.amplitude * amplitudeScale * choppiness * CHOP_GAIN, 0);
}

function glslFloat(x: number): string {
  const s = x.toPrecision(7);
  return s.includes('.') || s.includes('e') ? s : `${s}.0`;
}

/** One `gerstner(...)` call per wave, unrolled because loops over const arrays are slow under SwiftShader. */
export function swellGlsl(): string {
  return SWELL.map(
    (w) =>
      `  gerstner(p, vec2(${glslFloat(w.dx)}, ${glslFloat(w.dz)}), ${glslFloat(w.k)}, ${glslFloat(w.omega)}, ` +
      `${glslFloat(w.amplitude)}, t, amp, chop, spacing, offset, dPdx, dPdz);`,
  ).join('\n');
}

export function rippleGlsl(): string {
  return RIPPLE_WAVES.map(waveConstants)
    .map(
      (w) =>
        `  ripple(p, vec2(${glslFloat(w.dx)}, ${glslFloat(w.dz)}), ${glslFloat(w.k)}, ${glslFloat(w.omega)}, ` +
        `${glslFloat(w.amplitude)}, t, grad);`,
    )
    .join('\n');
}
