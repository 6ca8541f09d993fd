import { describe, expect, it } from 'vitest';
import {
  HARD_LIMITS,
  HOME_POLICY,
  KIOSK_POLICY,
  parsePolicy,
  PolicyError,
} from '../../../src/safety/policy.ts';

function errorOf(json: unknown): string {
  try {
    parsePolicy(json);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as Error).message;
  }
  throw new Error('expected a PolicyError');
}

describe('safety policy', () => {
  it('has home and kiosk presets; kiosk caps nightmares at 0.7 and both de-escalate after 20 s', () => {
    expect(parsePolicy({})).toEqual(HOME_POLICY);
    expect(parsePolicy('{"preset":"kiosk"}')).toEqual(KIOSK_POLICY);
    expect(KIOSK_POLICY.nightmareCap).toBe(0.7);
    expect(HOME_POLICY.distress.durationS).toBe(20);
    expect(KIOSK_POLICY.distress.durationS).toBe(20);
    const custom = parsePolicy({ preset: 'kiosk', name: 'museum', distress: { durationS: 30 } });
    expect(custom).toMatchObject({
      name: 'museum',
      nightmareCap: 0.7,
      distress: { threshold: 0.6, durationS: 30 },
    });
  });

  it('rejects bad values with an error naming the field and what was found', () => {
    expect(errorOf({ nightmareCap: 1.5 })).toBe(
      'policy.nightmareCap: expected a number from 0 to 1, found 1.5',
    );
    expect(errorOf({ distress: { durationS: '20s' } })).toBe(
      'policy.distress.durationS: expected a number from 1 to 3600, found "20s"',
    );
    expect(errorOf({ distress: 3 })).toBe('policy.distress: expected an object, found 3');
    expect(errorOf({ preset: 'party' })).toBe('policy.preset: expected one of home, kiosk, found "party"');
    expect(errorOf({ reducedMotion: true })).toMatch(
      /^policy\.reducedMotion: expected "system", "always" or "never"/,
    );
    expect(errorOf({ deEscalation: { speed: 2 } })).toMatch(/^policy\.deEscalation\.speed: unknown field/);
    expect(errorOf({ maxDread: 0.5 })).toMatch(/^policy\.maxDread: unknown field/);
    expect(errorOf('{"nightmareCap": ')).toMatch(/^policy: expected JSON, found invalid text/);
    expect(errorOf([])).toBe('policy: expected an object, found an array');
  });

  it('can only tighten the hard flash limits, never loosen them', () => {
    expect(parsePolicy({ flash: { maxBrightnessSlewPerS: 0.1 } }).flash.maxBrightnessSlewPerS).toBe(0.1);
    expect(errorOf({ flash: { maxBrightnessSlewPerS: HARD_LIMITS.maxBrightnessSlewPerS * 2 } })).toMatch(
      /^policy\.flash\.maxBrightnessSlewPerS: expected a number from 0\.01 to 0\.25/,
    );
  });
});
