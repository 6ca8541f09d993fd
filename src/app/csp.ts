/**
 * The production Content-Security-Policy: everything from this origin, no eval, no inline script. WebAssembly may
 * compile ('wasm-unsafe-eval' allows that and nothing else: no eval or Function of JavaScript), for the
 * band-power engine's SIMD FFT (dsp/simd-complex-fft.ts), which is otherwise refused. Inline styles
 * stay allowed because the session report (an inline-styled, script-free document shown in a sandboxed frame)
 * inherits this policy. Brain data never leaves the device: connect-src is this origin only.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "frame-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
].join('; ');
