import { useEffect, useState } from 'react';
import type { SessionController } from '../session-controller.ts';
import { toggleFullscreen } from '../fullscreen.ts';
import { DeleteDataButton } from '../privacy/DeleteDataButton.tsx';
import { ReportControls } from '../ReportView.tsx';
import { LivePanel } from './LivePanel.tsx';

function isTyping(e: KeyboardEvent): boolean {
  const el = e.target as HTMLElement | null;
  return !!el && (el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.isContentEditable);
}

/** The live signal panel (toggled by its button or the P key) and fullscreen for the dreamscape (F). */
export function PanelControls({ controller }: { controller: SessionController }) {
  const [open, setOpen] = useState(() => new URLSearchParams(window.location.search).get('panel') === '1');
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.metaKey || e.altKey || isTyping(e)) return;
      if (e.key === 'p' || e.key === 'P') setOpen((o) => !o);
      if (e.key === 'f' || e.key === 'F') toggleFullscreen();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return (
    <>
      <div className="panel-buttons">
        <button
          type="button"
          aria-pressed={open}
          aria-label={
            open ? 'Hide signals: the live signal panel (P)' : 'Signals: show the live signal panel (P)'
          }
          aria-keyshortcuts="P"
          data-testid="toggle-panel"
          onClick={() => setOpen((o) => !o)}
        >
          {open ? 'Hide signals' : 'Signals'}
        </button>
        <button
          type="button"
          aria-label="Fullscreen dreamscape (F)"
          aria-keyshortcuts="F"
          onClick={toggleFullscreen}
        >
          Fullscreen
        </button>
        <ReportControls controller={controller} />
        <DeleteDataButton controller={controller} />
      </div>
      {open && <LivePanel controller={controller} />}
    </>
  );
}
