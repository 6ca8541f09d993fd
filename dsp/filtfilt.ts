/**
 * Zero-phase (forward-backward) filtering for offline analysis, equal to scipy.signal.sosfiltfilt with its
 * defaults (padtype 'odd').
 */
import { BiquadCascade, sectionCount, SOS_STRIDE, type Sos } from './biquad.ts';

export interface FiltfiltOptions {
  /**
   * Samples of odd extension added at each end; default 3 · (2 · sections + 1 − trivial b2/a2 count), scipy's.
   * Must be less than the input length. 0 filters without extension.
   */
  readonly padlen?: number;
}

/** scipy.signal.sosfiltfilt's default pad length for `sos`. */
export function defaultPadlen(sos: Sos): number {
  const sections = sectionCount(sos);
  let zeroB2 = 0;
  let zeroA2 = 0;
  for (let s = 0; s < sections; s++) {
    if (sos[s * SOS_STRIDE + 2] === 0) zeroB2++;
    if (sos[s * SOS_STRIDE + 4] === 0) zeroA2++;
  }
  return 3 * (2 * sections + 1 - Math.min(zeroB2, zeroA2));
}

/**
 * Filters `x` (any unit) forward then backward through `sos`: zero phase, squared magnitude response, doubled
 * order. Edges, as in scipy.signal.sosfiltfilt (Gustafsson's method is not used):
 * 1. the input is extended at both ends by `padlen` samples of odd reflection about the end samples,
 *    2·x[0] − x[padlen…1] and 2·x[N−1] − x[N−2…N−1−padlen], which continues the local trend;
 * 2. each pass starts from the filter's steady state for its first sample (sosfilt_zi · first value), so a DC
 *    offset does not produce a start-up transient;
 * 3. the extension is cut off again.
 * Returns a new Float64Array of length x.length. Throws RangeError for non-finite input (mask or interpolate
 * missing samples first), when x is not longer than padlen, or if the result overflows.
 */
export function sosfiltfilt(sos: Sos, x: ArrayLike<number>, options: FiltfiltOptions = {}): Float64Array {
  const n = x.length;
  const padlen = options.padlen ?? defaultPadlen(sos);
  if (!Number.isInteger(padlen) || padlen < 0) throw new RangeError(`padlen must be a non-negative integer`);
  if (n <= padlen) throw new RangeError(`input length ${n} must be greater than padlen ${padlen}`);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(x[i])) throw new RangeError(`sosfiltfilt: sample ${i} is not finite`);
  }
  const total = n + 2 * padlen;
  const ext = new Float64Array(total);
  const first = x[0] as number;
  const last = x[n - 1] as number;
  for (let i = 0; i < padlen; i++) {
    ext[i] = 2 * first - (x[padlen - i] as number);
    ext[padlen + n + i] = 2 * last - (x[n - 2 - i] as number);
  }
  for (let i = 0; i < n; i++) ext[padlen + i] = x[i] as number;

  const cascade = new BiquadCascade(sos);
  cascade.primeSteadyState(ext[0] as number);
  cascade.process(ext, ext);
  ext.reverse();
  cascade.primeSteadyState(ext[0] as number);
  cascade.process(ext, ext);
  ext.reverse();

  const y = ext.slice(padlen, padlen + n);
  for (let i = 0; i < n; i++) {
    if (!Number.isFinite(y[i])) throw new RangeError('sosfiltfilt: result overflowed');
  }
  return y;
}
