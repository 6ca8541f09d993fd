/**
 * A scene's clocks. Each integrates its rate, so a change of pace bends the motion instead of jumping its
 * phase; `age` drives the fade-in from black. Mutated in place every frame, never reallocated.
 */
export interface SceneClock {
  /** Scene time: integrates the look's speed. */
  time: number;
  /** Drift time: real time, slowed under reduced motion. */
  drift: number;
  /** Sway time: real time, for the camera's breathing. */
  sway: number;
  /** Seconds since the scene mounted. */
  age: number;
}

export function createSceneClock(): SceneClock {
  return { time: 0, drift: 0, sway: 0, age: 0 };
}

/** Advances every clock by `dt` seconds; `speed` is the look's pace, `driftRate` the drift clock's rate. */
export function advanceSceneClock(clock: SceneClock, dt: number, speed: number, driftRate: number): void {
  clock.age += dt;
  clock.time += dt * speed;
  clock.drift += dt * driftRate;
  clock.sway += dt;
}
