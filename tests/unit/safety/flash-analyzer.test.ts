import { describe, expect, it } from 'vitest';
import {
  adversarialSequences,
  summarizeFlashes,
  VIRTUAL_FPS,
  type TileSeries,
} from '../../../tools/safety/flash-analyzer.ts';

const FRAMES = 3 * VIRTUAL_FPS;
const steady = (v: number): TileSeries => ({
  luminance: Array.from({ length: FRAMES }, () => v),
  red: Array.from({ length: FRAMES }, () => 0.3),
});
const square = (hz: number, lo: number, hi: number) =>
  Array.from({ length: FRAMES }, (_, i) => (Math.floor((i / VIRTUAL_FPS) * hz * 2) % 2 === 0 ? hi : lo));
const SEQ = [{ name: 'whole run', start: 0, end: FRAMES }];

describe('flash analyzer summary', () => {
  it('passes a steady scene and fails one whose corner flashes 5 times a second', () => {
    const calm = summarizeFlashes('calm', [steady(0.2), steady(0.3)], SEQ, FRAMES);
    expect(calm).toMatchObject({
      generalFlashesMaxPerSecond: 0,
      redFlashes: 0,
      violations: 0,
      worstSequence: 'none',
    });

    const corner: TileSeries = { luminance: square(5, 0.1, 0.5), red: steady(0).red };
    const flashing = summarizeFlashes('flashing', [steady(0.2), corner], SEQ, FRAMES);
    expect(flashing).toMatchObject({
      generalFlashesMaxPerSecond: 5,
      violations: 1,
      worstSequence: 'whole run',
    });
    expect(flashing.luminanceSwing).toBeCloseTo(0.4, 9);
  });

  it('counts any red flash as a violation, even a slow one', () => {
    const red: TileSeries = { luminance: steady(0.2).luminance, red: square(1, 0.4, 0.9) };
    const report = summarizeFlashes('red', [red], SEQ, FRAMES);
    expect(report.redFlashes).toBeGreaterThan(0);
    expect(report.violations).toBe(1);
  });

  it('drives square waves from 1 to 30 Hz between calm and full nightmare, and random jumps', () => {
    const seqs = adversarialSequences();
    expect(seqs.map((s) => s.name)).toContain('square 30 Hz');
    expect(seqs.map((s) => s.name)).toContain('square 1 Hz');
    const thirty = seqs.find((s) => s.name === 'square 30 Hz')!.states;
    // 30 Hz at 60 frames a second: nightmare and calm alternate every frame.
    expect(thirty.slice(0, 4).map((s) => s.dread)).toEqual([1, 0, 1, 0]);
    const jumps = seqs.find((s) => s.name === 'random jumps')!.states;
    expect(new Set(jumps.map((s) => s.dread)).size).toBeGreaterThan(10);
    expect(adversarialSequences()).toEqual(seqs);
  });
});
