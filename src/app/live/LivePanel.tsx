import { useEffect, useMemo, useRef, useState } from 'react';
import type uPlot from 'uplot';
import { welch } from '../../../dsp/welch.ts';
import type { DreamSession } from '../../pipeline/dream-session.ts';
import type { SessionController } from '../session-controller.ts';
import { BandHistory, RawHistory } from './signal-history.ts';
import { UPlotChart, type PlotData } from './UPlotChart.tsx';

const RAW_SECONDS = 8;
const BAND_HISTORY_UPDATES = 600;
const SPECTRUM_SAMPLES = 512;
const CHANNEL_COLOURS = ['#7fa8ff', '#f0c75e', '#8ce99a', '#e599f7', '#ffa94d', '#66d9e8'];
const BAND_COLOURS = ['#5c7cfa', '#22b8cf', '#51cf66', '#fcc419', '#ff922b', '#cc5de8'];
const QUALITY_TEXT: Record<number, string> = { 1: 'good', 2: 'ok', 4: 'bad' };

const axisStyle = { stroke: '#9aa3b5', grid: { stroke: '#ffffff14' }, ticks: { stroke: '#ffffff22' } };

interface Histories {
  readonly session: DreamSession;
  readonly raw: RawHistory;
  readonly bands: BandHistory;
}

/** Keeps rolling histories of the current session, rebuilt when the session changes. */
function useHistories(controller: SessionController): Histories | null {
  const [h, setH] = useState<Histories | null>(null);
  useEffect(() => {
    let inner: { unsubscribe(): void } | null = null;
    const outer = controller.session$.subscribe((session) => {
      inner?.unsubscribe();
      if (!session) return setH(null);
      const info = session.source.info;
      const raw = new RawHistory(info.channels.length, info.sampleRate, RAW_SECONDS);
      const bands = new BandHistory(
        session.lastFrame?.bands ?? ['delta', 'theta', 'alpha', 'beta', 'gamma'],
        BAND_HISTORY_UPDATES,
      );
      const a = session.events$.subscribe((e) => {
        if (e.kind === 'samples') raw.push(e);
      });
      const b = session.frames$.subscribe((f) => bands.push(f));
      inner = { unsubscribe: () => (a.unsubscribe(), b.unsubscribe()) };
      setH({ session, raw, bands });
    });
    return () => {
      outer.unsubscribe();
      inner?.unsubscribe();
    };
  }, [controller]);
  return h;
}

export function LivePanel({ controller }: { controller: SessionController }) {
  const h = useHistories(controller);
  if (!h) return null;
  return (
    <LivePanelFor key={h.raw.sampleRate + ':' + h.session.source.info.label} h={h} controller={controller} />
  );
}

function LivePanelFor({ h, controller }: { h: Histories; controller: SessionController }) {
  const info = h.session.source.info;
  const scratch = useRef(new Float64Array(SPECTRUM_SAMPLES));

  const rawOptions = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [{ ...axisStyle }, { ...axisStyle, size: 44 }],
      series: [{}, ...info.channels.map((c, i) => ({ label: c, stroke: CHANNEL_COLOURS[i % 6], width: 1 }))],
    }),
    [info.channels],
  );
  const spectrumOptions = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false, range: [1, 45] }, y: { distr: 3 } },
      axes: [{ ...axisStyle }, { ...axisStyle, size: 44 }],
      series: [{}, { label: 'mean PSD µV²/Hz', stroke: '#8fb3ff', width: 1.5 }],
    }),
    [],
  );
  const bandOptions = useMemo<Omit<uPlot.Options, 'width' | 'height'>>(
    () => ({
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
      axes: [{ ...axisStyle }, { ...axisStyle, size: 44 }],
      series: [
        {},
        ...h.bands.bandNames.map((b, i) => ({ label: b, stroke: BAND_COLOURS[i % 6], width: 1.5 })),
      ],
    }),
    [h.bands.bandNames],
  );

  const readRaw = (): PlotData | null => {
    if (!info.hasRawEeg) return null;
    const { t, values } = h.raw.series();
    // Channels are stacked 150 µV apart so the traces do not overlap.
    const stacked = values.map((v, c) =>
      v.map((x) => (x === null ? null : x + (values.length - 1 - c) * 150)),
    );
    return [t, ...stacked] as PlotData;
  };
  const readSpectrum = (): PlotData | null => {
    if (!info.hasRawEeg) return null;
    let mean: Float64Array | null = null;
    let freqs: Float64Array | null = null;
    let used = 0;
    for (let c = 0; c < info.channels.length; c++) {
      const x = h.raw.latest(c, SPECTRUM_SAMPLES, scratch.current);
      const r = welch(x, info.sampleRate, { nperseg: 256, noverlap: 128 });
      if (!r.valid) continue;
      freqs = r.freqs;
      mean ??= new Float64Array(r.psd.length);
      for (let i = 0; i < r.psd.length; i++) mean[i] = (mean[i] ?? 0) + (r.psd[i] ?? 0);
      used++;
    }
    if (!mean || !freqs || used === 0) return null;
    const xs: number[] = [];
    const ys: number[] = [];
    freqs.forEach((f, i) => {
      if (f >= 1 && f <= 45) {
        xs.push(f);
        ys.push(Math.max(1e-3, (mean[i] ?? 0) / used));
      }
    });
    return [xs, ys];
  };
  const readBands = (): PlotData | null => {
    const { t, values } = h.bands.series();
    return t.length ? ([t, ...values] as PlotData) : null;
  };

  return (
    <aside className="live-panel" aria-label="Live signals" data-testid="live-panel">
      <h2>Raw EEG, last {RAW_SECONDS} s (µV, stacked)</h2>
      {info.hasRawEeg ? (
        <UPlotChart options={rawOptions} read={readRaw} label="Raw EEG traces" />
      ) : (
        <p className="note">This recording has no raw EEG stream: its band powers come from the file.</p>
      )}
      {info.hasRawEeg && (
        <>
          <h2>Spectrum, last 2 s</h2>
          <UPlotChart
            options={spectrumOptions}
            read={readSpectrum}
            refreshMs={500}
            label="Power spectrum, 1 to 45 Hz"
          />
        </>
      )}
      <h2>Band powers (log10 µV²/Hz summed per band)</h2>
      <UPlotChart options={bandOptions} read={readBands} refreshMs={500} label="Band power history" />
      <SignalStatus controller={controller} />
    </aside>
  );
}

/** Electrode contact (horseshoe style), gaps and markers, refreshed a few times a second. */
function SignalStatus({ controller }: { controller: SessionController }) {
  const [snap, setSnap] = useState(() => controller.snapshot());
  useEffect(() => {
    const timer = setInterval(() => setSnap(controller.snapshot()), 500);
    return () => clearInterval(timer);
  }, [controller]);
  const quality = snap.bandPowers?.quality ?? [];
  return (
    <div className="signal-status">
      <div className="horseshoe" role="group" aria-label="Electrode contact">
        {snap.source.channels.map((c, i) => {
          const q = quality[i] ?? 4;
          return (
            <span
              key={c}
              className={`electrode q${q}`}
              title={`${c}: ${QUALITY_TEXT[q] ?? 'unknown'} contact`}
            >
              {c}
              <small>{QUALITY_TEXT[q] ?? '—'}</small>
            </span>
          );
        })}
      </div>
      <div data-testid="gap-indicator">
        Gaps: {snap.gaps.count} ({snap.gaps.missingSamples} samples lost
        {snap.samplesReceived > 0 &&
          `, ${((100 * snap.gaps.missingSamples) / (snap.samplesReceived + snap.gaps.missingSamples)).toFixed(2)}%`}
        ) · Markers: {snap.markers}
      </div>
    </div>
  );
}
