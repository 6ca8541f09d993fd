/**
 * Wires one source through the DSP and the dream model, and keeps the figures that `snapshot()` reports.
 * The governor is not here: it runs per displayed frame on wall-clock time (see src/app/governor-loop.ts), so its
 * rate limits hold at any playback speed.
 */
import { BehaviorSubject, finalize, merge, Subject, share, type Observable, type Subscription } from 'rxjs';
import type { ArtifactEvent } from '../../dsp/artifacts.ts';
import type { Baseline } from '../../dsp/indices.ts';
import type { CalibratedIndices } from '../dream/calibrated-indices.ts';
import { DreamModel } from '../dream/dream-model.ts';
import { CALM_DREAM, type DreamState, type DreamWhy } from '../dream/dream-state.ts';
import type { EegSource, EventMarker, SourceEvent, SourceStatus } from '../source/types.ts';
import { toArtifactEvents, toBandPowerFrames, type StreamOptions } from './band-power-frames.ts';
import type { MainsStatus } from './mains-choice.ts';
import type { BandPowerFrame } from './frames.ts';
import { withMotionArtifacts } from './motion-artifacts.ts';

/** Markers kept for the UI; older ones drop off so a days-long kiosk session does not grow. */
const MAX_MARKERS_KEPT = 1000;

export interface SessionStats {
  samplesReceived: number;
  gaps: number;
  gapSamples: number;
  markers: number;
}

export class DreamSession {
  readonly status$: BehaviorSubject<SourceStatus>;
  readonly frames$ = new Subject<BandPowerFrame>();
  /** The source's events, shared: late subscribers (the live panel) see them from when they subscribe. */
  readonly events$: Observable<SourceEvent>;
  /** Blink, jaw-clench and (with an IMU) motion events; runs only while subscribed. */
  readonly artifacts$: Observable<ArtifactEvent>;
  readonly dream$: BehaviorSubject<{ state: DreamState; why: DreamWhy | null }>;
  /** The mains notch in use and, with `mainsHz: 'auto'`, what decided it; null for a source without raw EEG. */
  readonly mains$ = new BehaviorSubject<MainsStatus | null>(null);
  readonly stats: SessionStats = { samplesReceived: 0, gaps: 0, gapSamples: 0, markers: 0 };
  readonly recentMarkers: EventMarker[] = [];
  lastFrame: BandPowerFrame | null = null;
  /** Signal time (s) of the newest sample or frame. */
  signalTime = 0;
  private readonly subscriptions: Subscription[] = [];
  private readonly model: DreamModel;
  private readonly userMarkers$ = new Subject<EventMarker>();

  constructor(
    readonly source: EegSource,
    options: StreamOptions = {},
    /** A saved baseline to start from (no calibration phase), or the calibration's length. */
    calibration: { durationS?: number; baseline?: Baseline } = {},
  ) {
    this.status$ = new BehaviorSubject<SourceStatus>({ state: 'connecting' });
    this.dream$ = new BehaviorSubject<{ state: DreamState; why: DreamWhy | null }>({
      state: CALM_DREAM,
      why: null,
    });
    this.model = new DreamModel(source.info.sampleRate, calibration);
    // User markers join the source's events, so the count, the panel and the report see them like recorded ones.
    const events$ = merge(
      source.events$.pipe(finalize(() => this.userMarkers$.complete())),
      this.userMarkers$,
    ).pipe(share());
    this.events$ = events$;
    this.artifacts$ = events$.pipe(
      toArtifactEvents(source.info, options),
      withMotionArtifacts(source),
      share(),
    );
    this.subscriptions.push(source.status$.subscribe((s) => this.status$.next(s)));
    this.subscriptions.push(
      events$.subscribe({
        next: (e) => this.count(e),
        error: (err: unknown) =>
          this.status$.next({ state: 'error', reason: err instanceof Error ? err.message : String(err) }),
      }),
    );
    this.subscriptions.push(
      events$
        .pipe(toBandPowerFrames(source.info, options, source.imu$, (m) => this.mains$.next(m)))
        .subscribe({
          next: (frame) => {
            this.lastFrame = frame;
            this.signalTime = Math.max(this.signalTime, frame.t);
            this.dream$.next(this.model.update(frame));
            this.frames$.next(frame);
          },
          // The count subscription reports source errors; a DSP error is reported here.
          error: (err: unknown) =>
            this.status$.next({ state: 'error', reason: err instanceof Error ? err.message : String(err) }),
        }),
    );
  }

  /** The sleeper's baseline: its progress and origin, and the switch to a saved one. */
  get calibration(): CalibratedIndices {
    return this.model.calibrated;
  }

  /** A user's marker (keys 1–5 give `/Marker/1` … `/Marker/5`, as in Mind Monitor) at the newest sample. */
  mark(label: string): EventMarker {
    const marker: EventMarker = { kind: 'marker', t: this.signalTime, label };
    this.userMarkers$.next(marker);
    return marker;
  }

  private count(e: SourceEvent): void {
    switch (e.kind) {
      case 'samples':
        this.stats.samplesReceived += e.length;
        this.signalTime = Math.max(this.signalTime, e.t0 + e.length / e.sampleRate);
        break;
      case 'gap':
        this.stats.gaps++;
        this.stats.gapSamples += e.missingSamples;
        this.model.lost(e.t, e.missingSamples);
        break;
      case 'marker':
        this.stats.markers++;
        this.recentMarkers.push(e);
        if (this.recentMarkers.length > MAX_MARKERS_KEPT) this.recentMarkers.shift();
        break;
      case 'recorded-bandpowers':
        this.signalTime = Math.max(this.signalTime, e.t);
        break;
    }
  }

  stop(): void {
    for (const s of this.subscriptions) s.unsubscribe();
    this.subscriptions.length = 0;
    this.source.stop();
  }
}
