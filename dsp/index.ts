/** dsp/: pure signal processing on typed arrays (µV in, µV²/Hz and log10 band powers out). */
export * from './biquad.ts';
export * from './filter-design.ts';
export * from './filtfilt.ts';
export * from './windows.ts';
export * from './real-fft.ts';
export * from './welch.ts';
export * from './bands.ts';
export * from './signal-quality.ts';
export * from './band-power-engine.ts';
export * from './artifacts.ts';
export * from './indices.ts';
export * from './feedback-window.ts';
export * from './feedback-switch.ts';
export * from './flagged-band-powers.ts';
export * from './mains-detect.ts';
export * from './motion.ts';
export * from './motion-spans.ts';
