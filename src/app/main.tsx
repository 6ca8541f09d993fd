import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { KioskShell } from './kiosk/KioskShell.tsx';
import { kioskOptionsFromUrl } from './kiosk/kiosk-session.ts';
import { enableOffline } from './kiosk/offline.ts';
import { installConsoleApi } from './console-api.ts';
import { SessionController } from './session-controller.ts';
import { KIOSK_POLICY, parsePolicy, type SafetyPolicy } from '../safety/policy.ts';
import { memoryStorage, ProfileStore } from '../profiles/index.ts';

const params = new URLSearchParams(window.location.search);
const debug = params.get('debug') === '1';
const manualFrames = debug && params.get('frameloop') === 'manual';

/** `?policy=home|kiosk` or `?policy=<JSON>`; a bad policy falls back to the stricter kiosk preset. */
function policyFromUrl(): { policy?: SafetyPolicy; error?: string } {
  const text = params.get('policy');
  if (text === null) return {};
  try {
    return { policy: parsePolicy(text.trim().startsWith('{') ? text : { preset: text }) };
  } catch (err) {
    return { policy: KIOSK_POLICY, error: `${(err as Error).message}; using the kiosk policy instead.` };
  }
}
const kiosk = params.get('kiosk') === '1';
const fromUrl = policyFromUrl();
// A public kiosk serves strangers: no one's saved baseline drives it, and it keeps no profile of anyone.
const controller = new SessionController(
  fromUrl.policy ?? (kiosk ? KIOSK_POLICY : undefined),
  kiosk ? new ProfileStore(memoryStorage()) : undefined,
);
installConsoleApi(controller, debug);

// prefers-reduced-motion is honoured live: the governor eases into it like any other change.
const reducedMotion = window.matchMedia?.('(prefers-reduced-motion: reduce)');
if (reducedMotion) {
  controller.governor.setSystemReducedMotion(reducedMotion.matches);
  reducedMotion.addEventListener('change', (e) => controller.governor.setSystemReducedMotion(e.matches));
}

const recording = params.get('recording');
if (params.get('source') === 'mock') void controller.startMockMuse(params);
else if (recording) void controller.openUrl(recording);
else controller.startDemo();
if (fromUrl.error) controller.loadError$.next(fromUrl.error);

if (kiosk) {
  document.body.classList.add('kiosk');
  void enableOffline().then((problem) => problem && controller.loadError$.next(problem));
}

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
createRoot(root).render(
  <StrictMode>
    <App controller={controller} manualFrames={manualFrames} />
    {kiosk && <KioskShell controller={controller} options={kioskOptionsFromUrl(params)} params={params} />}
  </StrictMode>,
);
