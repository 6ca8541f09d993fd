/**
 * The HUD's profile line: which local profile is active (its saved baseline drives the indices), the button that
 * opens the calibration wizard, and what the indices run on right now.
 */
import { useEffect, useRef, useState } from 'react';
import { createPortal } from 'react-dom';
import type { ProfilesState } from '../../profiles/profile-store.ts';
import type { CalibrationSnapshot, SessionController } from '../session-controller.ts';
import { baselineText } from './BaselineWhy.tsx';
import { durationsFromQuery } from './calibration-durations.ts';
import { CalibrationWizard } from './CalibrationWizard.tsx';

export function CalibrationControls({
  controller,
  calibration,
}: {
  controller: SessionController;
  calibration: CalibrationSnapshot;
}) {
  const [profiles, setProfiles] = useState<ProfilesState>(controller.profiles.state);
  const [open, setOpen] = useState(false);
  const [durations] = useState(() => durationsFromQuery(window.location.search));
  const openButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    const sub = controller.profiles.state$.subscribe(setProfiles);
    return () => sub.unsubscribe();
  }, [controller]);
  useEffect(() => {
    if (durations.note) controller.loadError$.next(durations.note);
  }, [controller, durations]);

  const close = () => {
    setOpen(false);
    // Back to where the keyboard user started.
    requestAnimationFrame(() => openButton.current?.focus());
  };
  return (
    <div className="calibration-controls" data-testid="calibration-controls">
      <label>
        Profile{' '}
        <select
          data-testid="profile-select"
          aria-label="Active profile: its saved baseline drives the indices"
          value={profiles.activeId ?? ''}
          onChange={(e) => {
            const id = e.currentTarget.value || null;
            try {
              controller.selectProfile(id);
            } catch (err) {
              controller.loadError$.next((err as Error).message);
            }
          }}
        >
          <option value="">None (calibrate each session)</option>
          {profiles.profiles.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </label>{' '}
      <button
        type="button"
        ref={openButton}
        data-testid="calibrate-open"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        Calibrate…
      </button>
      <div className="calibration-status" data-testid="baseline-status">
        {baselineText(calibration)}
      </div>
      {profiles.problems.length > 0 && (
        <div className="error-text" data-testid="profile-problems">
          Some saved profile data could not be read and was left untouched: {profiles.problems.join('; ')}
        </div>
      )}
      {open &&
        createPortal(
          <CalibrationWizard controller={controller} durations={durations} onClose={close} />,
          document.body,
        )}
    </div>
  );
}
