/**
 * Issue 4, feedback latency: step in alpha amplitude at the source → relaxation index crossing half its change,
 * and false flips per minute on steady signals (see bench/feedback-latency.ts), for Muse's window and for the
 * feedback window (dsp/feedback-window.ts), each read through the feedback switch (dsp/feedback-switch.ts). Signal time, so the figures do not depend on machine load.
 */
import { feedbackEngineOptions } from '../dsp/feedback-window.ts';
import { measureFeedbackLatency } from './feedback-latency.ts';
import { report } from './synth-data.ts';

const seeds = [1, 2, 3];
for (const [name, shape] of [
  ['feedback_latency_muse_window', {}],
  ['feedback_latency_feedback_window', feedbackEngineOptions(256)],
] as const) {
  const r = measureFeedbackLatency(shape, seeds);
  report({
    name,
    median_ms: Math.round(r.medianMs),
    p90_ms: Math.round(r.p90Ms),
    max_ms: Math.round(r.maxMs),
    steps: r.steps,
    bare_index_median_ms: Math.round(r.rawMedianMs),
    false_flips_per_min: +r.flipsPerMin.toFixed(3),
    half_crossings_per_min: +r.crossingsPerMin.toFixed(3),
    index_low: +r.low.toFixed(3),
    index_high: +r.high.toFixed(3),
  });
}
