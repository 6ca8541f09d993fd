/**
 * EEG frequency bands and band powers as Muse and Mind Monitor define them: absolute band power is the log10
 * of the PSD summed over the band's bins, relative band power a band's share of the sum over all bands.
 * Reference: Muse developer docs, "Absolute Band Powers" / "Relative Band Powers"; Mind Monitor's
 * technical manual (band edges below).
 */

export interface Band {
  readonly name: string;
  /** Lower edge, Hz, inclusive. */
  readonly lowHz: number;
  /** Upper edge, Hz, exclusive. */
  readonly highHz: number;
}

/**
 * Mind Monitor's bands, Hz: delta 1–4, theta 4–8, alpha 7.5–13, beta 13–30, gamma 30–44. Bins with
 * lowHz ≤ f < highHz belong to a band, so with 1 Hz bins (256 samples at 256 Hz) the five bands split
 * 1…43 Hz without sharing a bin (theta takes 4–7 Hz, alpha 8–12 Hz). With finer bins (0.5 Hz) the 7.5 Hz bin
 * is in both theta and alpha, as the definitions overlap, and its power counts in both.
 */
export const MIND_MONITOR_BANDS: readonly Band[] = Object.freeze([
  Object.freeze({ name: 'delta', lowHz: 1, highHz: 4 }),
  Object.freeze({ name: 'theta', lowHz: 4, highHz: 8 }),
  Object.freeze({ name: 'alpha', lowHz: 7.5, highHz: 13 }),
  Object.freeze({ name: 'beta', lowHz: 13, highHz: 30 }),
  Object.freeze({ name: 'gamma', lowHz: 30, highHz: 44 }),
]);

/**
 * Smallest band sum (µV²/Hz) taken into the log: an all-zero window reports −10 instead of −Infinity.
 * Real EEG band sums are many orders above it.
 */
export const BAND_POWER_FLOOR = 1e-10;

/** Per band, the half-open bin index range [start, end) of a spectrum's frequency grid. */
export interface BandBins {
  readonly start: Int32Array;
  readonly end: Int32Array;
}

/** Throws RangeError unless every band has finite edges (Hz) with 0 ≤ lowHz < highHz. */
export function validateBands(bands: readonly Band[]): void {
  if (bands.length === 0) throw new RangeError('at least one band is needed');
  for (const b of bands) {
    if (!(Number.isFinite(b.lowHz) && Number.isFinite(b.highHz) && b.lowHz >= 0 && b.lowHz < b.highHz)) {
      throw new RangeError(`band '${b.name}' must have 0 ≤ lowHz < highHz, got ${b.lowHz}–${b.highHz} Hz`);
    }
  }
}

/**
 * Bin ranges of each band on the ascending frequency grid `freqs` (Hz): bins with lowHz ≤ f < highHz.
 * A band narrower than the bin spacing may get no bin (start === end); its sum is then 0. Reference: the numpy
 * mask `(freqs >= low) & (freqs < high)` of tools/reference/make_dsp_fixtures.py.
 */
export function bandBinRanges(freqs: Float64Array, bands: readonly Band[]): BandBins {
  validateBands(bands);
  const start = new Int32Array(bands.length);
  const end = new Int32Array(bands.length);
  bands.forEach((b, i) => {
    let k = 0;
    while (k < freqs.length && (freqs[k] as number) < b.lowHz) k++;
    start[i] = k;
    while (k < freqs.length && (freqs[k] as number) < b.highHz) k++;
    end[i] = k;
  });
  return { start, end };
}

/**
 * Sums `psd` (µV²/Hz) over each band's bins into `out` (µV²/Hz, one value per band): the PSD summed, not
 * integrated (× bin width), as Muse defines band power; with 1 Hz bins the two coincide. Reference: Muse
 * developer docs, Absolute Band Powers.
 */
export function bandSumsInto(psd: Float64Array, bins: BandBins, out: Float64Array): void {
  for (let b = 0; b < bins.start.length; b++) {
    let sum = 0;
    const end = bins.end[b] as number;
    for (let k = bins.start[b] as number; k < end; k++) sum += psd[k] as number;
    out[b] = sum;
  }
}

/**
 * Absolute band power, log10 of a band sum (log10 µV²/Hz, the Muse/Mind Monitor unit), floored at
 * {@link BAND_POWER_FLOOR}. Non-finite sums give the floor too, so the result is always finite.
 */
export function absoluteBandPower(sum: number): number {
  return sum > BAND_POWER_FLOOR && sum < Infinity ? Math.log10(sum) : Math.log10(BAND_POWER_FLOOR);
}

/**
 * Relative band powers: each band sum over the total of all band sums (dimensionless, summing to 1 for
 * non-overlapping bands), written into `out`; all zeros when the total is 0 or not finite. Equals Muse's
 * 10^abs_b / Σ 10^abs (Muse developer docs, Relative Band Powers).
 */
export function relativeBandPowersInto(sums: Float64Array, out: Float64Array): void {
  let total = 0;
  for (let b = 0; b < sums.length; b++) total += sums[b] as number;
  const ok = total > 0 && total < Infinity;
  for (let b = 0; b < sums.length; b++) out[b] = ok ? (sums[b] as number) / total : 0;
}

export interface BandPowers {
  /** PSD summed over each band, µV²/Hz. */
  readonly sums: Float64Array;
  /** log10 of `sums`. */
  readonly absolute: Float64Array;
  /** Share of each band in the total over all bands. */
  readonly relative: Float64Array;
}

/**
 * Band powers of one spectrum (`freqs` Hz, `psd` µV²/Hz, e.g. from welch), for offline use; the live engine
 * uses the `…Into` functions on preallocated buffers. Reference: Muse developer docs (band power definitions),
 * checked against numpy sums of scipy.signal.welch output in tests/reference/band-power.test.ts.
 */
export function bandPowers(
  spectrum: { readonly freqs: Float64Array; readonly psd: Float64Array },
  bands: readonly Band[] = MIND_MONITOR_BANDS,
): BandPowers {
  const bins = bandBinRanges(spectrum.freqs, bands);
  const sums = new Float64Array(bands.length);
  bandSumsInto(spectrum.psd, bins, sums);
  const absolute = sums.map(absoluteBandPower);
  const relative = new Float64Array(bands.length);
  relativeBandPowersInto(sums, relative);
  return { sums, absolute, relative };
}
