/** `window.neurosleep`: the developer console API, documented in the README. */
import type { SessionController, Snapshot } from './session-controller.ts';

export interface NeuroSleepConsoleApi {
  /** Everything a developer debugging a recording (or an end-to-end test) wants to see, as plain data. */
  snapshot(): Snapshot;
}

declare global {
  interface Window {
    neurosleep?: NeuroSleepConsoleApi;
  }
}

export function installConsoleApi(controller: SessionController): void {
  window.neurosleep = { snapshot: () => controller.snapshot() };
}
