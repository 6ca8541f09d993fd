import { describe, expect, it } from 'vitest';
import { feedbackEngineOptions } from '../../../dsp/feedback-window.ts';
import { measureFeedbackLatency, type LatencyResult } from '../../../bench/feedback-latency.ts';

const show = (name: string, r: LatencyResult) =>
  console.log(
    `latency: ${name}: step → feedback switch median ${r.medianMs.toFixed(0)} ms (p90 ${r.p90Ms.toFixed(0)}, ` +
      `max ${r.maxMs.toFixed(0)}, ${r.steps} steps; bare index half-way ${r.rawMedianMs.toFixed(0)} ms), ` +
      `false flips ${r.flipsPerMin.toFixed(2)}/min (${r.crossingsPerMin.toFixed(2)}/min bare half-way ` +
      `crossings), index ${r.low.toFixed(2)} → ${r.high.toFixed(2)}`,
  );

describe('relaxation feedback latency (signal time, deterministic)', () => {
  it('Muse’s 256-sample Hamming window at 10/s lags about half a second', () => {
    const r = measureFeedbackLatency({});
    show('Muse window (256 Hamming, 10/s)', r);
    expect(r.rawMedianMs).toBeGreaterThan(400);
    expect(r.medianMs).toBeGreaterThan(400);
    expect(r.high - r.low).toBeGreaterThan(0.3);
  });

  it('the feedback window and switch follow a step within 250 ms with no false flips', () => {
    const r = measureFeedbackLatency(feedbackEngineOptions(256));
    show('feedback window (128 asymmetric Hann, 64/s) + switch (20 % hysteresis)', r);
    expect(r.medianMs).toBeLessThanOrEqual(250);
    expect(r.rawMedianMs).toBeLessThanOrEqual(r.medianMs);
    expect(r.p90Ms).toBeLessThan(400);
    expect(r.flipsPerMin).toBe(0);
    // The bare index does wander across half way on a steady signal: the switch is what removes the flips.
    expect(r.crossingsPerMin).toBeGreaterThan(0);
    expect(r.high - r.low).toBeGreaterThan(0.3);
  });
});
