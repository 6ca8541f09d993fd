/**
 * The app's one owner of "what is playing": it starts the demo, recordings and (later) devices, keeps the scene
 * parameter store that the governor writes, and answers `snapshot()`.
 */
import { BehaviorSubject } from 'rxjs';
import { createSceneParamsStore, type SceneParams, type SceneParamsStore } from '../../scenes/params.ts';
import { CALM_DREAM, completeDreamState, type DreamState, type DreamWhy } from '../dream/dream-state.ts';
import { DreamSession } from '../pipeline/dream-session.ts';
import type { AuditEntry } from '../safety/audit.ts';
import type { FrameProbe } from './frame-probe.ts';
import { SafetyGovernor, type GovernorStatus } from '../safety/governor.ts';
import { HOME_POLICY, type SafetyPolicy } from '../safety/policy.ts';
import { describeError } from '../source/paced-source.ts';
import { connectMuse, type MuseDeviceState, type MuseSource } from '../source/muse-source.ts';
import { RecordingController } from '../source/muse-recorder.ts';
import { scanRecording, streamToAsyncIterable } from '../readers/index.ts';
import { RecordingPlayback } from './playback.ts';
import { SessionRecording } from './session-recording.ts';
import { createSynthSource } from '../source/synth-source.ts';
import type { EegSource, SourceInfo, SourceStatus } from '../source/types.ts';

export interface Snapshot {
  /** The headset's own state when the source is a Muse (real or emulated). */
  device?: MuseDeviceState;
  source: {
    kind: SourceInfo['kind'];
    label: string;
    channels: readonly string[];
    hasRawEeg: boolean;
    note?: string;
  };
  status: SourceStatus;
  sampleRate: number;
  samplesReceived: number;
  gaps: { count: number; missingSamples: number };
  markers: number;
  signalTimeS: number;
  bandPowers: {
    t: number;
    origin: 'dsp' | 'recording';
    bands: readonly string[];
    channels: readonly string[];
    absolute: number[];
    relative: number[];
    meanRelative: number[];
    quality: number[];
  } | null;
  dreamState: DreamState;
  why: DreamWhy | null;
  /** True while `forceDreamState` (debug only) bypasses the model; the governor still applies. */
  forced: boolean;
  sceneParams: SceneParams;
  /** The governor's policy and state: unplugged, de-escalating, reduced motion. */
  safety: GovernorStatus;
  /** Every governor intervention and policy change, oldest first. */
  audit: AuditEntry[];
  fps: number;
}

/** Presence below this counts as the headset taken off. */
const PRESENCE_OFF = 0.5;

export class SessionController {
  readonly sceneStore: SceneParamsStore = createSceneParamsStore();
  readonly governor: SafetyGovernor;
  readonly session$ = new BehaviorSubject<DreamSession | null>(null);
  readonly loadError$ = new BehaviorSubject<string | null>(null);
  /** Pause, speed, seek and loop of the recording that plays, or null for live sources and the demo. */
  readonly playback$ = new BehaviorSubject<RecordingPlayback | null>(null);
  private playingRecording = false;
  /** The report's record of the session that plays (or last played). */
  recording: SessionRecording | null = null;
  /** Emits whenever unplug, resume or de-escalation changes, so the UI can react at once. */
  readonly safety$ = new BehaviorSubject<boolean>(false);
  /** Set by the canvas in debug virtual-frame mode: renders n frames of dtS each, optionally measured. */
  stepFrames: ((n: number, dtS: number, probe: boolean) => FrameProbe | null) | null = null;
  private fps = 0;
  private forced: { state: DreamState; why: DreamWhy } | null = null;
  private presenceOn = true;

  constructor(policy: SafetyPolicy = HOME_POLICY) {
    this.governor = new SafetyGovernor(policy);
  }

  get session(): DreamSession | null {
    return this.session$.value;
  }

  play(source: EegSource): DreamSession {
    if (!this.playingRecording && this.playback$.value) {
      this.playback$.value.dispose();
      this.playback$.next(null);
    }
    this.session?.stop();
    this.recording?.stop();
    const session = new DreamSession(source);
    this.recording = new SessionRecording(session, this.governor.audit);
    this.session$.next(session);
    return session;
  }

  startDemo(): DreamSession {
    this.loadError$.next(null);
    return this.play(createSynthSource({ seed: 7, session: 'demo' }));
  }

  /**
   * Connects a Muse over Web Bluetooth. Call it from a click: the browser's chooser needs a user gesture.
   * A failure (no Web Bluetooth, chooser cancelled, not a Muse…) is said in plain words; what plays stays.
   */
  async connectMuse(): Promise<MuseSource | null> {
    try {
      const source = await connectMuse({ kind: 'muse' });
      this.loadError$.next(null);
      this.play(source);
      return source;
    } catch (err) {
      this.loadError$.next(describeError(err));
      return null;
    }
  }

  /** Records what plays to browser storage (flushed twice a second); unfinished ones survive a reload. */
  readonly recordings = new RecordingController();

  /** Starts recording the current session as Mind Monitor CSV, with its latest band powers and battery. */
  startRecording(): void {
    const session = this.session;
    if (!session) return;
    const device = (session.source as Partial<MuseSource>).device$;
    this.recordings.start(session.source, () => {
      const frame = session.lastFrame;
      const fiveBands = frame?.bands.length === 5;
      return {
        ...(fiveBands ? { absolute: frame.absolute, hsi: frame.quality } : {}),
        ...(device?.value.batteryPct !== undefined ? { batteryPct: device.value.batteryPct } : {}),
      };
    });
  }

  /**
   * `?source=mock`: installs the emulated headset (fed by `recording`, or the synthesizer, with the faults in
   * the query string) and connects to it through the same muse-js path as a real Muse.
   */
  async startMockMuse(params: URLSearchParams): Promise<void> {
    try {
      const { installMockMuseFromParams } = await import('../../hardware-mocks/muse/from-url.ts');
      await installMockMuseFromParams(params);
      const source = await connectMuse({ kind: 'mock' });
      this.loadError$.next(null);
      this.play(source);
    } catch (err) {
      this.loadError$.next(describeError(err));
      this.startDemo();
    }
  }

  /** Opens a recording from the picker, a drop or a URL. A bad file leaves what is playing untouched. */
  async openRecording(blob: Blob, name: string): Promise<void> {
    try {
      const scan = await scanRecording(name, () => streamToAsyncIterable(blob.stream()));
      const playback = new RecordingPlayback(name, blob, scan, (source) => this.playRecordingSource(source));
      await playback.start(0);
      this.playback$.value?.dispose();
      this.playback$.next(playback);
      this.loadError$.next(null);
    } catch (err) {
      this.loadError$.next(describeError(err));
    }
  }

  /** Playback's own path into `play`, which keeps the playback (every other source ends it). */
  private playRecordingSource(source: EegSource): void {
    this.playingRecording = true;
    try {
      this.play(source);
    } finally {
      this.playingRecording = false;
    }
  }

  async openUrl(url: string): Promise<void> {
    const name = decodeURIComponent(url.split(/[?#]/)[0]?.split('/').pop() || url);
    let response: Response;
    try {
      response = await fetch(url);
    } catch (err) {
      this.loadError$.next(`${name}: could not be fetched (${describeError(err)})`);
      return;
    }
    if (!response.ok) {
      this.loadError$.next(`${name}: the server answered ${response.status} ${response.statusText}`);
      return;
    }
    await this.openRecording(await response.blob(), name);
  }

  /** Fades to the calm neutral form and stops all stimulation; the session keeps running and recording. */
  unplug(cause: string): void {
    this.governor.unplug(cause);
    this.safety$.next(true);
  }

  resume(cause: string): void {
    this.governor.resume(cause);
    this.safety$.next(false);
  }

  /**
   * Debug only (the console API offers it under ?debug=1): bypasses the dream model with `state` (missing
   * dimensions are calm), or hands control back to the model with null. Never bypasses the governor.
   */
  forceDreamState(state: Partial<Record<keyof DreamState, unknown>> | null): DreamState | null {
    if (state === null) {
      if (this.forced) this.governor.audit.record(this.governor.status().timeS, 'forced-state', 'released');
      this.forced = null;
      return null;
    }
    const full = completeDreamState(state);
    if (!this.forced)
      this.governor.audit.record(
        this.governor.status().timeS,
        'forced-state',
        'dream model bypassed from the debug console',
      );
    const why = { forcedByDebugConsole: 1 };
    this.forced = {
      state: full,
      why: { calm: why, dread: why, wonder: why, drowsiness: why, glitch: why, presence: why },
    };
    return full;
  }

  /** Called once per displayed frame with the wall-clock frame time, so governor limits hold at any speed. */
  tick(deltaS: number): void {
    const state = this.forced?.state ?? this.session?.dream$.value.state;
    if (state) {
      // Taking the headset off is an unplug; putting it back on waits for the sleeper to choose to resume.
      const on = state.presence >= PRESENCE_OFF;
      if (this.presenceOn && !on) this.unplug('headset removed (no electrode contact)');
      this.presenceOn = on;
      const wasDeEscalating = this.governor.status().deEscalating;
      this.sceneStore.current = this.governor.update(state, deltaS);
      if (this.governor.status().deEscalating !== wasDeEscalating) this.safety$.next(this.governor.unplugged);
    }
    if (deltaS > 0) this.fps += (1 / deltaS - this.fps) * Math.min(1, deltaS * 2);
  }

  snapshot(): Snapshot {
    const device = (this.session?.source as Partial<MuseSource> | undefined)?.device$?.value;
    const session = this.session;
    const info = session?.source.info;
    const frame = session?.lastFrame ?? null;
    const dream = this.forced ?? session?.dream$.value;
    return {
      source: {
        kind: info?.kind ?? 'synth',
        label: info?.label ?? 'none',
        channels: info?.channels ?? [],
        hasRawEeg: info?.hasRawEeg ?? false,
        ...(info?.note ? { note: info.note } : {}),
      },
      status: session?.status$.value ?? { state: 'idle' },
      sampleRate: info?.sampleRate ?? 0,
      samplesReceived: session?.stats.samplesReceived ?? 0,
      gaps: { count: session?.stats.gaps ?? 0, missingSamples: session?.stats.gapSamples ?? 0 },
      markers: session?.stats.markers ?? 0,
      signalTimeS: session?.signalTime ?? 0,
      bandPowers: frame && {
        t: frame.t,
        origin: frame.origin,
        bands: frame.bands,
        channels: frame.channels,
        absolute: Array.from(frame.absolute),
        relative: Array.from(frame.relative),
        meanRelative: Array.from(frame.meanRelative),
        quality: Array.from(frame.quality),
      },
      dreamState: dream?.state ?? CALM_DREAM,
      why: dream?.why ?? null,
      forced: this.forced !== null,
      sceneParams: { ...this.sceneStore.current },
      safety: this.governor.status(),
      audit: [...this.governor.audit.entries()],
      fps: Math.round(this.fps * 10) / 10,
      ...(device ? { device } : {}),
    };
  }
}
