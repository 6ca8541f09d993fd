/**
 * Playback of one recording as the user steers it: pause, speed, seek and loop. A seek restarts the recording's
 * source at the new position (a fresh DSP window, the previous session ends there); the scan is reused, so a seek
 * costs one fast parse up to the position.
 */
import { BehaviorSubject } from 'rxjs';
import {
  RecordingError,
  readRecording,
  streamToAsyncIterable,
  type RecordingScan,
} from '../readers/index.ts';
import { ControlledClock } from '../source/clock.ts';
import { openRecordingSource } from '../source/recording-source.ts';
import type { EegSource } from '../source/types.ts';

export const PLAYBACK_SPEEDS = [0.25, 0.5, 1, 2, 4, 8, 16] as const;
/** Fast-forward, up to 1000×, offered for recordings at least this long (an overnight EDF plays in 30 s). */
export const FAST_FORWARD_MIN_S = 600;
export const FAST_FORWARD_SPEEDS = [32, 64, 128, 256, 500, 1000] as const;

/** The speeds offered for a recording of `durationS`. */
export function playbackSpeeds(durationS: number): readonly number[] {
  return durationS >= FAST_FORWARD_MIN_S ? [...PLAYBACK_SPEEDS, ...FAST_FORWARD_SPEEDS] : PLAYBACK_SPEEDS;
}
/** Markers and gaps kept for the timeline; beyond this they are counted, not drawn. */
const TIMELINE_LIMIT = 2000;

export interface PlaybackState {
  readonly paused: boolean;
  readonly rate: number;
  readonly loop: boolean;
  readonly durationS: number;
}

export interface TimelineMarks {
  readonly markers: { t: number; label: string }[];
  readonly gaps: { t: number; missingSamples: number }[];
  /** Why the timeline ends early (a malformed line). */
  error?: string;
}

export class RecordingPlayback {
  readonly state$: BehaviorSubject<PlaybackState>;
  readonly timeline$ = new BehaviorSubject<TimelineMarks>({ markers: [], gaps: [] });
  private clock = new ControlledClock(0);
  private generation = 0;
  private disposed = false;

  constructor(
    readonly name: string,
    readonly blob: Blob,
    readonly scan: RecordingScan,
    private readonly play: (source: EegSource) => void,
  ) {
    this.state$ = new BehaviorSubject<PlaybackState>({
      paused: false,
      rate: 1,
      loop: false,
      durationS: scan.durationS,
    });
    void this.collectTimeline();
  }

  private open = () => streamToAsyncIterable(this.blob.stream());

  /** Position in the recording, s. */
  get positionS(): number {
    return Math.min(this.state$.value.durationS, this.clock.now());
  }

  async start(atS = 0): Promise<void> {
    const generation = ++this.generation;
    const { paused, rate } = this.state$.value;
    const clock = new ControlledClock(Math.max(0, Math.min(atS, this.state$.value.durationS)));
    clock.setRate(rate);
    if (paused) clock.setPaused(true);
    const source = await openRecordingSource(this.name, this.open, { clock, scan: this.scan, startAtS: atS });
    // A newer seek, or a switch to another source, wins over this one.
    if (generation !== this.generation || this.disposed) return;
    // Play, pause or a speed change may have come while the source opened: the latest choice holds.
    const latest = this.state$.value;
    if (latest.rate !== clock.rate) clock.setRate(latest.rate);
    if (latest.paused !== clock.paused) clock.setPaused(latest.paused);
    this.clock = clock;
    source.status$.subscribe((s) => {
      if (s.state === 'ended' && generation === this.generation && this.state$.value.loop && !this.disposed) {
        void this.start(0);
      }
    });
    this.play(source);
  }

  seek(toS: number): Promise<void> {
    return this.start(toS);
  }

  setPaused(paused: boolean): void {
    this.clock.setPaused(paused);
    this.state$.next({ ...this.state$.value, paused });
  }

  setRate(rate: number): void {
    this.clock.setRate(rate);
    this.state$.next({ ...this.state$.value, rate });
  }

  setLoop(loop: boolean): void {
    this.state$.next({ ...this.state$.value, loop });
  }

  /** Stops looping and seeking: another source took over. */
  dispose(): void {
    this.disposed = true;
    this.generation++;
  }

  /** One parse without DSP for the markers and gaps the timeline shows, and the exact duration. */
  private async collectTimeline(): Promise<void> {
    const marks: TimelineMarks = { markers: [], gaps: [] };
    const summary = await readRecording(this.scan, this.open, (e) => {
      if (e.kind === 'marker' && marks.markers.length < TIMELINE_LIMIT)
        marks.markers.push({ t: e.t, label: e.label });
      if (e.kind === 'gap' && marks.gaps.length < TIMELINE_LIMIT)
        marks.gaps.push({ t: e.t, missingSamples: e.missingSamples });
    }).catch((err: unknown) => {
      // Playback reports a malformed line itself; the timeline shows what came before it and says why it stops.
      if (!(err instanceof RecordingError)) throw err;
      marks.error = err.message;
      return null;
    });
    if (this.disposed) return;
    this.timeline$.next(marks);
    if (summary) this.state$.next({ ...this.state$.value, durationS: summary.durationS });
  }
}
