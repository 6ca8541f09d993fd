/**
 * Kiosk mode's unattended loop: attract (the synthesizer plays behind the consent screen) → consent → session →
 * reset, when the headset is taken off or the session time limit is reached.
 */
import { BehaviorSubject, type Subscription } from 'rxjs';
import type { SessionController } from '../session-controller.ts';

export type KioskPhase = 'attract' | 'session';

export interface KioskOptions {
  /** Longest session before the kiosk resets, s. */
  readonly sessionLimitS: number;
  /** How long the headset must be off before the kiosk resets, s. */
  readonly removedResetS: number;
  /** What Begin starts: the emulated headset, a real Muse (needs the click as user gesture), or the demo. */
  readonly source: 'mock' | 'muse' | 'demo';
}

export const DEFAULT_KIOSK_OPTIONS: KioskOptions = { sessionLimitS: 600, removedResetS: 5, source: 'demo' };

export function kioskOptionsFromUrl(params: URLSearchParams): KioskOptions {
  const limit = Number(params.get('limit') ?? DEFAULT_KIOSK_OPTIONS.sessionLimitS);
  const source = params.get('source');
  return {
    sessionLimitS: Number.isFinite(limit) && limit > 0 ? limit : DEFAULT_KIOSK_OPTIONS.sessionLimitS,
    removedResetS: DEFAULT_KIOSK_OPTIONS.removedResetS,
    source: source === 'mock' || source === 'muse' ? source : 'demo',
  };
}

export class KioskSession {
  readonly phase$ = new BehaviorSubject<KioskPhase>('attract');
  /** Why the last reset happened, for the consent screen. */
  readonly lastReset$ = new BehaviorSubject<string | null>(null);
  resets = 0;
  private timer: ReturnType<typeof setInterval> | null = null;
  private sessions: Subscription | null = null;
  private housekeeping: ReturnType<typeof setInterval> | null = null;

  constructor(
    private readonly controller: SessionController,
    private readonly options: KioskOptions,
    private readonly params: URLSearchParams,
  ) {
    this.watch();
  }

  /**
   * The attract loop plays while nobody is there, possibly for days: its session keeps no record for a report
   * nobody will read, which would otherwise grow by every band-power update. Visitors' sessions are recorded.
   * The browser's user-timing buffer is emptied every minute for the same reason: React 19.2 records its
   * performance tracks as `performance.measure` entries (several a second while the HUD refreshes), and the
   * browser keeps every one until it is cleared.
   * Called on construction, and again by a shell that is mounted again after {@link dispose}.
   */
  watch(): void {
    this.sessions ??= this.controller.session$.subscribe(() => {
      if (this.phase$.value === 'attract') this.controller.recording?.stop();
    });
    this.housekeeping ??= setInterval(() => performance.clearMeasures(), 60_000);
  }

  /** Called from the consent screen's button: the click is the user gesture a Muse connection needs. */
  async begin(): Promise<void> {
    if (this.phase$.value === 'session') return;
    this.phase$.next('session');
    if (this.options.source === 'mock') await this.controller.startMockMuse(this.params);
    else if (this.options.source === 'muse') await this.controller.connectMuse();
    else this.controller.startDemo();
    const startedAt = this.now();
    let removedSince: number | null = null;
    this.timer = setInterval(() => {
      const now = this.now();
      if (now - startedAt >= this.options.sessionLimitS)
        return this.reset('the session time limit was reached');
      const presence = this.controller.snapshot().dreamState.presence;
      if (presence < 0.5) {
        removedSince ??= now;
        if (now - removedSince >= this.options.removedResetS) this.reset('the headset was taken off');
      } else removedSince = null;
    }, 250);
  }

  /** Kiosk time, s: wall-clock, sped up with the sources under `?debug=1&speed=N`. */
  private now(): number {
    return (performance.now() / 1000) * this.controller.speed;
  }

  reset(reason: string): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.resets++;
    this.lastReset$.next(reason);
    this.phase$.next('attract');
    this.controller.startDemo();
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.sessions?.unsubscribe();
    this.sessions = null;
    if (this.housekeeping) clearInterval(this.housekeeping);
    this.housekeeping = null;
  }
}
