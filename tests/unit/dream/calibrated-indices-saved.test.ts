import { describe, expect, it } from 'vitest';
import { CalibratedIndices } from '../../../src/dream/calibrated-indices.ts';
import { DreamModel } from '../../../src/dream/dream-model.ts';
import { synthFrames } from '../profiles/synth-frames.ts';

const calm = synthFrames({ segments: [{ state: 'calm', durationS: 120 }] }, 60, 11);

describe('calibrated indices with a saved baseline', () => {
  it('switches to a saved baseline mid-session and back to calibrating afresh', () => {
    const donor = new CalibratedIndices({ durationS: 10 });
    let i = 0;
    while (!donor.baseline) donor.indices(calm[i++]!);
    expect(donor.baselineOrigin).toBe('session');
    const saved = donor.baseline;

    const session = new CalibratedIndices({ durationS: 30 });
    for (let k = 0; k < 50; k++) expect(session.indices(calm[k]!).baselineOrigin).toBe('calibrating');
    expect(session.progress).toBeGreaterThan(0);
    expect(session.progress).toBeLessThan(1);

    session.useBaseline(saved);
    expect(session.progress).toBe(1);
    const withSaved = session.indices(calm[50]!);
    expect(withSaved).toMatchObject({ calibration: 1, baselineOrigin: 'saved' });
    // The same frame against the same baseline in a fresh instance: switching carries no state over.
    const fresh = new CalibratedIndices({ baseline: saved });
    expect(fresh.indices(calm[50]!)).toEqual(withSaved);

    session.useBaseline(null);
    expect(session.baseline).toBeNull();
    const again = session.indices(calm[51]!);
    expect(again.baselineOrigin).toBe('calibrating');
    expect(again.calibration, 'calibration restarts from zero').toBeLessThan(0.01);
  });

  it('the dream model says in its why when a saved baseline drives it', () => {
    const own = new DreamModel(256, { durationS: 5 });
    let last = own.update(calm[0]!);
    for (const f of calm.slice(1, 200)) last = own.update(f);
    expect(last.why.calm.calibration).toBe(1);
    expect(last.why.calm.savedBaseline, 'own baseline: no saved flag').toBeUndefined();

    const saved = new DreamModel(256, { baseline: own.calibrated.baseline! });
    expect(saved.update(calm[0]!).why.calm).toMatchObject({ calibration: 1, savedBaseline: 1 });
  });
});
