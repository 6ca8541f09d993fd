/** The typed arrow between the DSP (or a recording's own band powers) and the dream model. */

export const DEFAULT_BAND_NAMES = ['delta', 'theta', 'alpha', 'beta', 'gamma'] as const;

/** Band powers at one update, owned by the receiver (never reused). */
export interface BandPowerFrame {
  /** s since session start (the end of the analysis window). */
  readonly t: number;
  /** 'dsp' when computed from raw EEG, 'recording' when replayed from a file's own band-power columns. */
  readonly origin: 'dsp' | 'recording';
  readonly bands: readonly string[];
  readonly channels: readonly string[];
  /** log10 of the PSD summed over each band, band-major `[b * channels + c]`. */
  readonly absolute: Float64Array;
  /** Share of each band in the total over all bands, band-major. */
  readonly relative: Float64Array;
  /** Per band, averaged over valid channels. */
  readonly meanAbsolute: Float64Array;
  readonly meanRelative: Float64Array;
  /** Per channel: 1 when the window was complete (no gap, no missing samples). */
  readonly valid: Uint8Array;
  /** Per channel, Muse horseshoe style: 1 good, 2 ok, 4 bad. */
  readonly quality: Uint8Array;
  /**
   * true when the window overlaps a blink or jaw clench detected in the EEG, or a head movement in the source's
   * accelerometer when it has one (dsp/flagged-band-powers.ts): the indices exclude the update. A gap or missing
   * sample is flagged per channel by `valid` instead. Absent (false) for a recording's own band powers, which
   * carry no raw signal to detect artifacts in.
   */
  readonly artifact?: boolean;
}

export function bandIndex(frame: Pick<BandPowerFrame, 'bands'>, name: string): number {
  return frame.bands.indexOf(name);
}

/**
 * Turns a recording's absolute log10 band powers into a frame. Relative powers are the share of 10^absolute
 * (the device's own definition inverted), so a replayed file drives the dream model like live DSP does.
 * Channels whose values are missing are marked invalid and bad.
 */
export function frameFromRecordedBandPowers(
  t: number,
  bands: readonly string[],
  channels: readonly string[],
  absolute: Float32Array,
): BandPowerFrame {
  const nb = bands.length;
  const nc = channels.length;
  const abs = new Float64Array(nb * nc);
  const rel = new Float64Array(nb * nc);
  const valid = new Uint8Array(nc);
  const quality = new Uint8Array(nc).fill(4);
  for (let c = 0; c < nc; c++) {
    let total = 0;
    let ok = true;
    for (let b = 0; b < nb; b++) {
      const v = absolute[b * nc + c] ?? NaN;
      // Mind Monitor writes exact 0 for every band of an electrode it has no contact on.
      if (!Number.isFinite(v)) ok = false;
      else total += 10 ** v;
    }
    let allZero = true;
    for (let b = 0; b < nb; b++) if ((absolute[b * nc + c] ?? 0) !== 0) allZero = false;
    if (!ok || allZero || total <= 0) continue;
    valid[c] = 1;
    quality[c] = 1;
    for (let b = 0; b < nb; b++) {
      const v = absolute[b * nc + c] ?? 0;
      abs[b * nc + c] = v;
      rel[b * nc + c] = 10 ** v / total;
    }
  }
  const { meanAbsolute, meanRelative } = channelMeans(abs, rel, valid, nb, nc);
  return {
    t,
    origin: 'recording',
    bands,
    channels,
    absolute: abs,
    relative: rel,
    meanAbsolute,
    meanRelative,
    valid,
    quality,
  };
}

export function channelMeans(
  absolute: Float64Array,
  relative: Float64Array,
  valid: Uint8Array,
  nb: number,
  nc: number,
): { meanAbsolute: Float64Array; meanRelative: Float64Array } {
  const meanAbsolute = new Float64Array(nb);
  const meanRelative = new Float64Array(nb);
  let n = 0;
  for (let c = 0; c < nc; c++) n += valid[c] ? 1 : 0;
  if (n === 0) return { meanAbsolute, meanRelative };
  for (let b = 0; b < nb; b++) {
    let a = 0;
    let r = 0;
    for (let c = 0; c < nc; c++) {
      if (!valid[c]) continue;
      a += absolute[b * nc + c] ?? 0;
      r += relative[b * nc + c] ?? 0;
    }
    meanAbsolute[b] = a / n;
    meanRelative[b] = r / n;
  }
  return { meanAbsolute, meanRelative };
}
