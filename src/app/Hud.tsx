import { useEffect, useState } from 'react';
import { ALL_DREAM_DIMENSIONS } from '../dream/dream-state.ts';
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
  const [showWhy, setShowWhy] = useState(false);
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
      {snap.device && (
        <div data-testid="device">
          {snap.device.name}
          {snap.device.batteryPct !== undefined && ` · battery ${Math.round(snap.device.batteryPct)} %`}
          {snap.device.firmware && ` · firmware ${snap.device.firmware}`}
          {snap.device.reconnects > 0 && ` · ${snap.device.reconnects} reconnects`}
        </div>
      )}
      <div className="meters" aria-label="Dream state">
        {ALL_DREAM_DIMENSIONS.map((d) => (
          <Meter key={d} label={d} value={snap.dreamState[d]} />
        ))}
      </div>
      <div data-testid="safety-line">
        policy {snap.safety.policy.name} · nightmare cap {Math.round(snap.safety.policy.nightmareCap * 100)}%
        {snap.safety.reducedMotion && ' · reduced motion'}
        {snap.forced && ' · forced from the debug console'}{' '}
        <button type="button" onClick={() => setShowWhy(!showWhy)} aria-expanded={showWhy}>
          {showWhy ? 'Hide why' : 'Why?'}
        </button>
      </div>
      {showWhy && <WhyOverlay snap={snap} />}
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
        <button type="button" data-testid="connect-muse" onClick={() => void controller.connectMuse()}>
          Connect Muse
        </button>
        <RecordingControls controller={controller} />
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

const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(2));

/** Transparency: what drove each dimension at the last update, and what the governor has done about it. */
function WhyOverlay({ snap }: { snap: Snapshot }) {
  const recent = snap.audit.slice(-5).reverse();
  return (
    <div className="why-overlay" data-testid="why-overlay">
      <dl>
        {ALL_DREAM_DIMENSIONS.map((d) => (
          <div key={d}>
            <dt>
              {d} {Math.round(snap.dreamState[d] * 100)}%
            </dt>
            <dd>
              {snap.why
                ? Object.entries(snap.why[d])
                    .map(([k, v]) => `${k} ${fmt(v)}`)
                    .join(' · ')
                : 'no update yet'}
            </dd>
          </div>
        ))}
      </dl>
      <div>
        shown: brightness {fmt(snap.sceneParams.brightness)} · motion {fmt(snap.sceneParams.motion)} · dread{' '}
        {fmt(snap.sceneParams.dread)} (after the safety governor)
      </div>
      {recent.length > 0 && (
        <ul aria-label="Safety log">
          {recent.map((e, i) => (
            <li key={i}>
              {e.sessionS.toFixed(1)} s · {e.kind}: {e.cause}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

/** Record / stop, and the recordings a crash or reload left unfinished, offered for download. */
function RecordingControls({ controller }: { controller: SessionController }) {
  const [rec, setRec] = useState(() => controller.recordings.state$.value);
  useEffect(() => {
    const sub = controller.recordings.state$.subscribe(setRec);
    if (typeof indexedDB !== 'undefined') void controller.recordings.refresh();
    // Keys 1–5 put numbered markers in the recording, as in Mind Monitor.
    const onKey = (e: KeyboardEvent) => {
      if (!/^[1-5]$/.test(e.key) || e.target instanceof HTMLInputElement) return;
      controller.recordings.mark(`/Marker/${e.key}`);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      sub.unsubscribe();
      window.removeEventListener('keydown', onKey);
    };
  }, [controller]);
  const download = async (id: string, name: string) => {
    const url = URL.createObjectURL(await controller.recordings.blob(id));
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name.replace(/[^\w.-]+/g, '_')}.csv`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  return (
    <div className="recording" data-testid="recording">
      {rec.active ? (
        <button type="button" data-testid="record-stop" onClick={() => void controller.recordings.stop()}>
          Stop recording
        </button>
      ) : (
        <button type="button" data-testid="record-start" onClick={() => controller.startRecording()}>
          Record
        </button>
      )}
      {rec.error && <span className="error-text">{rec.error}</span>}
      {rec.unfinished.length > 0 && (
        <ul aria-label="Unfinished recordings" data-testid="unfinished-recordings">
          {rec.unfinished.map((m) => (
            <li key={m.id}>
              {m.name} · {(m.samples / 256).toFixed(1)} s, not stopped{' '}
              <button type="button" onClick={() => void download(m.id, m.name)}>
                Download
              </button>{' '}
              <button type="button" onClick={() => void controller.recordings.dismiss(m)}>
                Dismiss
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
