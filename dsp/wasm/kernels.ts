/**
 * The compiled WebAssembly module of dsp/wasm/kernels.wat (SIMD, float64), shared by the kernels that use it
 * (simd-complex-fft.ts, simd-biquads.ts), each instance with its own memory. Where the runtime cannot run it,
 * {@link kernelsModule} is null and those kernels' callers keep their JavaScript code: same results, slower.
 */
import { KERNELS_WASM_BASE64 } from './kernels-bytes.ts';

let compiled: WebAssembly.Module | null | undefined;
let unavailable = '';

/** The compiled module, or null where this runtime cannot run it; compiled once, on first use. */
export function kernelsModule(): WebAssembly.Module | null {
  if (compiled !== undefined) return compiled;
  compiled = null;
  if (typeof WebAssembly !== 'object') {
    unavailable = 'this runtime has no WebAssembly';
    return compiled;
  }
  const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), (ch) => ch.charCodeAt(0));
  // validate() is false where SIMD is unsupported; the module is under 4 KB, which browsers compile synchronously.
  if (!WebAssembly.validate(bytes)) {
    unavailable = 'this runtime has no WebAssembly SIMD';
    return compiled;
  }
  try {
    compiled = new WebAssembly.Module(bytes);
  } catch (err) {
    // A page whose Content-Security-Policy lacks 'wasm-unsafe-eval' refuses to compile any module.
    unavailable = `WebAssembly refused: ${err instanceof Error ? err.message : String(err)}`;
  }
  return compiled;
}

/**
 * Whether this runtime runs the SIMD kernels (compiling them if not yet done), and if not, why: the engine then
 * runs fft.js and JavaScript, with the same results to rounding, slower.
 */
export function simdKernelsStatus(): { readonly simd: boolean; readonly reason: string } {
  const simd = kernelsModule() !== null;
  return { simd, reason: unavailable };
}

/** An instance of the module with a fresh memory of at least `bytes`, and its exports. */
export function instantiateKernels<T>(
  module: WebAssembly.Module,
  bytes: number,
): { memory: WebAssembly.Memory; exports: T } {
  const memory = new WebAssembly.Memory({ initial: Math.max(1, Math.ceil(bytes / 65536)) });
  const instance = new WebAssembly.Instance(module, { env: { memory } });
  return { memory, exports: instance.exports as unknown as T };
}
