import { describe, expect, it } from 'vitest';
import { feedbackEngineOptions } from '../../../dsp/feedback-window.ts';
import { measureFeedbackLatency, type LatencyResult } from '../../../bench/feedback-latency.ts';

const show = (name: string, r: LatencyResult) =>
  console.log(
    `latency: ${name}: step → half change median ${r.medianMs.toFixed(0)} ms (p90 ${r.p90Ms.toFixed(0)}, ` +
      `max ${r.maxMs.toFixed(0)}, ${r.steps} steps), false flips ${r.flipsPerMin.toFixed(2)}/min with 10 % ` +
      `hysteresis (${r.crossingsPerMin.toFixed(2)}/min raw half-way crossings), index ${r.low.toFixed(2)} → ${r.high.toFixed(2)}`,
  );

describe('relaxation feedback latency (signal time, deterministic)', () => {
  it('Muse’s 256-sample Hamming window at 10/s lags about half a second', () => {
    const r = measureFeedbackLatency({});
    show('Muse window (256 Hamming, 10/s)', r);
    expect(r.medianMs).toBeGreaterThan(400);
    expect(r.high - r.low).toBeGreaterThan(0.3);
  });

  it('the feedback window follows a step in about 250 ms with almost no false flips', () => {
    const r = measureFeedbackLatency(feedbackEngineOptions(256));
    show('feedback window (192 asymmetric Hann, 32/s)', r);
    expect(r.medianMs).toBeLessThanOrEqual(250);
    expect(r.p90Ms).toBeLessThan(400);
    expect(r.flipsPerMin).toBeLessThanOrEqual(0.1);
    expect(r.high - r.low).toBeGreaterThan(0.3);
  });
});
