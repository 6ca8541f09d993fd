import { describe, expect, it } from 'vitest';
import { DreamModel } from '../../../src/dream/dream-model.ts';
import { channelMeans, type BandPowerFrame } from '../../../src/pipeline/frames.ts';

const BANDS = ['delta', 'theta', 'alpha', 'beta', 'gamma'];
const CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];

/** A frame whose channels all have these band powers (µV²/Hz summed), as the engine reports them. */
function frame(t: number, powers: number[]): BandPowerFrame {
  const nc = CHANNELS.length;
  const total = powers.reduce((a, b) => a + b, 0);
  const absolute = new Float64Array(BANDS.length * nc);
  const relative = new Float64Array(BANDS.length * nc);
  powers.forEach((p, b) => {
    for (let c = 0; c < nc; c++) {
      absolute[b * nc + c] = Math.log10(p);
      relative[b * nc + c] = p / total;
    }
  });
  const valid = new Uint8Array(nc).fill(1);
  const quality = new Uint8Array(nc).fill(1);
  return {
    t,
    origin: 'dsp',
    bands: BANDS,
    channels: CHANNELS,
    absolute,
    relative,
    ...channelMeans(absolute, relative, valid, 5, nc),
    valid,
    quality,
  };
}

/** This sleeper's ordinary state is beta-heavy: fixed anchors would read it as dread. */
const ordinary = (i: number) => [30, 20, 15 + 2 * Math.sin(i * 0.7), 35 + 3 * Math.cos(i * 1.3), 5];

function play(model: DreamModel, from: number, to: number, powers: (i: number) => number[]) {
  let last = model.update(frame(from / 10, powers(from)));
  for (let i = from + 1; i < to; i++) last = model.update(frame(i / 10, powers(i)));
  return last;
}

describe('dream model on calibrated indices', () => {
  it('calibrates on the first minute, then follows the sleeper relative to their own baseline', () => {
    const model = new DreamModel(256);
    const during = play(model, 0, 300, ordinary);
    expect(during.why.calm.calibration).toBeCloseTo(0.5, 1);
    expect(during.state.dread, 'fixed anchors while calibrating').toBeGreaterThan(0.5);
    expect(model.calibrated.baseline).toBeNull();
    play(model, 300, 620, ordinary);
    expect(model.calibrated.baseline?.durationS).toBeGreaterThanOrEqual(60);

    const baseline = play(model, 620, 900, ordinary);
    expect(baseline.why.calm.calibration).toBe(1);
    expect(baseline.state.dread).toBeLessThan(0.2);
    expect(baseline.state.calm).toBeGreaterThan(0.3);
    expect(baseline.state.calm).toBeLessThan(0.8);

    // Powers that fixed anchors call merely "neutral" are, for this sleeper, clearly relaxed.
    const relaxed = play(model, 900, 1200, () => [30, 20, 25, 25, 5]);
    expect(relaxed.state.calm).toBeGreaterThan(0.9);
    const stressed = play(model, 1200, 1600, () => [30, 20, 8, 45, 5]);
    expect(stressed.state.dread).toBeGreaterThan(0.7);
    expect(stressed.state.calm).toBeLessThan(0.1);
  });

  it('takes a saved baseline and skips calibration', () => {
    const first = new DreamModel(256, { durationS: 10 });
    play(first, 0, 150, ordinary);
    const saved = first.calibrated.baseline;
    expect(saved).not.toBeNull();
    const again = new DreamModel(256, { baseline: JSON.parse(JSON.stringify(saved)) });
    const u = play(again, 0, 50, () => [30, 20, 25, 25, 5]);
    expect(u.why.calm.calibration).toBe(1);
    expect(u.why.calm.alphaBetaBalance).toBeGreaterThan(0.7);
  });
});
