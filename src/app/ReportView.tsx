import { useEffect, useMemo, useRef, useState } from 'react';
import { renderReportCsv, renderReportViews } from '../report/report-html.ts';
import { summarizeSession } from '../report/session-summary.ts';
import type { SessionController } from './session-controller.ts';

/** The session report: opened from its button, and by itself when a recording ends. */
export function ReportControls({ controller }: { controller: SessionController }) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    let inner: { unsubscribe(): void } | null = null;
    const outer = controller.session$.subscribe((session) => {
      inner?.unsubscribe();
      inner =
        session?.status$.subscribe((s) => {
          if (
            s.state === 'ended' &&
            session.source.info.kind === 'file' &&
            !controller.playback$.value?.state$.value.loop
          ) {
            setOpen(true);
          }
        }) ?? null;
    });
    return () => {
      outer.unsubscribe();
      inner?.unsubscribe();
    };
  }, [controller]);
  return (
    <>
      <button
        type="button"
        className="report-button"
        data-testid="open-report"
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => setOpen(true)}
      >
        Report
      </button>
      {open && <ReportView controller={controller} onClose={() => setOpen(false)} />}
    </>
  );
}

function ReportView({ controller, onClose }: { controller: SessionController; onClose: () => void }) {
  const built = useMemo(() => {
    const record = controller.recording?.record();
    if (!record) return null;
    const summary = summarizeSession(record);
    return { record, summary, ...renderReportViews(record, summary) };
  }, [controller]);
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const el = host.current;
    if (!el || !built) return;
    (el.shadowRoot ?? el.attachShadow({ mode: 'open' })).innerHTML = built.fragment;
  }, [built]);
  const links = useMemo(() => {
    if (!built) return null;
    return {
      html: URL.createObjectURL(new Blob([built.html], { type: 'text/html' })),
      csv: URL.createObjectURL(new Blob([renderReportCsv(built.record)], { type: 'text/csv' })),
    };
  }, [built]);
  useEffect(
    () => () => {
      if (links) {
        URL.revokeObjectURL(links.html);
        URL.revokeObjectURL(links.csv);
      }
    },
    [links],
  );
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  const base = (built?.record.label ?? 'session').replace(/\.[^.]+$/, '');
  return (
    <div className="report-view" role="dialog" aria-label="Session report" data-testid="report-view">
      <div className="report-actions">
        {links && (
          <>
            <a href={links.html} download={`${base}-report.html`}>
              Download report (HTML)
            </a>
            <a href={links.csv} download={`${base}-report.csv`}>
              Download data (CSV)
            </a>
          </>
        )}
        <button type="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
      {built ? (
        // One tab stop for the whole report, so a keyboard alone can scroll it (nothing in it takes focus).
        <div
          ref={host}
          className="report-document"
          role="region"
          aria-label="Session report, scrollable"
          tabIndex={0}
          data-testid="report-document"
        />
      ) : (
        <p>No session yet.</p>
      )}
    </div>
  );
}
