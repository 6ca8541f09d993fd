/** The kiosk's unattended loop: what it keeps (nothing from the attract loop) and its sped-up debug clock. */
import { Subject } from 'rxjs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { KioskSession } from '../../../src/app/kiosk/kiosk-session.ts';
import { SessionController } from '../../../src/app/session-controller.ts';
import type { EegSource, SourceEvent, SourceStatus } from '../../../src/source/types.ts';

function manualSource(label: string) {
  const events = new Subject<SourceEvent>();
  const source: EegSource = {
    info: { kind: 'synth', label, channels: ['TP9', 'AF7', 'AF8', 'TP10'], sampleRate: 256, hasRawEeg: true },
    events$: events,
    status$: new Subject<SourceStatus>(),
    stop: () => events.complete(),
  };
  return { source, events };
}

const kiosks: KioskSession[] = [];
afterEach(() => {
  for (const k of kiosks.splice(0)) k.dispose();
});

/** A controller whose demo is a source the test drives; returns the latest demo's event subject. */
function setUp(sessionLimitS = 600) {
  const controller = new SessionController();
  let latest = manualSource('demo 0');
  let n = 0;
  controller.startDemo = () => {
    latest = manualSource(`demo ${++n}`);
    return controller.play(latest.source);
  };
  controller.startDemo();
  const kiosk = new KioskSession(
    controller,
    { sessionLimitS, removedResetS: 5, source: 'demo' },
    new URLSearchParams(),
  );
  kiosks.push(kiosk);
  const mark = (label: string) => latest.events.next({ kind: 'marker', t: 1, label });
  const markers = () => controller.recording?.record().markers.map((m) => m.label);
  return { controller, kiosk, mark, markers };
}

describe('KioskSession', () => {
  it('keeps no record of the attract loop, and records each visitor session', async () => {
    const { kiosk, mark, markers } = setUp();
    mark('attract, before the kiosk started watching');
    expect(markers()).toEqual([]);
    await kiosk.begin();
    mark('visitor');
    expect(markers()).toEqual(['visitor']);
    kiosk.reset('the headset was taken off');
    expect(kiosk.phase$.value).toBe('attract');
    mark('attract again');
    expect(markers()).toEqual([]);
  });

  it('dispose lets go of the controller; a shell mounted again watches again', () => {
    const { controller, kiosk, mark, markers } = setUp();
    kiosk.dispose();
    controller.startDemo();
    mark('unwatched');
    expect(markers()).toEqual(['unwatched']);
    kiosk.watch();
    controller.startDemo();
    mark('watched');
    expect(markers()).toEqual([]);
  });

  it("empties the browser's user-timing buffer every minute while it runs, and stops when disposed", () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      performance.measure('Update', { start: 0, end: 1 });
      const { kiosk } = setUp();
      expect(performance.getEntriesByType('measure')).toHaveLength(1);
      vi.advanceTimersByTime(60_000);
      expect(performance.getEntriesByType('measure')).toHaveLength(0);
      kiosk.dispose();
      performance.measure('Update', { start: 0, end: 1 });
      vi.advanceTimersByTime(120_000);
      expect(performance.getEntriesByType('measure')).toHaveLength(1);
      performance.clearMeasures();
    } finally {
      vi.useRealTimers();
    }
  });

  it('runs its session limit on the sped-up debug clock', async () => {
    const { controller, kiosk } = setUp(60);
    controller.speed = 200; // 60 s of kiosk time in 0.3 s
    await kiosk.begin();
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const sub = kiosk.phase$.subscribe((p) => {
        if (p === 'attract' && kiosk.resets > 0) {
          sub.unsubscribe();
          resolve();
        }
      });
    });
    const tookS = (performance.now() - started) / 1000;
    expect(kiosk.lastReset$.value).toBe('the session time limit was reached');
    expect(tookS).toBeGreaterThanOrEqual(0.29);
    expect(tookS).toBeLessThan(5);
  });
});
