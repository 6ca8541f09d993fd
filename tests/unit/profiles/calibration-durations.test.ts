import { describe, expect, it } from 'vitest';
import { durationsFromQuery } from '../../../src/app/calibration/calibration-durations.ts';

describe('calibration durations from the URL', () => {
  it('are the full ones by default and shorter only under debug', () => {
    expect(durationsFromQuery('')).toEqual({ restS: 60, eyesS: 30 });
    expect(durationsFromQuery('?debug=1&calibrationS=6')).toEqual({ restS: 6, eyesS: 6 });
    expect(durationsFromQuery('?calibrationS=6')).toEqual({
      restS: 60,
      eyesS: 30,
      note: 'calibrationS applies only with debug=1; using the full durations.',
    });
  });

  it('ignore nonsense with a note saying what was expected', () => {
    for (const bad of ['abc', '0', '-3', '9999']) {
      const d = durationsFromQuery(`?debug=1&calibrationS=${bad}`);
      expect(d.restS).toBe(60);
      expect(d.note).toBe(
        `calibrationS: expected seconds from 1 to 600, found "${bad}"; using the full durations.`,
      );
    }
  });
});
