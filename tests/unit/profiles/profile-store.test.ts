import { describe, expect, it } from 'vitest';
import {
  CalibrationStep,
  baselineRecordFrom,
  planSteps,
} from '../../../src/app/calibration/calibration-run.ts';
import { DreamModel } from '../../../src/dream/dream-model.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';
import type { BaselineRecord } from '../../../src/profiles/baseline-record.ts';
import {
  ProfileError,
  ProfileStore,
  countProfiles,
  memoryStorage,
  type StorageLike,
} from '../../../src/profiles/profile-store.ts';
import { startingBaseline } from '../../../src/profiles/session-baseline.ts';
import { synthFrames } from './synth-frames.ts';

const MUSE_CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];
const MUSE = { kind: 'muse', channels: MUSE_CHANNELS };
const frames = synthFrames({ segments: [{ state: 'calm', durationS: 60 }] }, 30);

function record(): BaselineRecord {
  const step = new CalibrationStep(planSteps({ eyes: false, restS: 10 })[0]!);
  for (const f of frames) if (!step.done) step.add(f);
  expect(step.done).toBe(true);
  return baselineRecordFrom([step.result()], {
    source: { kind: 'muse', label: 'Muse S' },
    channels: MUSE_CHANNELS,
    sampleRate: 256,
    createdAt: new Date('2026-11-30T06:00:00Z'),
  });
}

function storedKeys(s: StorageLike): string[] {
  return Array.from({ length: s.length }, (_, i) => s.key(i) ?? '').sort();
}

describe('profile store', () => {
  it('creates, renames, selects and deletes profiles, and a new store reads them back', () => {
    const storage = memoryStorage();
    let t = Date.parse('2026-11-30T06:00:00Z');
    const store = new ProfileStore(storage, () => new Date((t += 1000)));
    const ana = store.create('  Ana  ');
    const ben = store.create('Ben');
    expect(ana.name).toBe('Ana');
    expect(store.state.profiles.map((p) => p.name)).toEqual(['Ana', 'Ben']);
    expect(storedKeys(storage).every((k) => k.startsWith('neurosleep.profiles'))).toBe(true);
    store.rename(ana.id, 'Ana M.');
    store.select(ben.id);
    expect(store.active?.name).toBe('Ben');

    const again = new ProfileStore(storage);
    expect(again.state.profiles.map((p) => p.name)).toEqual(['Ana M.', 'Ben']);
    expect(again.active?.id).toBe(ben.id);
    expect(again.state.problems).toEqual([]);

    store.delete(ben.id);
    expect(store.active).toBeNull();
    expect(store.state.profiles.map((p) => p.name)).toEqual(['Ana M.']);
    expect(countProfiles(storage)).toBe(1);
    expect(new ProfileStore(storage).state.activeId).toBeNull();
  });

  it('refuses empty, over-long and duplicate names, and unknown ids, saying why', () => {
    const store = new ProfileStore(memoryStorage());
    const ana = store.create('Ana');
    expect(() => store.create('   ')).toThrow(new ProfileError('a profile needs a name'));
    expect(() => store.create('x'.repeat(41))).toThrow('at most 40 characters, found 41');
    expect(() => store.create('ana')).toThrow("a profile named 'Ana' already exists");
    expect(() => store.rename(ana.id, 'ANA')).not.toThrow();
    expect(() => store.select('nope')).toThrow('no profile with id "nope"');
    expect(() => store.delete('nope')).toThrow('no profile with id "nope"');
  });

  it('keeps one baseline per channel set and starts sessions from the active profile’s', () => {
    const storage = memoryStorage();
    const store = new ProfileStore(storage);
    const ana = store.create('Ana');
    expect(startingBaseline(store, MUSE).baseline, 'no active profile: calibrate').toBeNull();
    store.select(ana.id);
    expect(startingBaseline(store, MUSE)).toMatchObject({ baseline: null, problem: null });
    const rec = record();
    store.saveBaseline(ana.id, rec);
    store.saveBaseline(ana.id, { ...rec, channels: ['O1', 'O2'] });
    const demo = { ...rec, source: { kind: 'synth', label: 'Demo' }, createdAt: '2026-11-30T07:00:00.000Z' };
    store.saveBaseline(ana.id, demo);
    expect(Object.keys(store.get(ana.id)!.baselines).sort()).toEqual([
      'O1,O2',
      'TP9,AF7,AF8,TP10',
      'demo:TP9,AF7,AF8,TP10',
    ]);
    // A baseline measured on the synthesized demo never drives a real headset, and the other way round.
    expect(startingBaseline(store, { kind: 'synth', channels: MUSE_CHANNELS }).record).toEqual(demo);
    expect(startingBaseline(store, MUSE).record).toEqual(rec);

    const reloaded = new ProfileStore(storage);
    const start = startingBaseline(reloaded, MUSE);
    expect(start.problem).toBeNull();
    expect(start.profile?.name).toBe('Ana');
    expect(start.baseline).toEqual(rec.baseline);
    expect(
      startingBaseline(reloaded, { kind: 'muse', channels: ['Fp1', 'Fp2'] }).baseline,
      'other channel set: calibrate',
    ).toBeNull();
  });

  it('a damaged saved baseline is reported and the session calibrates afresh', () => {
    const storage = memoryStorage();
    const store = new ProfileStore(storage);
    const ana = store.create('Ana');
    store.select(ana.id);
    store.saveBaseline(ana.id, record());
    const key = `neurosleep.profiles.p.${ana.id}`;
    const stored = JSON.parse(storage.getItem(key)!);
    stored.baselines['TP9,AF7,AF8,TP10'].baseline.mean.arousal = null;
    storage.setItem(key, JSON.stringify(stored));

    const start = startingBaseline(new ProfileStore(storage), MUSE);
    expect(start.baseline).toBeNull();
    expect(start.problem).toBe(
      "profile 'Ana', baseline for TP9,AF7,AF8,TP10: baseline.mean.arousal: expected a finite number, found null; calibrating afresh instead",
    );
    const model = new DreamModel(256, start.baseline ? { baseline: start.baseline } : {});
    let last;
    for (const f of frames.slice(0, 100)) last = model.update(f as BandPowerFrame);
    expect(last!.why.calm.calibration).toBeLessThan(1);
    expect(last!.why.calm.savedBaseline).toBeUndefined();
    expect(model.calibrated.baselineOrigin).toBe('calibrating');
  });

  it('reports unreadable profiles by key and leaves them in storage; the others still load', () => {
    const storage = memoryStorage();
    const store = new ProfileStore(storage);
    store.create('Ana');
    storage.setItem('neurosleep.profiles.p.broken', '{not json');
    storage.setItem(
      'neurosleep.profiles.p.old',
      JSON.stringify({ version: 0, id: 'old', name: 'Old', createdAt: '2020-01-01', baselines: {} }),
    );
    storage.setItem(
      'neurosleep.profiles.p.noname',
      JSON.stringify({ version: 1, id: 'noname', createdAt: '2020-01-01', baselines: {} }),
    );
    const s = new ProfileStore(storage).state;
    expect(s.profiles.map((p) => p.name)).toEqual(['Ana']);
    expect(s.problems).toEqual([
      'neurosleep.profiles.p.broken: expected JSON, found "{not json"',
      'neurosleep.profiles.p.noname: name: expected a non-empty name, found nothing',
      'neurosleep.profiles.p.old: version: expected 1, found 0',
    ]);
    expect(storage.getItem('neurosleep.profiles.p.broken'), 'nothing is thrown away').toBe('{not json');
  });

  it('says so when storage refuses a write', () => {
    const storage = memoryStorage();
    const store = new ProfileStore({
      ...storage,
      get length() {
        return storage.length;
      },
      key: (i) => storage.key(i),
      getItem: (k) => storage.getItem(k),
      removeItem: (k) => storage.removeItem(k),
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    });
    expect(() => store.create('Ana')).toThrow(
      "profile 'Ana' could not be saved: browser storage refused it (QuotaExceededError)",
    );
    expect(store.state.profiles).toEqual([]);
  });

  it('refuses to save a baseline that would not load back', () => {
    const store = new ProfileStore(memoryStorage());
    const ana = store.create('Ana');
    const rec = record();
    expect(() =>
      store.saveBaseline(ana.id, { ...rec, baseline: { ...rec.baseline, durationS: Infinity } }),
    ).toThrow("baseline for profile 'Ana': baseline.durationS: expected a finite number ≥ 0, found null");
    expect(store.get(ana.id)!.baselines).toEqual({});
  });
});
