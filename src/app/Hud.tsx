import { useEffect, useState } from 'react';
import { DREAM_DIMENSIONS } from '../dream/dream-state.ts';
import type { SessionController, Snapshot } from './session-controller.ts';

/** The HUD refreshes a few times a second; the dreamscape itself never waits on React. */
const HUD_REFRESH_MS = 250;

function statusText(s: Snapshot['status']): string {
  switch (s.state) {
    case 'error':
      return `error: ${s.reason}`;
    case 'stalled':
      return `stalled for ${s.sinceS.toFixed(0)} s`;
    case 'reconnecting':
      return `reconnecting (attempt ${s.attempt})`;
    default:
      return s.state;
  }
}

export function Hud({ controller }: { controller: SessionController }) {
  const [snap, setSnap] = useState<Snapshot>(() => controller.snapshot());
  const [loadError, setLoadError] = useState<string | null>(null);
  useEffect(() => {
    const timer = setInterval(() => setSnap(controller.snapshot()), HUD_REFRESH_MS);
    const sub = controller.loadError$.subscribe(setLoadError);
    return () => {
      clearInterval(timer);
      sub.unsubscribe();
    };
  }, [controller]);

  const isDemo = snap.source.kind === 'synth';
  return (
    <section className="hud" aria-label="Session">
      <h1>NeuroSleep</h1>
      <div>
        {isDemo ? (
          <span className="badge demo" data-testid="demo-badge">
            Demo
          </span>
        ) : (
          <span className="badge">{snap.source.kind}</span>
        )}
        <span data-testid="source-label">{snap.source.label}</span>
      </div>
      <div data-testid="status">
        {statusText(snap.status)} · {snap.sampleRate ? `${snap.sampleRate} Hz` : '—'} ·{' '}
        {snap.signalTimeS.toFixed(1)} s
        {snap.gaps.count > 0 && ` · ${snap.gaps.count} gaps (${snap.gaps.missingSamples} samples lost)`}
      </div>
      <div className="meters" aria-label="Dream state">
        {DREAM_DIMENSIONS.map((d) => (
          <Meter key={d} label={d} value={snap.dreamState[d]} />
        ))}
      </div>
      {snap.source.note && !isDemo && <div className="note">{snap.source.note}</div>}
      {loadError && (
        <div className="error-text" role="alert" data-testid="load-error">
          {loadError}
        </div>
      )}
      <div className="loader">
        <label>
          Play a recording (Mind Monitor or muse-lsl CSV), or drop it on the page:{' '}
          <input
            type="file"
            accept=".csv,.txt,.edf,.bdf"
            data-testid="recording-input"
            aria-label="Open a recording"
            onChange={(e) => {
              const file = e.currentTarget.files?.[0];
              if (file) void controller.openRecording(file, file.name);
            }}
          />
        </label>
        {!isDemo && (
          <button type="button" onClick={() => controller.startDemo()}>
            Back to the demo
          </button>
        )}
      </div>
    </section>
  );
}

function Meter({ label, value }: { label: string; value: number }) {
  const pct = Math.round(Math.min(1, Math.max(0, value)) * 100);
  return (
    <>
      <span>{label}</span>
      <span
        className="meter"
        role="meter"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
      >
        <span style={{ width: `${pct}%` }} />
      </span>
      <span>{pct}%</span>
    </>
  );
}
