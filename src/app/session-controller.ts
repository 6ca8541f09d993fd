/**
 * The app's one owner of "what is playing": it starts the demo, recordings and (later) devices, keeps the scene
 * parameter store that the governor writes, and answers `snapshot()`.
 */
import { BehaviorSubject } from 'rxjs';
import { createSceneParamsStore, type SceneParams, type SceneParamsStore } from '../../scenes/params.ts';
import type { DreamState, DreamWhy } from '../dream/dream-state.ts';
import { DreamSession } from '../pipeline/dream-session.ts';
import { SafetyGovernor } from '../safety/governor.ts';
import { describeError } from '../source/paced-source.ts';
import { openBlobRecording } from '../source/recording-source.ts';
import { createSynthSource } from '../source/synth-source.ts';
import type { EegSource, SourceInfo, SourceStatus } from '../source/types.ts';

export interface Snapshot {
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
  sceneParams: SceneParams;
  fps: number;
}

export class SessionController {
  readonly sceneStore: SceneParamsStore = createSceneParamsStore();
  readonly governor = new SafetyGovernor();
  readonly session$ = new BehaviorSubject<DreamSession | null>(null);
  readonly loadError$ = new BehaviorSubject<string | null>(null);
  private fps = 0;

  get session(): DreamSession | null {
    return this.session$.value;
  }

  play(source: EegSource): DreamSession {
    this.session?.stop();
    const session = new DreamSession(source);
    this.session$.next(session);
    return session;
  }

  startDemo(): DreamSession {
    this.loadError$.next(null);
    return this.play(createSynthSource({ seed: 7, session: 'demo' }));
  }

  /** Opens a recording from the picker, a drop or a URL. A bad file leaves what is playing untouched. */
  async openRecording(blob: Blob, name: string): Promise<void> {
    try {
      const source = await openBlobRecording(blob, name);
      this.loadError$.next(null);
      this.play(source);
    } catch (err) {
      this.loadError$.next(describeError(err));
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

  /** Called once per displayed frame with the wall-clock frame time, so governor limits hold at any speed. */
  tick(deltaS: number): void {
    const state = this.session?.dream$.value.state;
    if (state) this.sceneStore.current = this.governor.update(state, deltaS);
    if (deltaS > 0) this.fps += (1 / deltaS - this.fps) * Math.min(1, deltaS * 2);
  }

  snapshot(): Snapshot {
    const session = this.session;
    const info = session?.source.info;
    const frame = session?.lastFrame ?? null;
    const dream = session?.dream$.value;
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
      dreamState: dream?.state ?? { calm: 1, dread: 0, wonder: 0, glitch: 0 },
      why: dream?.why ?? null,
      sceneParams: { ...this.sceneStore.current },
      fps: Math.round(this.fps * 10) / 10,
    };
  }
}
