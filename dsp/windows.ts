/**
 * Spectral analysis windows (dimensionless weights). Periodic by default, the form scipy.signal.get_window
 * returns for spectral estimation (`fftbins=True`): the symmetric window of length n+1 without its last point.
 */

export type WindowName = 'hann' | 'hamming';

function cosineWindow(n: number, a0: number, periodic: boolean): Float64Array {
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`window length must be a positive integer, got ${n}`);
  const w = new Float64Array(n);
  if (n === 1) {
    w[0] = 1;
    return w;
  }
  const denominator = periodic ? n : n - 1;
  for (let i = 0; i < n; i++) w[i] = a0 - (1 - a0) * Math.cos((2 * Math.PI * i) / denominator);
  return w;
}

/**
 * Hann window w[i] = 0.5 − 0.5 cos(2π i / N), N = n (periodic) or n − 1 (symmetric).
 * Reference: scipy.signal.windows.hann(n, sym=!periodic).
 */
export function hannWindow(n: number, periodic = true): Float64Array {
  return cosineWindow(n, 0.5, periodic);
}

/**
 * Hamming window w[i] = 0.54 − 0.46 cos(2π i / N), N = n (periodic) or n − 1 (symmetric); the window Muse
 * documents for its band powers. Reference: scipy.signal.windows.hamming(n, sym=!periodic).
 */
export function hammingWindow(n: number, periodic = true): Float64Array {
  return cosineWindow(n, 0.54, periodic);
}

/** A named periodic window of length n, or a copy of an explicit one (whose length must be n). */
export function makeWindow(spec: WindowName | Float64Array, n: number): Float64Array {
  if (typeof spec !== 'string') {
    if (spec.length !== n) throw new RangeError(`window has ${spec.length} points, expected ${n}`);
    return Float64Array.from(spec);
  }
  switch (spec) {
    case 'hann':
      return hannWindow(n);
    case 'hamming':
      return hammingWindow(n);
    default:
      throw new RangeError(`unknown window '${spec as string}'`);
  }
}
