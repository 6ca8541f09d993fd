import { useEffect, useState } from 'react';
import { enterFullscreen } from '../fullscreen.ts';
import type { SessionController } from '../session-controller.ts';
import { KioskSession, type KioskOptions, type KioskPhase } from './kiosk-session.ts';

/** Staff leave kiosk mode with Ctrl+Alt+Shift+K: a chord a visitor will not press by chance. */
export function isStaffExitChord(e: KeyboardEvent): boolean {
  return e.ctrlKey && e.altKey && e.shiftKey && (e.key === 'K' || e.key === 'k');
}

export function KioskShell({
  controller,
  options,
  params,
}: {
  controller: SessionController;
  options: KioskOptions;
  params: URLSearchParams;
}) {
  const [kiosk] = useState(() => new KioskSession(controller, options, params));
  const [phase, setPhase] = useState<KioskPhase>('attract');
  const [lastReset, setLastReset] = useState<string | null>(null);
  useEffect(() => {
    kiosk.watch();
    const a = kiosk.phase$.subscribe(setPhase);
    const b = kiosk.lastReset$.subscribe(setLastReset);
    const onKey = (e: KeyboardEvent) => {
      if (!isStaffExitChord(e)) return;
      const url = new URL(window.location.href);
      url.searchParams.delete('kiosk');
      window.location.assign(url.toString());
    };
    window.addEventListener('keydown', onKey);
    (window as unknown as { neurosleepKiosk?: KioskSession }).neurosleepKiosk = kiosk;
    return () => {
      a.unsubscribe();
      b.unsubscribe();
      window.removeEventListener('keydown', onKey);
      kiosk.dispose();
    };
  }, [kiosk]);
  if (phase !== 'attract') return null;
  return (
    <div className="kiosk-consent" role="dialog" aria-label="Before you begin" data-testid="kiosk-consent">
      <h1>NeuroSleep</h1>
      <p>
        A dreamscape that follows your brain signals: calm seas when you are at ease, a gentle storm when you
        are not.
      </p>
      <ul>
        <li>
          <strong>What is measured:</strong> the electrical activity at four points on your forehead and
          behind your ears (EEG), turned into rhythms such as alpha and beta. Nothing else.
        </li>
        <li>
          <strong>Nothing leaves this device.</strong> No recording is kept after you leave; the kiosk resets
          itself.
        </li>
        <li>
          <strong>You can stop at any moment:</strong> press <kbd>Esc</kbd>, press the Unplug button, or take
          the headband off. The picture fades to calm within two seconds.
        </li>
        <li>The dream never flashes, and its nightmares are capped.</li>
      </ul>
      {lastReset && <p className="note">The previous session ended because {lastReset}.</p>}
      <button
        type="button"
        data-testid="kiosk-begin"
        autoFocus
        onClick={() => {
          enterFullscreen();
          void kiosk.begin();
        }}
      >
        I understand — begin
      </button>
    </div>
  );
}
