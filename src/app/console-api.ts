/** `window.neurosleep`: the developer console API, documented in the README. */
import type { DreamState } from '../dream/dream-state.ts';
import { parsePolicy, type SafetyPolicy } from '../safety/policy.ts';
import type { SoundRenderRequest, SoundRenderResult } from '../sound/offline-render.ts';
import type { FrameProbe } from './frame-probe.ts';
import type { SessionController, Snapshot } from './session-controller.ts';

export interface NeuroSleepConsoleApi {
  /** Everything a developer debugging a recording (or an end-to-end test) wants to see, as plain data. */
  snapshot(): Snapshot;
  /** Fades to the calm neutral form and stops all stimulation, like the Unplug button and the Esc key. */
  unplug(): void;
}

/** Only with `?debug=1`: tools that bypass the model (never the governor) and step virtual frames. */
export interface NeuroSleepDebugApi extends NeuroSleepConsoleApi {
  /** Bypasses the dream model with `state` (missing dimensions are calm); null hands control back. */
  forceDreamState(state: Partial<Record<keyof DreamState, number>> | null): DreamState | null;
  /** Validates and applies a policy (JSON text or object); throws an error naming the bad field. */
  setPolicy(policy: unknown): SafetyPolicy;
  resume(): void;
  /**
   * With `?debug=1&frameloop=manual`: renders n frames of dtS seconds of virtual time each; with `probe`,
   * returns each frame's per-tile relative luminance and red ratio.
   */
  advanceFrames(n: number, dtS: number, probe?: boolean): FrameProbe | null;
  /** Renders the soundscape for the given scene parameters offline (faster than real time) and measures it. */
  renderSoundscape(request: SoundRenderRequest): Promise<SoundRenderResult>;
  /** Sources (demo, emulated headset) and the kiosk clock run this many times real time (`?speed=N`). */
  readonly speed: number;
}

declare global {
  interface Window {
    neurosleep?: NeuroSleepConsoleApi | NeuroSleepDebugApi;
  }
}

export function installConsoleApi(controller: SessionController, debug = false): void {
  const api: NeuroSleepConsoleApi = {
    snapshot: () => controller.snapshot(),
    unplug: () => controller.unplug('console'),
  };
  if (!debug) {
    window.neurosleep = api;
    return;
  }
  // `?speed=N`, read before the first source starts, so that the demo that opens the app already runs fast.
  const speed = Number(new URLSearchParams(window.location.search).get('speed') ?? 1);
  if (Number.isFinite(speed) && speed >= 1 && speed <= 1000) controller.speed = speed;
  const debugApi: NeuroSleepDebugApi = {
    ...api,
    speed: controller.speed,
    forceDreamState: (state) => controller.forceDreamState(state),
    setPolicy: (policy) => {
      const parsed = parsePolicy(policy);
      controller.governor.setPolicy(parsed, 'debug console');
      return parsed;
    },
    resume: () => controller.resume('console'),
    advanceFrames: (n, dtS, probe = false) => {
      const step = controller.stepFrames;
      if (!step) throw new Error('advanceFrames needs ?debug=1&frameloop=manual and a mounted dreamscape');
      if (!Number.isInteger(n) || n < 0 || !(dtS > 0 && dtS <= 1))
        throw new Error(`advanceFrames(n, dtS): expected a whole n ≥ 0 and 0 < dtS ≤ 1, found ${n}, ${dtS}`);
      return step(n, dtS, probe);
    },
    renderSoundscape: async (request) =>
      (await import('../sound/offline-render.ts')).renderSoundscape(request),
  };
  window.neurosleep = debugApi;
}
