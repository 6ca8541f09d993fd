import { useEffect, useState } from 'react';
import type { GovernorStatus } from '../safety/governor.ts';
import type { SessionController } from './session-controller.ts';

const REFRESH_MS = 250;
/** One breath: in for half, out for half. Slow enough to follow, far from any flash rate. */
const BREATH_S = 8;

/**
 * The exit that always works: an Unplug button that is always on screen and the Esc key, plus what the
 * governor is doing about the sleeper (the unplugged notice, the breathing cue during de-escalation).
 */
export function SafetyControls({ controller }: { controller: SessionController }) {
  const [status, setStatus] = useState<GovernorStatus>(() => controller.governor.status());
  useEffect(() => {
    const refresh = () => setStatus(controller.governor.status());
    const timer = setInterval(refresh, REFRESH_MS);
    const sub = controller.safety$.subscribe(refresh);
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') controller.unplug('Esc key');
    };
    window.addEventListener('keydown', onKey);
    return () => {
      clearInterval(timer);
      sub.unsubscribe();
      window.removeEventListener('keydown', onKey);
    };
  }, [controller]);

  const breathingIn = status.deEscalationS % BREATH_S < BREATH_S / 2;
  return (
    <>
      {status.unplugged ? (
        <div className="unplugged" role="status" data-testid="unplugged-banner">
          <p>
            Unplugged ({status.unplugCause}). The dream has faded to calm and all motion has stopped; the
            session is still being recorded.
          </p>
          <button
            type="button"
            onClick={() => controller.resume('resume button')}
            data-testid="resume-button"
          >
            Resume the dream
          </button>
        </div>
      ) : (
        status.deEscalating && (
          <div
            className={`breathing ${status.reducedMotion ? 'still' : ''}`}
            role="status"
            data-testid="breathing-cue"
          >
            <span className="breath-circle" style={{ animationDuration: `${BREATH_S}s` }} />
            <span>{breathingIn ? 'Breathe in…' : 'Breathe out…'}</span>
          </div>
        )
      )}
      <button
        type="button"
        className="unplug-button"
        onClick={() => controller.unplug('Unplug button')}
        data-testid="unplug-button"
        aria-keyshortcuts="Escape"
        title="Fade to calm and stop all stimulation (Esc)"
      >
        Unplug (Esc)
      </button>
    </>
  );
}
