/**
 * What the user is told when a Muse cannot be reached. Every failure of Web Bluetooth maps to one specific,
 * actionable sentence; the browser's own exception text is never shown.
 */
export type MuseErrorCode =
  | 'unsupported-browser'
  | 'insecure-context'
  | 'bluetooth-disabled'
  | 'cancelled'
  | 'not-a-muse'
  | 'connection-failed'
  | 'gatt-error'
  | 'no-gesture';

export class MuseConnectError extends Error {
  constructor(
    readonly code: MuseErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'MuseConnectError';
  }
}

export interface BrowserFacts {
  readonly userAgent: string;
  readonly isSecureContext: boolean;
  readonly hasBluetooth: boolean;
}

export function browserFacts(): BrowserFacts {
  const nav = (globalThis as { navigator?: { userAgent?: string; bluetooth?: unknown } }).navigator;
  return {
    userAgent: nav?.userAgent ?? '',
    isSecureContext: (globalThis as { isSecureContext?: boolean }).isSecureContext ?? true,
    hasBluetooth: Boolean(nav?.bluetooth),
  };
}

const USE_CHROME = 'Use Chrome, Edge or Opera on Windows, macOS, ChromeOS, Android or Linux.';

/** Null when Web Bluetooth can be used here, otherwise why not and what to do. */
export function webBluetoothProblem(facts: BrowserFacts = browserFacts()): MuseConnectError | null {
  if (facts.hasBluetooth) return null;
  const ua = facts.userAgent;
  if (!facts.isSecureContext) {
    return new MuseConnectError(
      'insecure-context',
      'Web Bluetooth only works on a secure page: open NeuroSleep over https:// or from http://localhost.',
    );
  }
  if (/iPhone|iPad|iPod/.test(ua)) {
    return new MuseConnectError(
      'unsupported-browser',
      'iPhone and iPad browsers cannot use Web Bluetooth (Apple allows it in no browser there). ' +
        'Use a computer or an Android phone with Chrome.',
    );
  }
  if (/Firefox\//.test(ua)) {
    return new MuseConnectError(
      'unsupported-browser',
      `Firefox does not support Web Bluetooth. ${USE_CHROME}`,
    );
  }
  if (/Safari\//.test(ua) && !/Chrome\/|Chromium\/|Edg\//.test(ua)) {
    return new MuseConnectError(
      'unsupported-browser',
      `Safari does not support Web Bluetooth. ${USE_CHROME}`,
    );
  }
  if (/Linux/.test(ua) && /Chrome\/|Chromium\//.test(ua)) {
    return new MuseConnectError(
      'bluetooth-disabled',
      'Web Bluetooth is off in this Chrome on Linux: enable chrome://flags/#enable-experimental-web-platform-features, ' +
        'restart Chrome and try again (BlueZ 5.41 or later is needed).',
    );
  }
  return new MuseConnectError('unsupported-browser', `This browser has no Web Bluetooth. ${USE_CHROME}`);
}

export type MuseStage = 'request' | 'connect' | 'service' | 'start';

/** Maps a Web Bluetooth failure to the user's sentence; `stage` says what was being done. */
export function describeMuseError(
  err: unknown,
  stage: MuseStage,
  facts: BrowserFacts = browserFacts(),
): MuseConnectError {
  if (err instanceof MuseConnectError) return err;
  const name = err instanceof Error || err instanceof DOMException ? err.name : '';
  const message = err instanceof Error || err instanceof DOMException ? err.message : '';
  if (stage === 'request') {
    if (name === 'NotFoundError' && /cancel/i.test(message)) {
      return new MuseConnectError(
        'cancelled',
        'No headset was chosen. Press "Connect Muse" again to pick your Muse.',
      );
    }
    const linuxDesktop = /Linux/.test(facts.userAgent) && !/Android|CrOS/.test(facts.userAgent);
    if (linuxDesktop && (name === 'NotFoundError' || name === 'NotSupportedError')) {
      return new MuseConnectError(
        'bluetooth-disabled',
        'No Muse could be listed. On Linux, Chrome needs chrome://flags/#enable-experimental-web-platform-features ' +
          'enabled (then restart it), and Bluetooth must be on (BlueZ 5.41 or later).',
      );
    }
    if (name === 'NotFoundError' || name === 'NotAllowedError') {
      return new MuseConnectError(
        'bluetooth-disabled',
        'No Muse could be listed: check that Bluetooth is on and that the browser may use it, then try again.',
      );
    }
    if (name === 'SecurityError') {
      return new MuseConnectError(
        'no-gesture',
        'The browser only opens the Bluetooth chooser from a click: press "Connect Muse".',
      );
    }
  }
  if (
    stage === 'service' &&
    (name === 'NotFoundError' || name === 'NotSupportedError' || name === 'SecurityError')
  ) {
    return new MuseConnectError(
      'not-a-muse',
      'The chosen device is not a Muse (it has no Muse data service). Pick the device named "Muse-…" or "MuseS-…".',
    );
  }
  if (stage === 'connect' || name === 'NetworkError') {
    return new MuseConnectError(
      'connection-failed',
      'The Muse did not accept the connection. Turn it on, keep it close, close other apps that use it, and try again.',
    );
  }
  return new MuseConnectError(
    'gatt-error',
    'The Muse stopped answering while it was being set up. Turn it off and on again, then reconnect.',
  );
}
