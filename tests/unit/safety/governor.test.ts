import { describe, expect, it } from 'vitest';
import { completeDreamState, type DreamState } from '../../../src/dream/dream-state.ts';
import { countFlashes, generalTransitions } from '../../../src/safety/flash-count.ts';
import { SafetyGovernor } from '../../../src/safety/governor.ts';
import { KIOSK_POLICY, parsePolicy } from '../../../src/safety/policy.ts';

const NIGHTMARE = completeDreamState({ calm: 0, dread: 1, wonder: 0, glitch: 0 });
const CALM = completeDreamState({});

function runFor(g: SafetyGovernor, state: DreamState, seconds: number, fps = 30) {
  for (let i = 0; i < Math.round(seconds * fps); i++) g.update(state, 1 / fps);
  return g.current;
}

describe('safety governor', () => {
  it('caps nightmares by policy and logs the cap once per episode', () => {
    const g = new SafetyGovernor(KIOSK_POLICY);
    const p = runFor(g, completeDreamState({ calm: 0, dread: 0.65 }), 5);
    expect(p.dread).toBeCloseTo(0.65, 6);
    const capped = runFor(g, NIGHTMARE, 5);
    expect(capped.dread).toBeCloseTo(0.7, 9);
    expect(g.audit.count('nightmare-cap')).toBe(1);
    runFor(g, CALM, 2);
    runFor(g, NIGHTMARE, 1);
    expect(g.audit.count('nightmare-cap')).toBe(2);
    expect(g.audit.entries().find((e) => e.kind === 'nightmare-cap')?.cause).toBe(
      'model dread 1.00 capped at 0.70',
    );
  });

  it('a lower cap that comes into force while unplugged holds at once', () => {
    // Found by the property test (tests/property/governor.test.ts, seed 1533457348): the unplug fade ignored
    // the cap, so dread stayed above a kiosk policy's 0.7 until the fade brought it down.
    const g = new SafetyGovernor(parsePolicy({ nightmareCap: 1 }));
    expect(runFor(g, NIGHTMARE, 5).dread).toBeGreaterThan(0.99);
    g.unplug('test');
    g.setPolicy(KIOSK_POLICY);
    expect(g.update(NIGHTMARE, 0).dread).toBeLessThanOrEqual(0.7);
    expect(g.update(NIGHTMARE, 1 / 60).dread).toBeLessThanOrEqual(0.7);
    expect(g.current.unplugged).toBe(true);
  });

  it('sustained distress starts a logged de-escalation that glides to calm, and ends once dread settles', () => {
    const g = new SafetyGovernor(parsePolicy({ distress: { threshold: 0.8, durationS: 20 } }));
    runFor(g, NIGHTMARE, 19.5);
    expect(g.status().deEscalating).toBe(false);
    expect(g.current.dread).toBeGreaterThan(0.99);
    runFor(g, NIGHTMARE, 1);
    expect(g.status().deEscalating).toBe(true);
    expect(g.audit.count('de-escalation-start')).toBe(1);
    // Gradual: after 5 s of the 20 s return, dread has come down by about a quarter, not all at once.
    const partway = runFor(g, NIGHTMARE, 5);
    expect(partway.dread).toBeGreaterThan(0.6);
    expect(partway.dread).toBeLessThan(0.85);
    const back = runFor(g, NIGHTMARE, 16);
    expect(back.dread).toBe(0);
    expect(back.calm).toBe(1);
    expect(g.status().deEscalating).toBe(true);
    runFor(g, CALM, 11);
    expect(g.status().deEscalating).toBe(false);
    expect(g.audit.count('de-escalation-end')).toBe(1);
  });

  it('honours prefers-reduced-motion under the system setting, and the policy over it', () => {
    const g = new SafetyGovernor();
    runFor(g, NIGHTMARE, 5);
    expect(g.current.motion).toBeGreaterThan(0.5);
    g.setSystemReducedMotion(true);
    const reduced = runFor(g, NIGHTMARE, 5);
    expect(reduced.reducedMotion).toBe(true);
    expect(reduced.motion).toBeLessThanOrEqual(0.2 + 1e-9);
    g.setPolicy(parsePolicy({ reducedMotion: 'never' }), 'operator');
    expect(runFor(g, NIGHTMARE, 0.1).reducedMotion).toBe(false);
    const kinds = g.audit.entries().map((e) => e.kind);
    expect(kinds).toEqual(['policy', 'flash-limit', 'reduced-motion', 'policy']);
  });

  it('unplug fades to calm neutral and stops motion, and resumes from there when asked', () => {
    const g = new SafetyGovernor();
    runFor(g, NIGHTMARE, 10);
    g.unplug('Esc key');
    const p = runFor(g, NIGHTMARE, 1.5, 60);
    expect(p).toMatchObject({ calm: 1, dread: 0, wonder: 0, glitch: 0, motion: 0, unplugged: true });
    g.resume('resume button');
    expect(runFor(g, NIGHTMARE, 0.1).unplugged).toBe(false);
    expect(g.audit.entries().map((e) => `${e.kind}: ${e.cause}`)).toContain('unplug: Esc key');
  });
});

describe('WCAG flash counting', () => {
  it('counts opposing 10% luminance swings with a dark end below 0.8 as flashes, pairs per second', () => {
    const fps = 60;
    const square = (hz: number, lo: number, hi: number) =>
      Array.from({ length: fps * 3 }, (_, i) => (Math.floor((i / fps) * hz * 2) % 2 === 0 ? hi : lo));
    expect(countFlashes(square(5, 0.2, 0.6), [], fps).maxGeneralFlashesPerSecond).toBe(5);
    expect(countFlashes(square(2, 0.2, 0.6), [], fps).maxGeneralFlashesPerSecond).toBe(2);
    expect(countFlashes(square(10, 0.2, 0.28), [], fps).maxGeneralFlashesPerSecond).toBe(0);
    expect(countFlashes(square(10, 0.85, 0.99), [], fps).maxGeneralFlashesPerSecond).toBe(0);
    expect(generalTransitions([0.1, 0.15, 0.2, 0.25, 0.3, 0.25, 0.2, 0.15])).toEqual([2, 6]);
    const red = square(1, 0.3, 0.9);
    expect(countFlashes([], red, fps).redFlashes).toBe(2);
    expect(countFlashes([], square(1, 0.3, 0.7), fps).redFlashes).toBe(0);
  });
});
