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
import { streamToAsyncIterable, type RecordingScan } from '../readers/index.ts';
import { scanWithMapping, type ChannelMapping } from './channels/channel-mapping.ts';
import {
  loadSessionHypnogram,
  sortOpenedFiles,
  type NamedBlob,
  type SessionHypnogram,
} from './hypnogram/hypnogram-files.ts';
import { RecordingPlayback } from './playback.ts';
import { SessionRecording } from './session-recording.ts';
import { createSynthSource } from '../source/synth-source.ts';
import { realTimeClock } from '../source/clock.ts';
import { browserStorage, ProfileStore, startingBaseline, type BaselineRecord } from '../profiles/index.ts';
import type { BaselineOrigin } from '../dream/calibrated-indices.ts';
import type { MainsStatus } from '../pipeline/mains-choice.ts';
import { simdKernelsStatus } from '../../dsp/wasm/kernels.ts';
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
  /** The baseline the indices are z-scored against, and the profile it belongs to. */
  calibration: CalibrationSnapshot;
  /**
   * How the band-power engine computes its spectra: `simd` true for WebAssembly SIMD, false for JavaScript and
   * fft.js (same results to rounding, slower), with the reason.
   */
  spectra: { readonly simd: boolean; readonly reason: string };
  /**
   * The mains notch: `notchHz` in use, `decided` false while the first seconds are still being listened to,
   * `detectedHz` the hum found (null: none stood out, or not listened for), and the peak-over-surroundings
   * figures it was decided on; null without raw EEG.
   */
  mains: {
    notchHz: 50 | 60 | null;
    decided: boolean;
    detectedHz: 50 | 60 | null;
    ratio50: number | null;
    ratio60: number | null;
  } | null;
}

export interface CalibrationSnapshot {
  /** 0..1 while this session collects its own baseline; 1 once a baseline drives the indices. */
  progress: number;
  origin: BaselineOrigin;
  /** The active profile, if any. */
  profile: { id: string; name: string } | null;
  /** The saved baseline in use (origin 'saved'): whose, when, how long, which steps. */
  saved: {
    profile: string;
    createdAt: string;
    durationS: number;
    steps: string[];
    alphaReactivity: number | null;
  } | null;
  /** Why the active profile's saved baseline is not in use, when it is damaged. */
  problem: string | null;
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
  /** How an EDF/BDF montage's signals feed the dream, or null when the recording plays as it is. */
  readonly channelMapping$ = new BehaviorSubject<ChannelMapping | null>(null);
  readonly channelPicker$ = new BehaviorSubject<boolean>(false);
  /** The hypnogram opened beside the recording that plays, on its session clock. */
  readonly hypnogram$ = new BehaviorSubject<SessionHypnogram | null>(null);
  /** The report's record of the session that plays (or last played). */
  recording: SessionRecording | null = null;
  /** Emits whenever unplug, resume or de-escalation changes, so the UI can react at once. */
  readonly safety$ = new BehaviorSubject<boolean>(false);
  /** Set by the canvas in debug virtual-frame mode: renders n frames of dtS each, optionally measured. */
  stepFrames: ((n: number, dtS: number, probe: boolean) => FrameProbe | null) | null = null;
  private fps = 0;
  private forced: { state: DreamState; why: DreamWhy } | null = null;
  private presenceOn = true;
  /** The saved baseline the current session runs on, with its profile; null when it calibrates itself. */
  private savedBaseline: { profileId: string; record: BaselineRecord } | null = null;
  private baselineProblem: string | null = null;

  constructor(
    policy: SafetyPolicy = HOME_POLICY,
    /** Local profiles; a new session starts from the active profile's saved baseline for its channels. */
    readonly profiles: ProfileStore = new ProfileStore(browserStorage()),
  ) {
    this.governor = new SafetyGovernor(policy);
    // Profiles deleted (here, in another tab, or by "delete all my data"): a baseline whose profile is gone
    // stops driving the indices, and the session calibrates afresh.
    this.profiles.state$.subscribe((state) => {
      const saved = this.savedBaseline;
      if (!saved || state.profiles.some((p) => p.id === saved.profileId)) return;
      this.savedBaseline = null;
      this.session?.calibration.useBaseline(null);
    });
  }

  get session(): DreamSession | null {
    return this.session$.value;
  }

  play(source: EegSource): DreamSession {
    if (!this.playingRecording && this.playback$.value) {
      this.playback$.value.dispose();
      this.playback$.next(null);
      this.channelMapping$.next(null);
      this.channelPicker$.next(false);
      this.hypnogram$.next(null);
    }
    this.session?.stop();
    this.recording?.stop();
    // A headset left running would go on sampling (and a kiosk would collect one per session).
    if (this.mockMuse && this.mockMuse.source !== source) this.releaseMockMuse();
    const start = startingBaseline(this.profiles, source.info);
    this.baselineProblem = start.problem;
    if (start.problem) this.loadError$.next(start.problem);
    this.savedBaseline =
      start.profile && start.record ? { profileId: start.profile.id, record: start.record } : null;
    // The notch follows the line noise the signal shows: 60 Hz in the Americas, 50 Hz in most of the world.
    const session = new DreamSession(
      source,
      { mainsHz: 'auto' },
      start.baseline ? { baseline: start.baseline } : {},
    );
    this.recording = new SessionRecording(session, this.governor.audit);
    this.session$.next(session);
    return session;
  }

  /**
   * Debug only (`?debug=1&speed=N`): the demo and the emulated headset run N times faster than real time, and
   * so does the kiosk's clock, so that tests live through an hour of kiosk in a minute.
   */
  speed = 1;

  startDemo(): DreamSession {
    this.loadError$.next(null);
    return this.play(
      createSynthSource({
        seed: 7,
        session: 'demo',
        ...(this.speed !== 1 ? { clock: realTimeClock(this.speed) } : {}),
      }),
    );
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

  /** Keys 1–5: a numbered marker in the live session (count, panel, report) and in the recording, if any. */
  mark(label: string): void {
    this.session?.mark(label);
    this.recordings.mark(label);
  }

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
      // One emulated headset at a time: the last one stops sampling before the next is installed.
      this.releaseMockMuse();
      const clock = this.speed !== 1 ? realTimeClock(this.speed) : undefined;
      const installed = await installMockMuseFromParams(params, clock, this.speed);
      const preset = params.get('preset');
      let source: MuseSource;
      try {
        source = await connectMuse({
          kind: 'mock',
          ...(clock ? { clock } : {}),
          ...(preset === 'p20' || preset === 'p50' ? { preset } : {}),
        });
      } catch (err) {
        installed.uninstall();
        throw err;
      }
      this.loadError$.next(null);
      this.mockMuse = { installed, source };
      this.play(source);
    } catch (err) {
      this.loadError$.next(describeError(err));
      this.startDemo();
    }
  }

  /**
   * Opens a recording from the picker, a drop or a URL. A bad file leaves what is playing untouched. An EDF/BDF
   * montage plays the mapped signals (`mapping`, else the suggested ones, and the channel picker opens).
   */
  async openRecording(
    blob: Blob,
    name: string,
    options: { mapping?: ChannelMapping; atS?: number; hypnogram?: NamedBlob; keepHypnogram?: boolean } = {},
  ): Promise<void> {
    try {
      const open = () => streamToAsyncIterable(blob.stream());
      const { scan, mapping } = await scanWithMapping(name, open, options.mapping);
      const playback = new RecordingPlayback(name, blob, scan, (source) => this.playRecordingSource(source));
      await playback.start(options.atS ?? 0);
      this.playback$.value?.dispose();
      this.playback$.next(playback);
      this.channelMapping$.next(mapping);
      this.channelPicker$.next(mapping !== null && !options.mapping);
      if (!options.keepHypnogram) this.hypnogram$.next(null);
      this.loadError$.next(null);
      if (options.hypnogram) await this.attachHypnogram(options.hypnogram, scan);
    } catch (err) {
      this.loadError$.next(describeError(err));
    }
  }

  /** Files opened together: a recording and the hypnogram beside it, or a hypnogram for what plays now. */
  async openFiles(files: readonly NamedBlob[]): Promise<void> {
    let sorted: Awaited<ReturnType<typeof sortOpenedFiles>>;
    try {
      sorted = await sortOpenedFiles(files);
    } catch (err) {
      this.loadError$.next(describeError(err));
      return;
    }
    const { recording, hypnogram } = sorted;
    const playing = this.playback$.value;
    if (recording) await this.openRecording(recording.blob, recording.name, hypnogram ? { hypnogram } : {});
    else if (hypnogram && playing) await this.attachHypnogram(hypnogram, playing.scan);
    else if (hypnogram) await this.openRecording(hypnogram.blob, hypnogram.name);
  }

  private async attachHypnogram(file: NamedBlob, scan: RecordingScan): Promise<void> {
    try {
      this.hypnogram$.next(await loadSessionHypnogram(file, scan));
    } catch (err) {
      this.loadError$.next(describeError(err));
    }
  }

  /** The emulated headset of `?source=mock`, and the source connected to it. */
  private mockMuse: { installed: { uninstall(): void }; source: EegSource } | null = null;

  private releaseMockMuse(): void {
    // The source first: a headset vanishing under a live source would send it into its reconnect loop.
    this.mockMuse?.source.stop();
    this.mockMuse?.installed.uninstall();
    this.mockMuse = null;
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

  /**
   * Makes a profile active (null: none) and has the running session follow it at once: its saved baseline for
   * this channel set drives the indices from the next update; without one, a session that ran on another
   * profile's baseline calibrates afresh.
   */
  selectProfile(id: string | null): void {
    this.profiles.select(id);
    const session = this.session;
    if (!session) return;
    const start = startingBaseline(this.profiles, session.source.info);
    this.baselineProblem = start.problem;
    if (start.problem) this.loadError$.next(start.problem);
    if (start.baseline && start.profile && start.record) {
      session.calibration.useBaseline(start.baseline);
      this.savedBaseline = { profileId: start.profile.id, record: start.record };
    } else if (this.savedBaseline) {
      session.calibration.useBaseline(null);
      this.savedBaseline = null;
    }
  }

  /** Keeps a finished calibration in the profile, makes the profile active and runs on the new baseline. */
  saveCalibration(profileId: string, record: BaselineRecord): void {
    this.profiles.saveBaseline(profileId, record);
    this.selectProfile(profileId);
  }

  private calibrationSnapshot(session: DreamSession | null): CalibrationSnapshot {
    const active = this.profiles.active;
    const saved = this.savedBaseline;
    const origin = session?.calibration.baselineOrigin ?? 'calibrating';
    const owner = saved && this.profiles.get(saved.profileId);
    return {
      progress: session?.calibration.progress ?? 0,
      origin,
      profile: active && { id: active.id, name: active.name },
      saved:
        origin === 'saved' && saved
          ? {
              profile: owner?.name ?? 'a deleted profile',
              createdAt: saved.record.createdAt,
              durationS: saved.record.baseline.durationS,
              steps: [...saved.record.steps],
              alphaReactivity: saved.record.eyes?.alphaReactivity ?? null,
            }
          : null,
      problem: this.baselineProblem,
    };
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
      calibration: this.calibrationSnapshot(session ?? null),
      mains: mainsSnapshot(session?.mains$.value ?? null),
      spectra: simdKernelsStatus(),
      ...(device ? { device } : {}),
    };
  }
}

function mainsSnapshot(m: MainsStatus | null): Snapshot['mains'] {
  if (m === null) return null;
  const round = (x: number | undefined) => (x === undefined ? null : Math.round(x * 100) / 100);
  return {
    notchHz: m.notchHz,
    decided: m.decided,
    detectedHz: m.detection?.mainsHz ?? null,
    ratio50: round(m.detection?.ratio50),
    ratio60: round(m.detection?.ratio60),
  };
}
