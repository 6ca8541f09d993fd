import { describe, expect, it } from 'vitest';
import { emptyIndices, indexLayout, indexValuesInto, zScoresInto } from '../../../dsp/indices.ts';
import {
  CalibrationStep,
  baselineRecordFrom,
  planSteps,
  type StepResult,
} from '../../../src/app/calibration/calibration-run.ts';
import { DreamModel } from '../../../src/dream/dream-model.ts';
import type { BandPowerFrame } from '../../../src/pipeline/frames.ts';
import { parseBaselineRecord, type BaselineRecord } from '../../../src/profiles/baseline-record.ts';
import { synthFrames } from './synth-frames.ts';

const CALM = { segments: [{ state: 'calm' as const, durationS: 200 }] };
const META = {
  source: { kind: 'synth', label: 'Demo (synthesized EEG)' },
  channels: ['TP9', 'AF7', 'AF8', 'TP10'],
  sampleRate: 256,
  createdAt: new Date('2026-11-30T06:00:00Z'),
};

/** Feeds frames from `from` into the step until it is done; returns the index of the next unused frame. */
function runStep(step: CalibrationStep, frames: readonly BandPowerFrame[], from: number): number {
  let i = from;
  while (!step.done && i < frames.length) step.add(frames[i++] as BandPowerFrame);
  expect(step.done, `step ${step.plan.name} finished within the frames given`).toBe(true);
  return i;
}

const calmFrames = synthFrames(CALM, 110);

function restRecord(): { record: BaselineRecord; used: number } {
  const [plan] = planSteps({ eyes: false, restS: 30 });
  const step = new CalibrationStep(plan!);
  const used = runStep(step, calmFrames, 0);
  return { record: baselineRecordFrom([step.result()], META), used };
}

describe('baseline records', () => {
  it('a baseline from a calm timeline, saved and restored, gives the same z-scores and the same dream', () => {
    const { record, used } = restRecord();
    expect(record.baseline.durationS).toBeGreaterThanOrEqual(30);
    expect(record.steps).toEqual(['rest']);
    expect(record.eyes).toBeNull();
    const restored = parseBaselineRecord(JSON.parse(JSON.stringify(record)));
    expect(restored).toEqual(record);

    const layout = indexLayout(
      META.channels,
      ['delta', 'theta', 'alpha', 'beta', 'gamma'].map((name) => ({ name })),
    );
    const raw = emptyIndices();
    const zA = emptyIndices();
    const zB = emptyIndices();
    let compared = 0;
    for (const f of calmFrames.slice(used)) {
      if (!indexValuesInto(f, layout, false, raw.values, raw.valid)) continue;
      zScoresInto(raw.values, raw.valid, record.baseline, zA.values, zA.valid);
      zScoresInto(raw.values, raw.valid, restored.baseline, zB.values, zB.valid);
      expect(zB).toEqual(zA);
      compared++;
    }
    expect(compared).toBeGreaterThan(500);
    // On the same calm signal the z-scores centre on 0: the baseline describes it.
    expect(Math.abs(zA.values.relaxation)).toBeLessThan(3);

    const fresh = new DreamModel(256, { baseline: record.baseline });
    const reloaded = new DreamModel(256, { baseline: restored.baseline });
    for (const f of calmFrames.slice(used)) {
      const a = fresh.update(f);
      const b = reloaded.update(f);
      expect(b).toEqual(a);
      expect(b.why.calm.calibration, 'a saved baseline means no calibration phase').toBe(1);
      expect(b.why.calm.savedBaseline).toBe(1);
    }
  });

  it('the wizard step measures the same baseline the session collects by itself', () => {
    const { record } = restRecord();
    const model = new DreamModel(256, { durationS: 30 });
    for (const f of calmFrames) {
      model.update(f);
      if (model.calibrated.baseline) break;
    }
    const { label: _label, ...wizard } = record.baseline;
    expect(model.calibrated.baseline).toEqual(wizard);
    expect(model.calibrated.baselineOrigin).toBe('session');
  });

  it('eyes closed shows an alpha reactivity well above 1; the same state twice shows about 1', () => {
    const eyes = (open: 'neutral' | 'focused', closed: 'deep-relaxation' | 'neutral' | 'focused') => {
      const frames = synthFrames(
        {
          segments: [
            { state: open, durationS: 40 },
            { state: closed, durationS: 40 },
            { state: 'calm', durationS: 60 },
          ],
          crossfadeS: 2,
        },
        140,
      );
      const plan = planSteps({ eyes: true, eyesS: 20, restS: 20 });
      expect(plan.map((p) => p.name)).toEqual(['eyes-open', 'eyes-closed', 'rest']);
      const results: StepResult[] = [];
      let i = 50; // past the warm-up and into the first state
      for (const [k, p] of plan.entries()) {
        const step = new CalibrationStep(p);
        i = runStep(step, frames, k === 0 ? i : Math.max(i, [0, 450, 850][k]!));
        results.push(step.result());
      }
      return baselineRecordFrom(results, META);
    };
    const berger = eyes('neutral', 'deep-relaxation');
    expect(berger.steps).toEqual(['eyes-open', 'eyes-closed', 'rest']);
    console.log(`alpha reactivity, neutral → deep relaxation: ${berger.eyes?.alphaReactivity.toFixed(2)}`);
    expect(berger.eyes?.alphaReactivity).toBeGreaterThan(1.5);
    const flat = eyes('focused', 'focused');
    console.log(`alpha reactivity, focused → focused: ${flat.eyes?.alphaReactivity.toFixed(2)}`);
    expect(flat.eyes?.alphaReactivity).toBeGreaterThan(0.75);
    expect(flat.eyes?.alphaReactivity).toBeLessThan(1.3);
    expect(parseBaselineRecord(JSON.parse(JSON.stringify(berger)))).toEqual(berger);
  });

  it('rejects bad saved data with a message naming the field, expectation and finding', () => {
    const { record } = restRecord();
    type Loose = Record<string, unknown>;
    const json = () =>
      JSON.parse(JSON.stringify(record)) as Loose & { baseline: Loose & { mean: Loose; sd?: Loose } };
    const bad = (mutate: (r: ReturnType<typeof json>) => unknown) => {
      const r = json();
      const replaced = mutate(r);
      return () => parseBaselineRecord(replaced === undefined ? r : replaced, "profile 'Ana'");
    };
    expect(bad((r) => void (r.version = 2))).toThrow(
      "profile 'Ana': version: expected 1 (this app's baseline format), found 2",
    );
    expect(bad((r) => void (r.baseline.mean.relaxation = NaN))).toThrow(
      "profile 'Ana': baseline.mean.relaxation: expected a finite number, found NaN",
    );
    // JSON turns NaN into null: a NaN that went through storage is caught as well.
    expect(bad((r) => JSON.parse(JSON.stringify({ ...r, sampleRate: NaN })))).toThrow(
      'sampleRate: expected a finite number > 0, found null',
    );
    expect(bad((r) => void delete r.baseline.sd)).toThrow('baseline.sd: expected an object, found nothing');
    expect(bad((r) => void delete r.channels)).toThrow(
      'channels: expected a non-empty list of electrode names',
    );
    expect(bad((r) => void (r.baseline.sd!.faa = -1))).toThrow(
      'baseline.sd.faa: expected a finite number ≥ 0, found -1',
    );
    expect(bad((r) => void (r.format = 'other'))).toThrow(
      'format: expected "neurosleep-baseline", found "other"',
    );
    expect(bad((r) => void (r.steps = ['eyes-open']))).toThrow('steps: expected a list of');
    expect(bad(() => 'text')).toThrow('profile \'Ana\': record: expected an object, found "text"');
  });
});
