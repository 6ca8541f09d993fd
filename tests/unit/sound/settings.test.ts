import { describe, expect, it } from 'vitest';
import { DEFAULT_SOUND, specForSceneId } from '../../../src/architect/resolve.ts';
import type { SoundSpec } from '../../../src/architect/spec.ts';
import { HOME_POLICY, KIOSK_POLICY, parsePolicy, PolicyError } from '../../../src/safety/policy.ts';
import {
  DEFAULT_VOLUME,
  initialSettings,
  parseStoredSettings,
  serializeSettings,
  soundPolicyOf,
  soundSpecFor,
} from '../../../src/sound/settings.ts';

const SPEC: SoundSpec = { enabled: false, volume: 0.5, bed: 'sea', dreadTension: 0.6 };

function policyError(json: unknown): string {
  try {
    parsePolicy(json);
  } catch (err) {
    expect(err).toBeInstanceOf(PolicyError);
    return (err as Error).message;
  }
  throw new Error('expected a PolicyError');
}

describe('sound settings', () => {
  it('round-trips what is stored, and reports what is not valid instead of guessing', () => {
    expect(parseStoredSettings(serializeSettings({ on: true, volume: 0.42 }))).toEqual({
      settings: { on: true, volume: 0.42 },
    });
    expect(parseStoredSettings(null)).toEqual({ settings: null });
    expect(parseStoredSettings('{oops').problem).toMatch(/^neurosleep\.sound: expected JSON/);
    expect(parseStoredSettings('{"on":"yes","volume":1}').problem).toBe(
      'neurosleep.sound.on: expected true or false',
    );
    expect(parseStoredSettings('{"on":true,"volume":2}').problem).toBe(
      'neurosleep.sound.volume: expected a number from 0 to 1, found 2',
    );
    expect(parseStoredSettings('null').settings).toBeNull();
  });

  it('starts off unless chosen; the policy can forbid it, or turn it on', () => {
    const home = soundPolicyOf(HOME_POLICY);
    const kiosk = soundPolicyOf(KIOSK_POLICY);
    expect(initialSettings(null, home, SPEC)).toEqual({ on: false, volume: DEFAULT_VOLUME });
    expect(initialSettings({ on: true, volume: 0.3 }, home, SPEC)).toEqual({ on: true, volume: 0.3 });
    expect(initialSettings({ on: true, volume: 0.3 }, kiosk, SPEC)).toEqual({ on: false, volume: 0.3 });
    expect(initialSettings(null, home, { ...SPEC, enabled: true }).on).toBe(true);
    const kioskWithSound = soundPolicyOf(
      parsePolicy({ preset: 'kiosk', sound: { allowed: true, startOn: true } }),
    );
    expect(initialSettings(null, kioskWithSound, SPEC).on).toBe(true);
    expect(initialSettings({ on: false, volume: 0.5 }, kioskWithSound, SPEC).on).toBe(false);
  });

  it('takes the scene default, or a valid ?spec= for this scene', () => {
    expect(soundSpecFor('tide', '')).toEqual(DEFAULT_SOUND.tide);
    expect(soundSpecFor('nowhere', '').bed).toBe('wind');
    const spec = specForSceneId('cosmos')!;
    spec.sound = { enabled: true, volume: 0.2, bed: 'drone', dreadTension: 0.9 };
    const q = '?spec=' + encodeURIComponent(JSON.stringify(spec));
    expect(soundSpecFor('cosmos', q)).toEqual(spec.sound);
    // Written for another scene, or invalid: the scene's own default.
    expect(soundSpecFor('tide', q)).toEqual(DEFAULT_SOUND.tide);
    expect(soundSpecFor('cosmos', '?spec=%7Bbad')).toEqual(DEFAULT_SOUND.cosmos);
  });
});

describe('safety policy: sound', () => {
  it('home allows sound at full volume; kiosk does not allow it', () => {
    expect(HOME_POLICY.sound).toEqual({ allowed: true, startOn: false, maxVolume: 1 });
    expect(KIOSK_POLICY.sound?.allowed).toBe(false);
    expect(parsePolicy({}).sound).toEqual(HOME_POLICY.sound);
    expect(parsePolicy({ preset: 'kiosk' }).sound).toEqual(KIOSK_POLICY.sound);
    expect(parsePolicy({ preset: 'kiosk', sound: { allowed: true, maxVolume: 0.4 } }).sound).toEqual({
      allowed: true,
      startOn: false,
      maxVolume: 0.4,
    });
  });

  it('names the field that is wrong', () => {
    expect(policyError({ sound: { allowed: 'yes' } })).toBe(
      'policy.sound.allowed: expected true or false, found "yes"',
    );
    expect(policyError({ sound: { startOn: 1 } })).toBe(
      'policy.sound.startOn: expected true or false, found 1',
    );
    expect(policyError({ sound: { maxVolume: 1.5 } })).toBe(
      'policy.sound.maxVolume: expected a number from 0 to 1, found 1.5',
    );
    expect(policyError({ sound: { loud: true } })).toMatch(/^policy\.sound\.loud: unknown field/);
    expect(policyError({ sound: 'on' })).toBe('policy.sound: expected an object, found "on"');
  });

  it('a policy object without sound (from older code) counts as home', () => {
    const { sound: _sound, ...old } = HOME_POLICY;
    expect(soundPolicyOf(old)).toEqual(HOME_POLICY.sound);
  });
});
