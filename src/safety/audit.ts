/**
 * The audit log: every governor intervention and every policy change, with its time and cause. It is part of
 * the session record (`snapshot().audit`), so nothing that changes the experience is hidden.
 */

export type AuditKind =
  | 'policy'
  | 'nightmare-cap'
  | 'flash-limit'
  | 'de-escalation-start'
  | 'de-escalation-end'
  | 'unplug'
  | 'resume'
  | 'reduced-motion'
  | 'forced-state';

export interface AuditEntry {
  /** Wall-clock time, ms since the epoch. */
  readonly atMs: number;
  /** Seconds since the governor started (displayed-frame time). */
  readonly sessionS: number;
  readonly kind: AuditKind;
  readonly cause: string;
}

/** Entries kept; a days-long kiosk session drops the oldest and counts them instead of growing. */
export const MAX_AUDIT_ENTRIES = 5000;

export class AuditLog {
  private readonly list: AuditEntry[] = [];
  dropped = 0;

  constructor(private readonly now: () => number = Date.now) {}

  record(sessionS: number, kind: AuditKind, cause: string): AuditEntry {
    const entry: AuditEntry = { atMs: this.now(), sessionS: Math.round(sessionS * 1000) / 1000, kind, cause };
    this.list.push(entry);
    if (this.list.length > MAX_AUDIT_ENTRIES) {
      this.list.shift();
      this.dropped++;
    }
    return entry;
  }

  entries(): readonly AuditEntry[] {
    return this.list;
  }

  count(kind: AuditKind): number {
    let n = 0;
    for (const e of this.list) if (e.kind === kind) n++;
    return n;
  }
}
