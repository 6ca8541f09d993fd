import { describe, expect, it } from 'vitest';
import { SessionController } from '../../../src/app/session-controller.ts';
import { KIOSK_POLICY } from '../../../src/safety/policy.ts';

const NIGHTMARE = { calm: 0, dread: 1, wonder: 0, glitch: 1 };

function tickFor(c: SessionController, seconds: number, fps = 60) {
  for (let i = 0; i < Math.round(seconds * fps); i++) c.tick(1 / fps);
}

describe('session controller safety wiring', () => {
  it('taking the headset off unplugs once; putting it back on waits for the sleeper to resume', () => {
    const c = new SessionController();
    c.forceDreamState(NIGHTMARE);
    tickFor(c, 5);
    expect(c.snapshot().sceneParams.dread).toBe(1);
    c.forceDreamState({ ...NIGHTMARE, presence: 0 });
    tickFor(c, 2);
    const off = c.snapshot();
    expect(off.safety).toMatchObject({
      unplugged: true,
      unplugCause: 'headset removed (no electrode contact)',
    });
    expect(off.sceneParams).toMatchObject({ calm: 1, dread: 0, motion: 0, unplugged: true });
    c.forceDreamState(NIGHTMARE);
    tickFor(c, 1);
    expect(c.snapshot().safety.unplugged).toBe(true);
    c.resume('resume button');
    tickFor(c, 1);
    const back = c.snapshot();
    expect(back.sceneParams.unplugged).toBe(false);
    // Resuming into the nightmare is itself slowed by the flash limit, and logged.
    expect(back.audit.map((e) => e.kind)).toEqual([
      'policy',
      'forced-state',
      'flash-limit',
      'unplug',
      'resume',
      'flash-limit',
    ]);
  });

  it('a forced state bypasses the model but never the governor, and is shown as forced with its why', () => {
    const c = new SessionController(KIOSK_POLICY);
    c.forceDreamState({ dread: 1, calm: 0 });
    c.tick(1 / 60);
    const s = c.snapshot();
    expect(s.forced).toBe(true);
    expect(s.dreamState.dread).toBe(1);
    expect(s.why?.dread).toEqual({ forcedByDebugConsole: 1 });
    expect(s.sceneParams.dread).toBeLessThan(0.01);
    tickFor(c, 5);
    expect(c.snapshot().sceneParams.dread).toBeCloseTo(0.7, 9);
    c.forceDreamState(null);
    expect(c.snapshot().forced).toBe(false);
    expect(
      c
        .snapshot()
        .audit.filter((e) => e.kind === 'forced-state')
        .map((e) => e.cause),
    ).toEqual(['dream model bypassed from the debug console', 'released']);
  });
});
