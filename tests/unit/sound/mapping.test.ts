import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NEUTRAL_SCENE_PARAMS, type SceneParams } from '../../../scenes/params.ts';
import { DEFAULT_SOUND } from '../../../src/architect/resolve.ts';
import { SOUND_BEDS, type SoundSpec } from '../../../src/architect/spec.ts';
import { createVoiceTargets, soundTargets, type VoiceTargets } from '../../../src/sound/mapping.ts';

const SEA: SoundSpec = { enabled: true, volume: 1, bed: 'sea', dreadTension: 1 };
const FULL = { on: true, volume: 1, maxVolume: 1 };
const CALM: SceneParams = { ...NEUTRAL_SCENE_PARAMS, motion: 0.3 };
const NIGHTMARE: SceneParams = { ...NEUTRAL_SCENE_PARAMS, calm: 0, dread: 1, glitch: 0, motion: 1 };
const WONDER: SceneParams = { ...NEUTRAL_SCENE_PARAMS, calm: 0.5, wonder: 1, motion: 0.6 };

const targets = (p: SceneParams, spec: SoundSpec = SEA, listening = FULL) => soundTargets(p, spec, listening);

/** Documented upper bounds of every target; all are ≥ 0. */
const BOUNDS: Record<keyof VoiceTargets, number> = {
  master: 0.9,
  noiseGain: 1,
  noiseCutoffHz: 4000,
  noiseQ: 4,
  swellRateHz: 0.3,
  swellDepth: 1,
  gustDepthHz: 2000,
  droneGain: 1,
  droneHz: 60,
  droneDetuneCents: 30,
  droneCutoffHz: 1500,
  dissonanceGain: 1,
  padGain: 1,
  sparkleGain: 1,
  shimmerRateHz: 0.4,
  shimmerDepth: 1,
  crackleGain: 0.4,
  dropoutDepth: 0.5,
  toneCutoffHz: 8100,
};

const unit = fc.oneof(fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(Number.NaN, -3, 7));
const paramsArb = fc.record({
  calm: unit,
  dread: unit,
  wonder: unit,
  glitch: unit,
  brightness: unit,
  motion: unit,
  reducedMotion: fc.boolean(),
  unplugged: fc.boolean(),
});
const specArb = fc.record({
  enabled: fc.boolean(),
  volume: unit,
  bed: fc.constantFrom(...SOUND_BEDS),
  dreadTension: unit,
});
const listeningArb = fc.record({ on: fc.boolean(), volume: unit, maxVolume: unit });

describe('sound mapping', () => {
  it('keeps every target finite and within its range for any input, NaN included', () => {
    fc.assert(
      fc.property(paramsArb, specArb, listeningArb, (p, spec, listening) => {
        const t = soundTargets(p, spec, listening);
        for (const [key, max] of Object.entries(BOUNDS)) {
          const v = t[key as keyof VoiceTargets];
          expect(Number.isFinite(v), key).toBe(true);
          expect(v, key).toBeGreaterThanOrEqual(0);
          expect(v, key).toBeLessThanOrEqual(max);
        }
      }),
    );
  });

  it('writes into the object it is given, so the 10 Hz update allocates nothing', () => {
    const out = createVoiceTargets();
    expect(soundTargets(NIGHTMARE, SEA, FULL, out)).toBe(out);
    expect(out.dissonanceGain).toBeGreaterThan(0);
  });

  it('is silent when muted, when the volume is 0 or when the policy allows no volume', () => {
    expect(targets(NIGHTMARE, SEA, { ...FULL, on: false }).master).toBe(0);
    expect(targets(NIGHTMARE, SEA, { ...FULL, volume: 0 }).master).toBe(0);
    expect(targets(NIGHTMARE, SEA, { ...FULL, maxVolume: 0 }).master).toBe(0);
    expect(targets(NIGHTMARE, { ...SEA, volume: 0 }).master).toBe(0);
  });

  it('scales the master with the slider, the policy ceiling and the spec volume', () => {
    const full = targets(CALM).master;
    expect(full).toBeGreaterThan(0);
    expect(targets(CALM, SEA, { ...FULL, volume: 0.5 }).master).toBeCloseTo(full / 2, 10);
    expect(targets(CALM, SEA, { ...FULL, maxVolume: 0.6 }).master).toBeCloseTo(full * 0.6, 10);
    expect(targets(CALM, { ...SEA, volume: 0.25 }).master).toBeCloseTo(full / 4, 10);
  });

  it('sea: the storm swells bigger, faster and rougher than the calm sea', () => {
    const calm = targets(CALM);
    const storm = targets(NIGHTMARE);
    expect(storm.noiseGain).toBeGreaterThan(calm.noiseGain * 1.5);
    expect(storm.noiseCutoffHz).toBeGreaterThan(calm.noiseCutoffHz * 4);
    expect(storm.swellRateHz).toBeGreaterThan(calm.swellRateHz * 2);
    expect(storm.toneCutoffHz).toBeGreaterThan(calm.toneCutoffHz * 3);
    // Calm swells fall to a near hush between waves, about 8–13 s apart: restful, like breathing.
    expect(calm.swellDepth).toBeGreaterThan(0.8);
    expect(1 / calm.swellRateHz).toBeGreaterThan(8);
    expect(1 / calm.swellRateHz).toBeLessThan(20);
  });

  it('drone: dissonance and detuning rise with dread, more with a higher dread tension', () => {
    const drone: SoundSpec = { ...SEA, bed: 'drone' };
    expect(targets(CALM, drone).dissonanceGain).toBe(0);
    let prev = -1;
    for (const dread of [0, 0.25, 0.5, 0.75, 1]) {
      const t = targets({ ...NIGHTMARE, dread }, drone);
      expect(t.dissonanceGain).toBeGreaterThan(prev);
      prev = t.dissonanceGain;
    }
    const tense = targets(NIGHTMARE, drone);
    const mild = targets(NIGHTMARE, { ...drone, dreadTension: 0 });
    expect(tense.dissonanceGain).toBeGreaterThan(mild.dissonanceGain * 2);
    expect(tense.droneDetuneCents).toBeGreaterThan(mild.droneDetuneCents);
    expect(tense.droneDetuneCents).toBeGreaterThan(targets(CALM, drone).droneDetuneCents * 5);
  });

  it('space: wonder brings in a brighter, faster-shimmering pad; dread dims it', () => {
    const space: SoundSpec = { ...SEA, bed: 'space' };
    const calm = targets(CALM, space);
    const wonder = targets(WONDER, space);
    expect(wonder.padGain).toBeGreaterThan(calm.padGain);
    expect(wonder.sparkleGain).toBeGreaterThan(calm.sparkleGain * 4);
    expect(targets(WONDER).padGain).toBeGreaterThan(targets(CALM).padGain * 3);
    expect(wonder.shimmerRateHz).toBeGreaterThan(calm.shimmerRateHz * 3);
    expect(wonder.toneCutoffHz).toBeGreaterThan(calm.toneCutoffHz * 2);
    expect(targets(NIGHTMARE, space).padGain).toBeLessThan(calm.padGain);
    // The pad leads the space bed; the noise leads the sea.
    expect(calm.padGain).toBeGreaterThan(calm.noiseGain);
    expect(targets(CALM).noiseGain).toBeGreaterThan(targets(CALM).padGain);
  });

  it('wind: gusts sweep a band-passed noise further as the storm rises', () => {
    const wind: SoundSpec = { ...SEA, bed: 'wind' };
    expect(targets(NIGHTMARE, wind).gustDepthHz).toBeGreaterThan(targets(CALM, wind).gustDepthHz * 2);
    expect(targets(NIGHTMARE, wind).noiseQ).toBeGreaterThan(targets(CALM, wind).noiseQ);
  });

  it('glitch is soft: crackle and dropouts grow with glitch but stay small and never silence the bed', () => {
    const none = targets(CALM);
    const full = targets({ ...CALM, glitch: 1 });
    expect(none.crackleGain).toBe(0);
    expect(none.dropoutDepth).toBe(0);
    expect(full.crackleGain).toBeGreaterThan(0);
    // Grains peak at 0.5 of the table, so the crackle never peaks above 0.2 before the master level.
    expect(full.crackleGain).toBeLessThanOrEqual(0.4);
    expect(full.dropoutDepth).toBeGreaterThan(0);
    expect(full.dropoutDepth).toBeLessThanOrEqual(0.5);
  });

  it('unplugged sounds like calm, whatever the fading dimensions still say, and quieter', () => {
    const calm = targets({ ...CALM, motion: 0 });
    const unplugged = targets({ ...NIGHTMARE, glitch: 1, wonder: 1, motion: 0.8, unplugged: true });
    for (const key of Object.keys(BOUNDS) as (keyof VoiceTargets)[])
      if (key !== 'master') expect(unplugged[key], key).toBeCloseTo(calm[key], 10);
    expect(unplugged.master).toBeLessThan(calm.master);
    expect(unplugged.master).toBeGreaterThan(0);
  });

  it('reduced motion slows the swells and the shimmer', () => {
    const t = targets(WONDER, { ...SEA, bed: 'space' });
    const still = targets({ ...WONDER, reducedMotion: true }, { ...SEA, bed: 'space' });
    expect(still.swellRateHz).toBeLessThan(t.swellRateHz);
    expect(still.shimmerRateHz).toBeLessThan(t.shimmerRateHz);
  });

  it('every scene has a default bed the mapping knows', () => {
    for (const spec of Object.values(DEFAULT_SOUND)) {
      const t = targets(NIGHTMARE, { ...spec, enabled: true });
      expect(t.master).toBeGreaterThan(0);
    }
  });
});
