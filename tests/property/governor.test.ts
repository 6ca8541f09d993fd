import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DreamState } from '../../src/dream/dream-state.ts';
import {
  BRIGHTNESS_RANGE,
  MAX_BRIGHTNESS_SLEW_PER_S,
  MAX_DIMENSION_SLEW_PER_S,
  SafetyGovernor,
} from '../../src/safety/governor.ts';

const anyNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1, 2),
);
const dreamState = fc.record({ calm: anyNumber, dread: anyNumber, wonder: anyNumber, glitch: anyNumber });
const step = fc.record({
  state: dreamState,
  dtS: fc.oneof(fc.double({ min: 0, max: 0.2, noNaN: true }), anyNumber),
});

describe('safety governor (property)', () => {
  it('never moves a parameter faster than its limit, never leaves [0,1], never exceeds the dread cap', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, maxDread) => {
          const g = new SafetyGovernor({ maxDread, reducedMotion: false });
          let prev = g.current;
          for (const { state, dtS } of steps) {
            const next = g.update(state as DreamState, dtS);
            const dt = Number.isFinite(dtS) ? Math.max(0, Math.min(1, dtS)) : 0;
            const eps = 1e-9;
            expect(Math.abs(next.brightness - prev.brightness)).toBeLessThanOrEqual(
              MAX_BRIGHTNESS_SLEW_PER_S * dt + eps,
            );
            for (const k of ['calm', 'dread', 'wonder', 'glitch', 'motion'] as const) {
              expect(Number.isFinite(next[k])).toBe(true);
              expect(next[k]).toBeGreaterThanOrEqual(0);
              expect(next[k]).toBeLessThanOrEqual(1);
              if (k !== 'dread') {
                expect(Math.abs(next[k] - prev[k])).toBeLessThanOrEqual(MAX_DIMENSION_SLEW_PER_S * dt + eps);
              }
            }
            expect(next.dread).toBeLessThanOrEqual(maxDread + eps);
            expect(next.brightness).toBeGreaterThanOrEqual(
              Math.min(prev.brightness, BRIGHTNESS_RANGE[0]) - eps,
            );
            prev = next;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a square wave between calm and nightmare at any rate gives at most 3 brightness flashes per second', () => {
    for (const hz of [1, 2, 3, 5, 8, 10, 15, 20, 30]) {
      const g = new SafetyGovernor();
      const fps = 60;
      const samples: number[] = [];
      for (let i = 0; i < fps * 10; i++) {
        const t = i / fps;
        const high = Math.floor(t * hz * 2) % 2 === 0;
        const state = high
          ? { calm: 0, dread: 1, wonder: 0, glitch: 1 }
          : { calm: 1, dread: 0, wonder: 1, glitch: 0 };
        samples.push(g.update(state, 1 / fps).brightness);
      }
      // WCAG-style count: a transition is a swing of at least 0.1 against the trend; a flash is a pair of them.
      const transitions: number[] = [];
      let extreme = samples[0] ?? 0;
      let trend = 0;
      samples.forEach((v, i) => {
        if (trend === 0 ? Math.abs(v - extreme) >= 0.1 : trend * (extreme - v) >= 0.1) {
          trend = Math.sign(v - extreme);
          transitions.push(i / fps);
          extreme = v;
        } else if (trend !== 0 && trend * (v - extreme) > 0) extreme = v;
      });
      let worst = 0;
      for (const s of transitions) {
        worst = Math.max(worst, Math.floor(transitions.filter((x) => x >= s && x < s + 1).length / 2));
      }
      expect(worst, `${hz} Hz square wave`).toBeLessThanOrEqual(3);
    }
  });
});
