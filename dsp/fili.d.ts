/**
 * Minimal types for fili 2.0.3 (ships none), covering only what dsp/ uses: `CalcCascades`, which designs IIR
 * filters as cascades of biquads with the RBJ Audio-EQ-Cookbook formulas (node_modules/fili/src/calcCascades.js,
 * iirCoeffs.js).
 */
declare module 'fili' {
  /** One biquad: H(z) = k·(b0 + b1 z⁻¹ + b2 z⁻²) / (1 + a1 z⁻¹ + a2 z⁻²), with `a = [a1, a2]`. */
  export interface FiliBiquad {
    readonly a: readonly number[];
    readonly b: readonly number[];
    readonly k: number;
  }

  export interface FiliCascadeParams {
    /** Number of biquads (not the filter order): a 4th-order Butterworth is `order: 2`. Clamped to 12. */
    order: number;
    characteristic: 'butterworth' | 'bessel';
    /** Sample rate, Hz. */
    Fs: number;
    /** Corner or centre frequency, Hz. */
    Fc: number;
    /** Bandwidth in octaves; when non-zero it replaces the characteristic's Q (band filters only). */
    BW?: number;
    gain?: number;
    preGain?: boolean;
    oneDb?: boolean;
  }

  export type FiliDesign = (params: FiliCascadeParams) => FiliBiquad[];

  export interface FiliCalcCascades {
    lowpass: FiliDesign;
    highpass: FiliDesign;
    bandpass: FiliDesign;
    bandstop: FiliDesign;
    available(): string[];
  }

  const Fili: {
    CalcCascades: new () => FiliCalcCascades;
  };
  export default Fili;
}
