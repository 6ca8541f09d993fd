import { describe, expect, it } from 'vitest';
import {
  CalibrationStep,
  baselineRecordFrom,
  planSteps,
} from '../../../src/app/calibration/calibration-run.ts';
import { SessionController } from '../../../src/app/session-controller.ts';
import type { BaselineRecord } from '../../../src/profiles/baseline-record.ts';
import { ProfileStore, memoryStorage } from '../../../src/profiles/profile-store.ts';
import { virtualClock } from '../../../src/source/clock.ts';
import { createSynthSource } from '../../../src/source/synth-source.ts';
import { synthFrames } from './synth-frames.ts';

function demoRecord(): BaselineRecord {
  const frames = synthFrames({ segments: [{ state: 'calm', durationS: 60 }] }, 20);
  const step = new CalibrationStep(planSteps({ eyes: false, restS: 5 })[0]!);
  for (const f of frames) if (!step.done) step.add(f);
  return baselineRecordFrom([step.result()], {
    source: { kind: 'synth', label: 'Demo (synthesized EEG)' },
    channels: ['TP9', 'AF7', 'AF8', 'TP10'],
    sampleRate: 256,
    createdAt: new Date('2026-11-30T06:00:00Z'),
  });
}

/** Plays the demo as fast as it is taken and waits for `updates` dream updates. */
async function playDemo(controller: SessionController, updates: number) {
  const session = controller.play(createSynthSource({ seed: 7, clock: virtualClock(), durationS: 120 }));
  const seen: Record<string, number>[] = [];
  const sub = session.dream$.subscribe((d) => d.why && seen.push({ ...d.why.calm }));
  while (seen.length < updates) await new Promise((r) => setTimeout(r, 5));
  sub.unsubscribe();
  return { session, seen };
}

describe('the session controller and profiles', () => {
  it('starts sessions from the active profile’s baseline, follows selection, and forgets deleted profiles', async () => {
    const store = new ProfileStore(memoryStorage());
    const ana = store.create('Ana');
    const record = demoRecord();
    const controller = new SessionController(undefined, store);

    const own = await playDemo(controller, 20);
    expect(own.seen.every((w) => (w.calibration ?? 1) < 1)).toBe(true);
    expect(controller.snapshot().calibration).toMatchObject({
      origin: 'calibrating',
      profile: null,
      saved: null,
    });

    controller.saveCalibration(ana.id, record);
    let snap = controller.snapshot().calibration;
    expect(snap).toMatchObject({ origin: 'saved', profile: { id: ana.id, name: 'Ana' } });
    expect(snap.saved).toEqual({
      profile: 'Ana',
      createdAt: record.createdAt,
      durationS: record.baseline.durationS,
      steps: ['rest'],
      alphaReactivity: null,
    });

    // A new session starts on it: no calibration phase from the first update.
    const next = await playDemo(controller, 20);
    expect(next.seen.slice(0, 20).map((w) => [w.calibration, w.savedBaseline])).toEqual(
      Array(20).fill([1, 1]),
    );
    expect(next.session.calibration.baseline).toEqual(record.baseline);

    controller.selectProfile(null);
    expect(controller.snapshot().calibration.origin).toBe('calibrating');
    controller.selectProfile(ana.id);
    expect(controller.snapshot().calibration.origin).toBe('saved');

    store.delete(ana.id);
    snap = controller.snapshot().calibration;
    expect(snap).toMatchObject({ origin: 'calibrating', profile: null, saved: null });
    controller.session?.stop();
  });

  it('a damaged saved baseline is said in plain words and the session calibrates', async () => {
    const storage = memoryStorage();
    const store = new ProfileStore(storage);
    const ana = store.create('Ana');
    store.saveBaseline(ana.id, demoRecord());
    store.select(ana.id);
    const key = `neurosleep.profiles.p.${ana.id}`;
    const raw = JSON.parse(storage.getItem(key)!);
    raw.baselines['demo:TP9,AF7,AF8,TP10'].version = 7;
    storage.setItem(key, JSON.stringify(raw));
    store.refresh();

    const controller = new SessionController(undefined, store);
    const { seen } = await playDemo(controller, 5);
    expect(seen.every((w) => (w.calibration ?? 1) < 1)).toBe(true);
    const problem =
      "profile 'Ana', baseline for demo:TP9,AF7,AF8,TP10: version: expected 1 (this app's baseline format), found 7; calibrating afresh instead";
    expect(controller.loadError$.value).toBe(problem);
    expect(controller.snapshot().calibration).toMatchObject({ origin: 'calibrating', problem });
    controller.session?.stop();
  });
});
