/**
 * Playback clocks. Sources pace their output by a clock so that the app plays in real time while tests and the
 * CLI replay an hour in seconds.
 */
export interface PlaybackClock {
  /** Seconds since the clock started. */
  now(): number;
  /** Resolves once `now() >= t` (or immediately for virtual clocks, which jump). */
  waitUntil(t: number, signal: AbortSignal): Promise<void>;
}

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
