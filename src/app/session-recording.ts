/**
 * Records each live or replayed session for its report: band powers and dream state per update, markers, gaps,
 * and the governor's interventions while it played.
 */
import type { DreamSession } from '../pipeline/dream-session.ts';
import type { SessionRecord } from '../report/session-record.ts';
import { SessionRecorder } from '../report/session-record.ts';
import type { AuditLog } from '../safety/audit.ts';

export class SessionRecording {
  private readonly recorder: SessionRecorder;
  private readonly startedAtMs = Date.now();
  private readonly stopFns: (() => void)[] = [];

  constructor(
    readonly session: DreamSession,
    private readonly audit: AuditLog,
  ) {
    const info = session.source.info;
    this.recorder = new SessionRecorder(info.label, info.channels);
    this.recorder.governed();
    const frames = session.frames$.subscribe((frame) =>
      this.recorder.addUpdate(frame, session.dream$.value.state),
    );
    const events = session.events$.subscribe({
      next: (e) => {
        if (e.kind === 'marker') this.recorder.addMarker(e.t, e.label);
        else if (e.kind === 'gap') this.recorder.addGap(e.t, e.missingSamples);
      },
      // The session's status shows a source error live; the record keeps what came before and says where
      // and why the signal stopped, so the report never presents a cut-short session as complete.
      error: (err: unknown) =>
        this.recorder.addMarker(
          session.signalTime,
          `signal stopped: ${err instanceof Error ? err.message : String(err)}`,
        ),
    });
    this.stopFns.push(
      () => frames.unsubscribe(),
      () => events.unsubscribe(),
    );
  }

  stop(): void {
    for (const f of this.stopFns) f();
    this.stopFns.length = 0;
  }

  /** The session so far, with the governor's interventions since it started. */
  record(): SessionRecord {
    this.recorder.coverUntil(this.session.signalTime);
    const base = this.recorder.toRecord();
    const interventions = this.audit
      .entries()
      .filter((e) => e.atMs >= this.startedAtMs)
      .map((e) => ({ t: (e.atMs - this.startedAtMs) / 1000, kind: e.kind, cause: e.cause }));
    return { ...base, audit: interventions };
  }
}
