import { describe, expect, it } from 'vitest';
import { DreamModel, HYSTERESIS, NO_WHY, PRESENCE_OFF_S } from '../../../src/dream/dream-model.ts';
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

    // A blink or jaw window holds the dream too, and says so rather than blaming the contact.
    const blink = model.update({ ...frame(11.1, STRESSED), artifact: true });
    expect(blink.why.calm.heldArtifact).toBe(1);
    expect(blink.why.calm.heldNoUsableElectrode).toBeUndefined();

    const model2 = new DreamModel(256);
    run(model2, RELAXED, 0, 10);
    model2.lost(10.05, 128);
    const lost = model2.update(frame(10.5, RELAXED));
    expect(lost.why.glitch.lostSampleShare).toBeCloseTo(0.5, 5);
    const recovered = run(model2, RELAXED, 10.6, 20);
    expect(recovered.state.glitch).toBeLessThan(0.05);
  });

  it('built not to explain, gives the same states with NO_WHY every time', () => {
    const explaining = new DreamModel(256);
    const silent = new DreamModel(256, {}, undefined, { explain: false });
    const script: [number[], object][] = [
      [RELAXED, {}],
      [STRESSED, {}],
      [STRESSED, { valid: [0, 0, 0, 0], quality: [4, 4, 4, 4] }],
      [RELAXED, { quality: [4, 1, 2, 4] }],
    ];
    let t = 0;
    for (const [rel, opts] of script) {
      for (let i = 0; i < 100; i++, t += 0.1) {
        if (i === 50) {
          explaining.lost(t, 64);
          silent.lost(t, 64);
        }
        const a = explaining.update(frame(t, rel, opts));
        const b = silent.update(frame(t, rel, opts));
        expect(b.state).toEqual(a.state);
        expect(b.why).toBe(NO_WHY);
      }
    }
    expect(Object.values(NO_WHY).every((w) => Object.keys(w).length === 0 && Object.isFrozen(w))).toBe(true);
  });

  it('names a dropout longer than a second as lost samples once updates resume, and forgets it a second later', () => {
    const model = new DreamModel(256);
    run(model, RELAXED, 0, 10);
    model.lost(10.05, 2 * 256); // nothing arrives from 10.05 to 12.05 s
    const resumed = model.update(frame(12.15, RELAXED));
    expect(resumed.why.glitch.lostSampleShare).toBe(1);
    expect(resumed.state.glitch).toBeGreaterThan(0.3);
    expect(model.update(frame(13.0, RELAXED)).why.glitch.lostSampleShare).toBe(1);
    expect(model.update(frame(13.1, RELAXED)).why.glitch.lostSampleShare).toBe(0);
  });
});

const DROWSY = [0.25, 0.35, 0.15, 0.15, 0.1];
const BAD = { valid: [1, 1, 1, 1], quality: [4, 4, 4, 4] };
const WARMING = { valid: [0, 0, 0, 0], quality: [4, 4, 4, 4] };

describe('dream model: drowsiness, presence, warm-up, hysteresis', () => {
  it('theta taking over from alpha raises drowsiness slowly; why names the theta/alpha ratio', () => {
    const model = new DreamModel(256);
    const awake = run(model, RELAXED, 0, 20);
    expect(awake.state.drowsiness).toBeLessThan(0.05);
    const after2s = run(model, DROWSY, 20.1, 22);
    expect(after2s.state.drowsiness).toBeGreaterThan(0.1);
    expect(after2s.state.drowsiness).toBeLessThan(0.6);
    const drowsy = run(model, DROWSY, 22.1, 50);
    expect(drowsy.state.drowsiness).toBeGreaterThan(0.9);
    expect(drowsy.why.drowsiness.thetaAlphaRatio).toBeCloseTo(0.35 / 0.15, 5);
  });

  it('the first analysis window is warm-up: no glitch spike, presence stays on', () => {
    const model = new DreamModel(256);
    let maxGlitch = 0;
    for (let t = 0.1; t < 1; t += 0.1) {
      const u = model.update(frame(t, [0, 0, 0, 0, 0], WARMING));
      maxGlitch = Math.max(maxGlitch, u.state.glitch);
      expect(u.state.presence).toBe(1);
      expect(u.why.glitch.warmingUp).toBe(1);
    }
    const first = run(model, RELAXED, 1, 5);
    expect(maxGlitch).toBe(0);
    expect(first.state.glitch).toBe(0);
  });

  it('a longer analysis window (a shaped engine) is warm-up for its whole length, and not forever', () => {
    const model = new DreamModel(256, {}, 768);
    let maxGlitch = 0;
    for (let t = 0.1; t < 3; t += 0.1) {
      const u = model.update(frame(t, [0, 0, 0, 0, 0], WARMING));
      maxGlitch = Math.max(maxGlitch, u.state.glitch);
      expect(u.why.glitch.warmingUp).toBe(1);
    }
    expect(maxGlitch).toBe(0);
    expect(run(model, RELAXED, 3, 5).state.glitch).toBe(0);
    const stuck = run(new DreamModel(256, {}, 768), [0, 0, 0, 0, 0], 0.1, 5, WARMING);
    expect(stuck.state.glitch).toBeGreaterThan(0.9);
  });

  it('bad contact from the start shows as glitch once warm-up is over, and takes presence away', () => {
    const model = new DreamModel(256);
    run(model, [0, 0, 0, 0, 0], 0.1, 0.9, WARMING);
    const afterWarmup = run(model, STRESSED, 1, 1.5, BAD);
    expect(afterWarmup.state.glitch).toBeGreaterThan(0.9);
    expect(afterWarmup.state.presence).toBe(1);
    const off = run(model, STRESSED, 1.6, 1 + PRESENCE_OFF_S + 1.5, BAD);
    expect(off.state.presence).toBeLessThan(0.05);
    expect(off.why.presence.allElectrodesBadForS).toBeGreaterThan(PRESENCE_OFF_S);

    // A signal that never completes a window is not warm-up forever.
    const silent = new DreamModel(256);
    const stuck = run(silent, [0, 0, 0, 0, 0], 0.1, 3, WARMING);
    expect(stuck.state.glitch).toBeGreaterThan(0.9);
  });

  it('presence has hysteresis in time: short contact losses and short contacts do not flip it', () => {
    const model = new DreamModel(256);
    run(model, RELAXED, 0, 10);
    const blip = run(model, RELAXED, 10.1, 10.1 + PRESENCE_OFF_S - 0.5, BAD);
    expect(blip.state.presence).toBe(1);
    run(model, RELAXED, 13, 14);
    const off = run(model, RELAXED, 14.1, 20, BAD);
    expect(off.state.presence).toBeLessThan(0.05);
    const brief = run(model, RELAXED, 20.1, 20.5);
    expect(brief.state.presence).toBeLessThan(0.05);
    const back = run(model, RELAXED, 20.6, 23);
    expect(back.state.presence).toBeGreaterThan(0.95);
  });

  it('a steady signal whose indices jitter within the hysteresis holds its state still', () => {
    const model = new DreamModel(256);
    // Balance 0.5 sits in the steepest part of the calm and dread curves, where flicker would show most.
    const mid = [0.2, 0.15, 0.3, 0.3, 0.05];
    run(model, mid, 0, 20);
    const w = HYSTERESIS.balance * 0.9;
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < 200; i++) {
      const d = (i % 2 === 0 ? 1 : -1) * w * 0.5;
      const jitter = [0.2, 0.15, 0.3 + d * 0.6, 0.3 - d * 0.6, 0.05];
      const u = model.update(frame(20.1 + i * 0.1, jitter));
      lo = Math.min(lo, u.state.calm);
      hi = Math.max(hi, u.state.calm);
    }
    expect(hi - lo).toBeLessThan(1e-6);
  });

  it('takes its inputs through a small interface, so calibrated indices can drive it', () => {
    const model = new DreamModel(256);
    let last = model.updateIndices({
      t: 0,
      alphaBetaBalance: 0.2,
      relativeAlpha: 0.1,
      thetaAlphaRatio: 0.5,
      badQualityShare: 0,
      incompleteShare: 0,
    });
    for (let t = 0.1; t < 20; t += 0.1)
      last = model.updateIndices({
        t,
        alphaBetaBalance: 0.2,
        relativeAlpha: 0.1,
        thetaAlphaRatio: 0.5,
        badQualityShare: 0,
        incompleteShare: 0,
      });
    expect(last.state.dread).toBeGreaterThan(0.8);
    expect(last.why.dread.betaAlphaBalance).toBeCloseTo(0.8, 9);
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
