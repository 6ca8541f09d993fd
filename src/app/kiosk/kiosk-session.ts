/**
 * Kiosk mode's unattended loop: attract (the synthesizer plays behind the consent screen) → consent → session →
 * reset, when the headset is taken off or the session time limit is reached.
 */
import { BehaviorSubject } from 'rxjs';
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

  constructor(
    private readonly controller: SessionController,
    private readonly options: KioskOptions,
    private readonly params: URLSearchParams,
  ) {}

  /** Called from the consent screen's button: the click is the user gesture a Muse connection needs. */
  async begin(): Promise<void> {
    if (this.phase$.value === 'session') return;
    this.phase$.next('session');
    if (this.options.source === 'mock') await this.controller.startMockMuse(this.params);
    else if (this.options.source === 'muse') await this.controller.connectMuse();
    else this.controller.startDemo();
    const startedAt = performance.now();
    let removedSince: number | null = null;
    this.timer = setInterval(() => {
      const now = performance.now();
      if ((now - startedAt) / 1000 >= this.options.sessionLimitS)
        return this.reset('the session time limit was reached');
      const presence = this.controller.snapshot().dreamState.presence;
      if (presence < 0.5) {
        removedSince ??= now;
        if ((now - removedSince) / 1000 >= this.options.removedResetS)
          this.reset('the headset was taken off');
      } else removedSince = null;
    }, 250);
  }

  reset(reason: string): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.resets++;
    this.lastReset$.next(reason);
    this.controller.startDemo();
    this.phase$.next('attract');
  }

  dispose(): void {
    if (this.timer) clearInterval(this.timer);
  }
}
