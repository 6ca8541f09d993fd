import { describe, expect, it } from 'vitest';
import { FeedbackSwitch } from '../../../dsp/feedback-switch.ts';

const run = (sw: FeedbackSwitch, xs: number[]) => xs.map((x) => (sw.update(x), sw.state));

describe('FeedbackSwitch (hysteresis + dwell)', () => {
  it('turns on above threshold + hysteresis and off below threshold − hysteresis, not in between', () => {
    const sw = new FeedbackSwitch({ threshold: 0.5, hysteresis: 0.1, dwell: 1 });
    expect(run(sw, [0.55, 0.59, 0.61, 0.45, 0.41, 0.39, 0.5, 0.6])).toEqual([
      false,
      false,
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
  });

  it('needs `dwell` consecutive updates beyond the band; one spike or a NaN restarts the count', () => {
    const sw = new FeedbackSwitch({ threshold: 0, hysteresis: 1, dwell: 3 });
    expect(run(sw, [2, 2, 0, 2, 2, NaN, 2, 2, 2])).toEqual([
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(sw.update(-2)).toBe(false);
    expect(sw.update(-2)).toBe(false);
    expect(sw.update(-2)).toBe(true);
    expect(sw.state).toBe(false);
  });

  it('starts in the given state and rejects bad settings with a clear error', () => {
    expect(new FeedbackSwitch({ threshold: 0, hysteresis: 0, initial: true }).state).toBe(true);
    expect(() => new FeedbackSwitch({ threshold: NaN, hysteresis: 0 })).toThrow(/threshold must be finite/);
    expect(() => new FeedbackSwitch({ threshold: 0, hysteresis: -1 })).toThrow(/hysteresis must be/);
    expect(() => new FeedbackSwitch({ threshold: 0, hysteresis: 0, dwell: 0 })).toThrow(/dwell must be/);
  });
});
