import { describe, expect, it } from 'vitest';
import { TIDE_CAMERA, createCameraPose, tideCameraPose } from '../../../scenes/tide/camera';
import { createTideInputs } from '../../../scenes/tide/inputs';
import { computeTideLook } from '../../../scenes/tide/look';
import { SEA_FAR, SEA_NEAR, seaRowDistance, seaRowSpacing } from '../../../scenes/tide/seaGrid';
import {
  gerstnerFold,
  maxSwellHeight,
  rippleGlsl,
  RIPPLE_WAVES,
  swellGlsl,
  swellHeight,
  SWELL_WAVES,
} from '../../../scenes/tide/waves';

const STEPS = [0, 0.25, 0.5, 0.75, 1];

function* looks() {
  for (const calm of STEPS)
    for (const dread of STEPS)
      for (const wonder of STEPS)
        for (const reduced of [0, 1])
          for (const motion of [0, 1])
            yield computeTideLook({ ...createTideInputs(), calm, dread, wonder, reduced, motion });
}

describe('Tide waves', () => {
  it('never fold over themselves, even at full dread', () => {
    let worst = 0;
    for (const l of looks()) worst = Math.max(worst, gerstnerFold(l.waveAmplitude, l.waveChoppiness));
    expect(worst).toBeLessThan(0.9);
  });

  it('keep the camera above the crests, riding or not', () => {
    for (const l of looks()) {
      // Worst case: the crest right under the camera, which only follows `cameraRide` of it, at the low
      // point of its sway.
      const clearance =
        l.cameraHeight - (1 - l.cameraRide) * maxSwellHeight(l.waveAmplitude) - 0.15 * l.cameraSway;
      expect(clearance).toBeGreaterThan(0.25);
    }
  });

  it('bound the CPU swell height by the sum of amplitudes', () => {
    const max = maxSwellHeight(1.3);
    for (let t = 0; t < 60; t += 0.7)
      for (let x = -30; x <= 30; x += 7.3)
        expect(Math.abs(swellHeight(x, -x * 0.7, t, 1.3))).toBeLessThanOrEqual(max);
  });

  it('generate one GLSL call per wave', () => {
    expect(swellGlsl().match(/gerstner\(/g)).toHaveLength(SWELL_WAVES.length);
    expect(rippleGlsl().match(/ripple\(/g)).toHaveLength(RIPPLE_WAVES.length);
    expect(swellGlsl()).not.toMatch(/NaN|Infinity/);
  });

  it('lay the sea grid from behind the camera to the far horizon, denser near', () => {
    expect(seaRowDistance(0)).toBe(SEA_NEAR);
    expect(seaRowDistance(1)).toBeCloseTo(SEA_FAR, 9);
    expect(seaRowSpacing(0.05)).toBeLessThan(seaRowSpacing(0.5));
  });
});

describe('Tide camera', () => {
  it('holds perfectly still under reduced motion', () => {
    const l = computeTideLook({ ...createTideInputs(), dread: 1, motion: 1, reduced: 1 });
    const a = tideCameraPose(l, 3, 5, createCameraPose());
    const b = tideCameraPose(l, 40, 90, createCameraPose());
    for (const key of ['x', 'y', 'z', 'pitch', 'yaw', 'roll'] as const)
      expect(b[key]).toBeCloseTo(a[key], 12);
    expect(Math.abs(a.roll)).toBe(0);
  });

  it('drifts lower toward the water with dread', () => {
    const calm = tideCameraPose(computeTideLook(createTideInputs()), 0, 0, createCameraPose());
    const dread = tideCameraPose(
      computeTideLook({ ...createTideInputs(), calm: 0, dread: 1, reduced: 1 }),
      0,
      0,
      createCameraPose(),
    );
    expect(dread.y).toBeLessThan(calm.y);
    expect(dread.pitch).toBeLessThan(calm.pitch);
  });

  it('sways only gently: under 1.5° of roll and half a metre of drift', () => {
    const l = computeTideLook({ ...createTideInputs(), dread: 1, motion: 1 });
    for (let t = 0; t < 120; t += 0.5) {
      const p = tideCameraPose(l, t, t, createCameraPose());
      expect(Math.abs(p.roll)).toBeLessThan((1.5 * Math.PI) / 180);
      expect(Math.abs(p.x - TIDE_CAMERA.position[0])).toBeLessThan(0.5);
    }
  });
});
