import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { DreamState } from '../../src/dream/dream-state.ts';
import { countFlashes, MAX_GENERAL_FLASHES_PER_S } from '../../src/safety/flash-count.ts';
import {
  BRIGHTNESS_RANGE,
  MAX_BRIGHTNESS_SLEW_PER_S,
  MAX_DIMENSION_SLEW_PER_S,
  NEUTRAL_BRIGHTNESS,
  SafetyGovernor,
  UNPLUG_FADE_S,
  UNPLUG_SLEW_PER_S,
} from '../../src/safety/governor.ts';
import { HOME_POLICY, KIOSK_POLICY, parsePolicy } from '../../src/safety/policy.ts';

const anyNumber = fc.oneof(
  fc.double({ noNaN: false }),
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, 1, 2),
);
const dreamState = fc.record({
  calm: anyNumber,
  dread: anyNumber,
  wonder: anyNumber,
  drowsiness: anyNumber,
  glitch: anyNumber,
  presence: anyNumber,
});
const action = fc.constantFrom('none', 'none', 'none', 'none', 'unplug', 'resume', 'kiosk', 'home', 'reduce');
const step = fc.record({
  state: dreamState,
  dtS: fc.oneof(fc.double({ min: 0, max: 0.2, noNaN: true }), anyNumber),
  action,
});
const KEYS = ['calm', 'dread', 'wonder', 'glitch', 'motion'] as const;
const eps = 1e-9;

describe('safety governor (property)', () => {
  it('over arbitrary DreamState sequences, unplugs and policy changes, no output ever breaks a limit', () => {
    fc.assert(
      fc.property(
        fc.array(step, { maxLength: 200 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, cap) => {
          const g = new SafetyGovernor(parsePolicy({ nightmareCap: cap }));
          let prev = g.current;
          for (const { state, dtS, action } of steps) {
            if (action === 'unplug') g.unplug('test');
            if (action === 'resume') g.resume('test');
            if (action === 'kiosk') g.setPolicy(KIOSK_POLICY);
            if (action === 'home') g.setPolicy(HOME_POLICY);
            if (action === 'reduce') g.setSystemReducedMotion(!g.status().systemPrefersReducedMotion);
            const next = g.update(state as DreamState, dtS);
            const dt = Number.isFinite(dtS) ? Math.max(0, Math.min(1, dtS)) : 0;
            expect(Math.abs(next.brightness - prev.brightness)).toBeLessThanOrEqual(
              MAX_BRIGHTNESS_SLEW_PER_S * dt + eps,
            );
            for (const k of KEYS) {
              expect(Number.isFinite(next[k])).toBe(true);
              expect(next[k]).toBeGreaterThanOrEqual(0);
              expect(next[k]).toBeLessThanOrEqual(1);
              // Dread may drop at once when a lower cap comes into force; nothing else may step.
              if (k !== 'dread') {
                const limit = next.unplugged ? UNPLUG_SLEW_PER_S : MAX_DIMENSION_SLEW_PER_S;
                expect(Math.abs(next[k] - prev[k])).toBeLessThanOrEqual(limit * dt + eps);
              } else expect(next.dread - prev.dread).toBeLessThanOrEqual(MAX_DIMENSION_SLEW_PER_S * dt + eps);
            }
            expect(next.dread).toBeLessThanOrEqual(g.currentPolicy.nightmareCap + eps);
            expect(next.brightness).toBeGreaterThanOrEqual(
              Math.min(prev.brightness, BRIGHTNESS_RANGE[0]) - eps,
            );
            expect(next.brightness).toBeLessThanOrEqual(Math.max(prev.brightness, BRIGHTNESS_RANGE[1]) + eps);
            prev = next;
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('from any state, unplug reaches the calm neutral form with no motion within the fade time', () => {
    fc.assert(
      fc.property(
        fc.array(dreamState, { minLength: 1, maxLength: 100 }),
        fc.integer({ min: 20, max: 144 }),
        (states, fps) => {
          const g = new SafetyGovernor();
          for (const s of states) g.update(s as DreamState, 1 / 10);
          g.unplug('test');
          const frames = Math.ceil(UNPLUG_FADE_S * fps);
          let p = g.current;
          for (let i = 0; i < frames; i++) p = g.update(states[i % states.length] as DreamState, 1 / fps);
          expect(p).toMatchObject({ calm: 1, dread: 0, wonder: 0, glitch: 0, motion: 0, unplugged: true });
          expect(p.brightness).toBeCloseTo(NEUTRAL_BRIGHTNESS, 9);
          expect(g.audit.count('unplug')).toBe(1);
        },
      ),
      { numRuns: 200 },
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
          ? { calm: 0, dread: 1, wonder: 0, drowsiness: 0, glitch: 1, presence: 1 }
          : { calm: 1, dread: 0, wonder: 1, drowsiness: 0, glitch: 0, presence: 1 };
        samples.push(g.update(state, 1 / fps).brightness);
      }
      const count = countFlashes(samples, [], fps);
      expect(count.maxGeneralFlashesPerSecond, `${hz} Hz square wave`).toBeLessThanOrEqual(
        MAX_GENERAL_FLASHES_PER_S,
      );
    }
  });
});
