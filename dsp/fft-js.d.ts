/**
 * Types for fft.js 4.0.4 narrower than its bundled `any`-typed lib/fft.d.ts, covering what dsp/ uses
 * (node_modules/fft.js/lib/fft.js). Arrays are interleaved complex [re0, im0, re1, im1, …].
 */
declare module 'fft.js' {
  type Buffer = Float64Array | number[];

  class FFT {
    /** @param size a power of two greater than 1, else the constructor throws. */
    constructor(size: number);
    readonly size: number;
    createComplexArray(): number[];
    /** Complex forward DFT (no scaling); `out` and `data` must differ, both of length 2·size. */
    transform(out: Buffer, data: Buffer): void;
    /** Inverse DFT, scaled by 1/size. */
    inverseTransform(out: Buffer, data: Buffer): void;
    /** Forward DFT of `size` real samples; fills bins 0…size/2 of `out` (length 2·size). */
    realTransform(out: Buffer, data: Buffer): void;
    completeSpectrum(spectrum: Buffer): void;
  }
  export default FFT;
}
