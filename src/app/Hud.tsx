import { useEffect, useState, type ReactNode } from 'react';
import { ALL_DREAM_DIMENSIONS } from '../dream/dream-state.ts';
import { CurrentSleepStage } from './hypnogram/HypnogramTrack.tsx';
import { blobToEdfPlus } from '../writers/recording-to-edf.ts';
import type { SessionController, Snapshot } from './session-controller.ts';
import type { RecordingMeta } from '../source/muse-recorder.ts';
import { BaselineWhy } from './calibration/BaselineWhy.tsx';
import { CalibrationControls } from './calibration/CalibrationControls.tsx';

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
        {snap.mains && <span data-testid="mains"> · {mainsText(snap.mains)}</span>}
      </div>
      {snap.device && (
        <div data-testid="device">
          {snap.device.name}
          {snap.device.batteryPct !== undefined && ` · battery ${Math.round(snap.device.batteryPct)} %`}
          {snap.device.firmware && ` · firmware ${snap.device.firmware}`}
          {snap.device.reconnects > 0 && ` · ${snap.device.reconnects} reconnects`}
          {snap.device.ppgStreaming &&
            ` · PPG streaming${snap.device.heartRateBpm ? `, ${snap.device.heartRateBpm} bpm` : ''}`}
        </div>
      )}
      <div className="meters" role="group" aria-label="Dream state">
        {ALL_DREAM_DIMENSIONS.map((d) => (
          <Meter key={d} label={d} value={snap.dreamState[d]} />
        ))}
      </div>
      <div data-testid="safety-line">
        policy {snap.safety.policy.name} · nightmare cap {Math.round(snap.safety.policy.nightmareCap * 100)}%
        {snap.safety.reducedMotion && ' · reduced motion'}
        {snap.forced && ' · forced from the debug console'}{' '}
        <button
          type="button"
          onClick={() => setShowWhy(!showWhy)}
          aria-expanded={showWhy}
          aria-controls={showWhy ? 'why-overlay' : undefined}
        >
          {showWhy ? 'Hide why' : 'Why?'}
        </button>
      </div>
      {showWhy && <WhyOverlay snap={snap} />}
      {snap.source.note && !isDemo && <div className="note">{snap.source.note}</div>}
      <CurrentSleepStage controller={controller} atS={snap.signalTimeS} />
      {loadError && (
        <div className="error-text" role="alert" data-testid="load-error">
          {loadError}
        </div>
      )}
      <div className="loader">
        <label>
          Play a recording (Mind Monitor, muse-lsl, OpenBCI, BrainFlow, EDF/BDF; a hypnogram beside it), or
          drop it on the page:{' '}
          <input
            type="file"
            accept=".csv,.txt,.edf,.bdf,.rec"
            multiple
            data-testid="recording-input"
            aria-label="Open a recording (and its hypnogram)"
            onChange={(e) => {
              const files = Array.from(e.currentTarget.files ?? []);
              if (files.length > 0) void controller.openFiles(files.map((f) => ({ blob: f, name: f.name })));
            }}
          />
        </label>
        <button type="button" data-testid="connect-muse" onClick={() => void controller.connectMuse()}>
          Connect Muse
        </button>
        <RecordingControls controller={controller} />
        <CalibrationControls controller={controller} calibration={snap.calibration} />
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
    <div className="why-overlay" id="why-overlay" data-testid="why-overlay">
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
      <BaselineWhy calibration={snap.calibration} />
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
    // Keys 1–5 put numbered markers in the session and its recording, as in Mind Monitor.
    const onKey = (e: KeyboardEvent) => {
      if (!/^[1-5]$/.test(e.key) || e.target instanceof HTMLInputElement) return;
      controller.mark(`/Marker/${e.key}`);
    };
    window.addEventListener('keydown', onKey);
    return () => {
      sub.unsubscribe();
      window.removeEventListener('keydown', onKey);
    };
  }, [controller]);
  const [exportError, setExportError] = useState<string | null>(null);
  const save = (blob: Blob, name: string, ext: string) => {
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `${name.replace(/[^\w.-]+/g, '_')}.${ext}`;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  };
  const download = async (id: string, name: string) =>
    save(await controller.recordings.blob(id), name, 'csv');
  // The stored Mind Monitor CSV goes through the readers into the EDF+ writer, as `neurosleep export` does.
  const downloadEdf = async (id: string, name: string) => {
    try {
      const converted = await blobToEdfPlus(await controller.recordings.blob(id), `${name}.csv`);
      save(converted.blob, name, 'edf');
      setExportError(converted.error ? `EDF+ export stopped early: ${converted.error.message}` : null);
    } catch (err) {
      setExportError(`EDF+ export failed: ${err instanceof Error ? err.message : String(err)}`);
    }
  };
  return (
    <div className="recording" data-testid="recording">
      {rec.active ? (
        <>
          <button type="button" data-testid="record-stop" onClick={() => void controller.recordings.stop()}>
            Stop recording
          </button>{' '}
          <span data-testid="recording-saved" data-samples={rec.active.samples}>
            {(rec.active.samples / 256).toFixed(1)} s saved
          </span>
        </>
      ) : (
        <button type="button" data-testid="record-start" onClick={() => controller.startRecording()}>
          Record
        </button>
      )}
      {rec.error && <span className="error-text">{rec.error}</span>}
      {exportError && (
        <span className="error-text" role="alert" data-testid="recording-export-error">
          {exportError}
        </span>
      )}
      {rec.unfinished.length > 0 && (
        <ul aria-label="Unfinished recordings" data-testid="unfinished-recordings">
          {rec.unfinished.map((m) => (
            <StoredRecording
              key={m.id}
              meta={m}
              state="not stopped"
              onDownload={download}
              onEdf={downloadEdf}
            >
              <button type="button" onClick={() => void controller.recordings.dismiss(m)}>
                Dismiss
              </button>
            </StoredRecording>
          ))}
        </ul>
      )}
      {rec.saved.length > 0 && (
        <details className="saved-recordings">
          <summary>Saved recordings ({rec.saved.length})</summary>
          <ul aria-label="Saved recordings" data-testid="saved-recordings">
            {rec.saved.map((m) => (
              <StoredRecording key={m.id} meta={m} state="saved" onDownload={download} onEdf={downloadEdf}>
                <button
                  type="button"
                  aria-label={`Delete ${m.name}`}
                  onClick={() => void controller.recordings.remove(m)}
                >
                  Delete
                </button>
              </StoredRecording>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

/** One recording kept in the browser: its length, and downloads as Mind Monitor CSV or EDF+. */
function StoredRecording({
  meta,
  state,
  onDownload,
  onEdf,
  children,
}: {
  meta: RecordingMeta;
  state: string;
  onDownload: (id: string, name: string) => Promise<void>;
  onEdf: (id: string, name: string) => Promise<void>;
  children: ReactNode;
}) {
  return (
    <li>
      {meta.name} · {(meta.samples / 256).toFixed(1)} s, {state}{' '}
      <button type="button" onClick={() => void onDownload(meta.id, meta.name)}>
        Download
      </button>{' '}
      <button
        type="button"
        data-testid="recording-download-edf"
        aria-label={`Download ${meta.name} as EDF+`}
        onClick={() => void onEdf(meta.id, meta.name)}
      >
        EDF+
      </button>{' '}
      {children}
    </li>
  );
}

/** Which line-noise notch runs, and whether it was chosen from the signal. */
function mainsText(m: NonNullable<Snapshot['mains']>): string {
  if (!m.decided) return 'mains: listening…';
  if (m.notchHz === null) return 'no mains notch';
  return m.ratio50 === null && m.ratio60 === null
    ? `${m.notchHz} Hz notch`
    : `${m.notchHz} Hz mains (detected)`;
}
