import { describe, expect, it } from 'vitest';
import { FAST_FORWARD_MIN_S, PLAYBACK_SPEEDS, playbackSpeeds } from '../../../src/app/playback.ts';
import { ControlledClock } from '../../../src/source/clock.ts';

describe('playback speeds', () => {
  it('short recordings keep 0.25× to 16×; long ones add fast-forward up to 1000×', () => {
    expect(playbackSpeeds(FAST_FORWARD_MIN_S - 1)).toEqual(PLAYBACK_SPEEDS);
    const long = playbackSpeeds(8 * 3600);
    expect(long.slice(0, PLAYBACK_SPEEDS.length)).toEqual(PLAYBACK_SPEEDS);
    expect(long[long.length - 1]).toBe(1000);
    expect([...long].sort((a, b) => a - b)).toEqual(long);
    // Every offered speed is one the playback clock takes.
    const clock = new ControlledClock(0);
    for (const s of long) {
      clock.setRate(s);
      expect(clock.rate).toBe(s);
    }
  });
});
