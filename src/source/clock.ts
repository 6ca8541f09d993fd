/**
 * Playback clocks. Sources pace their output by a clock so that the app plays in real time while tests and the
 * CLI replay an hour in seconds.
 */
export interface PlaybackClock {
  /** Seconds since the clock started. */
  now(): number;
  /** Resolves once `now() >= t` (or immediately for virtual clocks, which jump). */
  waitUntil(t: number, signal: AbortSignal): Promise<void>;
  /** Media seconds per wall second, for clocks that run at a speed. */
  readonly rate?: number;
}

/** Fastest playback: an overnight recording in about half a minute. */
export const MAX_PLAYBACK_RATE = 1000;

/** Wall-clock time from `performance.now()`. Waits with timers, so it is throttled in background tabs. */
export function realTimeClock(rate = 1): PlaybackClock {
  const start = performance.now();
  const now = () => ((performance.now() - start) / 1000) * rate;
  return {
    now,
    waitUntil(t, signal) {
      const ms = ((t - now()) * 1000) / rate;
      if (ms <= 0 || signal.aborted) return Promise.resolve();
      return new Promise((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done, { once: true });
      });
    },
  };
}

/** A clock that is always exactly where the source wants it: replays as fast as the consumer takes it. */
export function virtualClock(): PlaybackClock {
  let current = 0;
  return {
    now: () => current,
    waitUntil(t) {
      if (t > current) current = t;
      // A macrotask yield keeps a long virtual replay from starving timers and I/O.
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  };
}

/**
 * A real-time clock the user steers: pause, play, speed (0.25× to 1000×) and a start position. Media time only
 * advances while playing; waits re-check whenever the speed or pause state changes.
 */
export class ControlledClock implements PlaybackClock {
  private anchorMedia: number;
  private anchorWall = performance.now();
  private rateValue = 1;
  private pausedValue = false;
  private readonly wakers = new Set<() => void>();

  constructor(startS = 0) {
    this.anchorMedia = startS;
  }

  now(): number {
    if (this.pausedValue) return this.anchorMedia;
    return this.anchorMedia + ((performance.now() - this.anchorWall) / 1000) * this.rateValue;
  }

  get rate(): number {
    return this.rateValue;
  }

  get paused(): boolean {
    return this.pausedValue;
  }

  private reanchor(): void {
    this.anchorMedia = this.now();
    this.anchorWall = performance.now();
  }

  setRate(rate: number): void {
    if (!(rate >= 0.25 && rate <= MAX_PLAYBACK_RATE)) {
      throw new RangeError(`playback speed must be 0.25 to ${MAX_PLAYBACK_RATE}, got ${rate}`);
    }
    this.reanchor();
    this.rateValue = rate;
    this.wake();
  }

  setPaused(paused: boolean): void {
    this.reanchor();
    this.pausedValue = paused;
    this.wake();
  }

  private wake(): void {
    for (const w of [...this.wakers]) w();
  }

  waitUntil(t: number, signal: AbortSignal): Promise<void> {
    return new Promise((resolve) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const done = () => {
        clearTimeout(timer);
        this.wakers.delete(check);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const check = () => {
        clearTimeout(timer);
        if (signal.aborted || this.now() >= t) return done();
        // While paused only a wake (play, speed change) or an abort ends the wait.
        if (!this.pausedValue) timer = setTimeout(check, ((t - this.now()) * 1000) / this.rateValue);
      };
      this.wakers.add(check);
      signal.addEventListener('abort', done, { once: true });
      check();
    });
  }
}
