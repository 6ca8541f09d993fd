import { describe, expect, it } from 'vitest';
import { DreamModel } from '../../../src/dream/dream-model.ts';
import {
  channelMeans,
  frameFromRecordedBandPowers,
  type BandPowerFrame,
} from '../../../src/pipeline/frames.ts';

const BANDS = ['delta', 'theta', 'alpha', 'beta', 'gamma'];
const CHANNELS = ['TP9', 'AF7', 'AF8', 'TP10'];

/** A frame whose every channel has the given relative band powers. */
function frame(
  t: number,
  rel: number[],
  opts: { valid?: number[]; quality?: number[] } = {},
): BandPowerFrame {
  const nc = CHANNELS.length;
  const relative = new Float64Array(BANDS.length * nc);
  const absolute = new Float64Array(BANDS.length * nc);
  rel.forEach((r, b) => {
    for (let c = 0; c < nc; c++) {
      relative[b * nc + c] = r;
      absolute[b * nc + c] = Math.log10(r * 100);
    }
  });
  const valid = Uint8Array.from(opts.valid ?? [1, 1, 1, 1]);
  const quality = Uint8Array.from(opts.quality ?? [1, 1, 1, 1]);
  return {
    t,
    origin: 'dsp',
    bands: BANDS,
    channels: CHANNELS,
    absolute,
    relative,
    ...channelMeans(absolute, relative, valid, BANDS.length, nc),
    valid,
    quality,
  };
}

const RELAXED = [0.2, 0.15, 0.45, 0.15, 0.05];
const STRESSED = [0.25, 0.15, 0.08, 0.42, 0.1];

function run(model: DreamModel, rel: number[], fromS: number, toS: number, opts = {}) {
  let last = model.update(frame(fromS, rel, opts));
  for (let t = fromS + 0.1; t <= toS + 1e-9; t += 0.1) last = model.update(frame(t, rel, opts));
  return last;
}

describe('dream model', () => {
  it('a relaxed, alpha-rich signal settles calm with wonder; a beta-dominated one settles into dread', () => {
    const model = new DreamModel(256);
    const relaxed = run(model, RELAXED, 0, 20);
    expect(relaxed.state.calm).toBeGreaterThan(0.9);
    expect(relaxed.state.dread).toBeLessThan(0.05);
    expect(relaxed.state.wonder).toBeGreaterThan(0.5);
    const stressed = run(model, STRESSED, 20.1, 40);
    expect(stressed.state.dread).toBeGreaterThan(0.7);
    expect(stressed.state.calm).toBeLessThan(0.1);
    expect(stressed.why.dread.betaAlphaBalance).toBeCloseTo(0.42 / 0.5, 5);
  });

  it('dread rises with its documented time constant, not at once', () => {
    const model = new DreamModel(256);
    run(model, RELAXED, 0, 20);
    const after1s = run(model, STRESSED, 20.1, 21);
    expect(after1s.state.dread).toBeGreaterThan(0.1);
    expect(after1s.state.dread).toBeLessThan(0.6);
  });

  it('bad contact and lost samples raise glitch quickly, and the dream holds when no electrode is usable', () => {
    const model = new DreamModel(256);
    const calm = run(model, RELAXED, 0, 10).state;
    const noContact = run(model, STRESSED, 10.1, 11, { valid: [0, 0, 0, 0], quality: [4, 4, 4, 4] });
    expect(noContact.state.glitch).toBeGreaterThan(0.9);
    expect(noContact.state.calm).toBeCloseTo(calm.calm, 2);
    expect(noContact.why.calm.heldNoUsableElectrode).toBe(1);

    const model2 = new DreamModel(256);
    run(model2, RELAXED, 0, 10);
    model2.lost(10.05, 128);
    const lost = model2.update(frame(10.5, RELAXED));
    expect(lost.why.glitch.lostSampleShare).toBeCloseTo(0.5, 5);
    const recovered = run(model2, RELAXED, 10.6, 20);
    expect(recovered.state.glitch).toBeLessThan(0.05);
  });
});

describe('recorded band powers', () => {
  it('turn log10 band powers into relative shares, and all-zero electrodes into bad contact', () => {
    const nc = 4;
    const abs = new Float32Array(5 * nc);
    for (let b = 0; b < 5; b++) {
      abs[b * nc + 0] = b === 2 ? 1 : 0; // alpha 10, the rest 1: total 14
      abs[b * nc + 1] = 0; // Mind Monitor's "no contact": every band exactly 0
      abs[b * nc + 2] = NaN;
      abs[b * nc + 3] = Math.log10(2);
    }
    const f = frameFromRecordedBandPowers(3, BANDS, CHANNELS, abs);
    expect(Array.from(f.valid)).toEqual([1, 0, 0, 1]);
    expect(Array.from(f.quality)).toEqual([1, 4, 4, 1]);
    expect(f.relative[2 * nc + 0]).toBeCloseTo(10 / 14, 6);
    expect(f.relative[0 * nc + 3]).toBeCloseTo(0.2, 6);
    expect(f.meanRelative[2]).toBeCloseTo((10 / 14 + 0.2) / 2, 6);
    for (const v of [...f.absolute, ...f.relative, ...f.meanRelative]) expect(Number.isFinite(v)).toBe(true);
  });
});
