import { describe, expect, it } from 'vitest';
import { getScene, SCENES } from '../../../scenes/index';

describe('scene registry', () => {
  it('lists Tide with a lazy component and camera props', () => {
    const tide = getScene('tide');
    expect(tide?.name).toBe('Tide');
    expect((tide?.component as unknown as { $$typeof: symbol }).$$typeof).toBe(Symbol.for('react.lazy'));
    expect(tide?.camera.fov).toBeGreaterThan(20);
    expect(tide?.camera.far).toBeGreaterThan(1500);
  });

  it('lists The Other Self, lazily loaded, with its own camera at eye height', () => {
    const scene = getScene('other-self');
    expect(scene?.name).toBe('The Other Self');
    expect((scene?.component as unknown as { $$typeof: symbol }).$$typeof).toBe(Symbol.for('react.lazy'));
    expect(scene?.camera.position[1]).toBeCloseTo(1.6);
  });

  it('lists Cosmos, lazily loaded', () => {
    const scene = getScene('cosmos');
    expect(scene?.name).toBe('Cosmos');
    expect((scene?.component as unknown as { $$typeof: symbol }).$$typeof).toBe(Symbol.for('react.lazy'));
  });

  it('has unique ids and returns undefined for unknown ones', () => {
    expect(new Set(SCENES.map((s) => s.id)).size).toBe(SCENES.length);
    expect(getScene('nope')).toBeUndefined();
  });
});
