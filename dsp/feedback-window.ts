/**
 * Band-power settings for low-latency neurofeedback. Muse/Mind Monitor's symmetric 256-sample window centres
 * its estimate 0.5 s in the past, so after a step the index crosses half its change about 0.5 s late (measured
 * in tests/unit/dsp/feedback-latency.test.ts). An asymmetric window, a long Hann rise and a short Hann fall,
 * puts its weight near the newest samples, so the bare index crosses half a step in about 0.19 s. The short
 * window is noisier, which the feedback switch (dsp/feedback-switch.ts: hysteresis 20 % of the step) absorbs:
 * the switch turns a median 234 ms after a step, with no false flips in 100 min of steady signal
 * (bench/feedback-latency.ts). Measured alternatives: 192 samples at 32/s turn the switch in
 * 281–313 ms for no false flips; 256 samples in 330–345 ms. 64 updates/s rather than 32 halve the
 * quantization of the latency (15.6 ms steps). The short fall widens the spectral main lobe a little, which
 * 1 Hz-wide bands tolerate. Reference: F. J. Harris, "On the use of windows
 * for harmonic analysis with the discrete Fourier transform", Proc. IEEE 66(1), 1978 (window trade-offs);
 * asymmetric analysis windows as in low-delay speech/audio coding, e.g. ITU-T G.729 (LPC analysis window:
 * half Hamming rise, quarter cosine fall).
 */
import type { BandPowerEngineOptions } from './band-power-engine.ts';

/**
 * Asymmetric window of `n` samples (oldest first): sin² rise over n − fall samples, cos² fall over the last
 * `fall` samples (dimensionless, peak 1 at the joint).
 */
export function asymmetricHannWindow(n: number, fall: number): Float64Array {
  if (!Number.isInteger(n) || !Number.isInteger(fall) || fall < 1 || fall >= n) {
    throw new RangeError(`asymmetric window needs integers 1 ≤ fall < n, got n = ${n}, fall = ${fall}`);
  }
  const rise = n - fall;
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    w[i] =
      i < rise
        ? Math.sin((Math.PI / 2) * ((i + 0.5) / rise)) ** 2
        : Math.cos((Math.PI / 2) * ((i - rise + 0.5) / fall)) ** 2;
  }
  return w;
}

/** Window length (samples at 256 Hz) and fall of the feedback window, and its update rate (per s). */
export const FEEDBACK_WINDOW_SAMPLES = 128;
export const FEEDBACK_WINDOW_FALL = 16;
export const FEEDBACK_UPDATE_HZ = 64;

/**
 * BandPowerEngine options for feedback at `sampleRate` Hz: the asymmetric window scaled to the same duration
 * (0.5 s), zero-padded to 1 Hz bins (nfft = sampleRate rounded up to a power of two), and 64 updates/s. Spread them under your own options: `{ ...feedbackEngineOptions(fs), channels }`.
 */
export function feedbackEngineOptions(
  sampleRate: number,
): Pick<BandPowerEngineOptions, 'windowSamples' | 'updateHz' | 'window' | 'nfft'> {
  const n = Math.max(8, Math.round((FEEDBACK_WINDOW_SAMPLES * sampleRate) / 256));
  const fall = Math.max(1, Math.round((FEEDBACK_WINDOW_FALL * n) / FEEDBACK_WINDOW_SAMPLES));
  return {
    windowSamples: n,
    updateHz: Math.min(FEEDBACK_UPDATE_HZ, sampleRate),
    window: asymmetricHannWindow(n, fall),
    // Zero-padded to 1 s rounded up to a power of two: the fast FFT path, and 1 Hz bins at 256 Hz like Muse's.
    nfft: 2 ** Math.ceil(Math.log2(Math.max(n, sampleRate))),
  };
}
