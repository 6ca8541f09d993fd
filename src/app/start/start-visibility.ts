/**
 * When the start screen greets the visitor. A URL with any query parameter already says what to play or how
 * (`?recording=`, `?source=mock`, `?kiosk=1`, `?scene=`, `?debug=1`, `?panel=1` …): links, kiosks and tests
 * get exactly what they asked for. A dismissal is remembered for the browser tab's session only.
 */
export const START_DISMISSED_KEY = 'neurosleep.start-dismissed';

export function urlSaysWhatToPlay(search: string): boolean {
  return [...new URLSearchParams(search).keys()].length > 0;
}

/** Session storage, or null where the browser blocks it (then the start screen just shows again on reload). */
function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

export function startDismissed(): boolean {
  return sessionStore()?.getItem(START_DISMISSED_KEY) === '1';
}

export function rememberStartDismissed(): void {
  sessionStore()?.setItem(START_DISMISSED_KEY, '1');
}

export function showStartOnLoad(search: string): boolean {
  return !urlSaysWhatToPlay(search) && !startDismissed();
}
