/**
 * What a session leaves behind for the report: time series of the dream state, band powers and signal quality at
 * the band-power update rate, plus markers, gaps and governor interventions. Columns are growable typed arrays,
 * so an 8-hour session costs a few MB and no object per update.
 */
import { ALL_DREAM_DIMENSIONS, type DreamDimension, type DreamState } from '../dream/dream-state.ts';
import type { BandPowerFrame } from '../pipeline/frames.ts';

export interface Intervention {
  /** s since session start. */
  readonly t: number;
  readonly kind: string;
  readonly cause: string;
}

export interface SessionRecord {
  readonly label: string;
  readonly channels: readonly string[];
  readonly bands: readonly string[];
  /** s since session start, one per update. */
  readonly t: Float32Array;
  readonly dream: Readonly<Record<DreamDimension, Float32Array>>;
  /** Mean relative band power over valid electrodes, per band. */
  readonly relativeBands: readonly Float32Array[];
  /** Share of electrodes with bad contact or an incomplete window, 0..1. */
  readonly badContact: Float32Array;
  readonly markers: readonly { t: number; label: string }[];
  readonly gaps: readonly { t: number; missingSamples: number }[];
  /** Governor interventions; null when no governor ran (offline analysis of a recording). */
  readonly audit: readonly Intervention[] | null;
  /** Seconds of signal covered, including the time before the first update. */
  readonly durationS: number;
}

class Column {
  data = new Float32Array(1024);
  push(v: number, n: number): void {
    if (n >= this.data.length) {
      const bigger = new Float32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[n] = v;
  }
}

export class SessionRecorder {
  private n = 0;
  private readonly t = new Column();
  private readonly dream = new Map<DreamDimension, Column>(
    ALL_DREAM_DIMENSIONS.map((d) => [d, new Column()]),
  );
  private bandColumns: Column[] = [];
  private bands: readonly string[] = [];
  private readonly bad = new Column();
  private readonly markers: { t: number; label: string }[] = [];
  private readonly gaps: { t: number; missingSamples: number }[] = [];
  private audit: Intervention[] | null = null;
  private durationS = 0;

  constructor(
    private readonly label: string,
    private readonly channels: readonly string[],
  ) {}

  addUpdate(frame: BandPowerFrame, state: DreamState): void {
    if (this.bandColumns.length === 0) {
      this.bands = frame.bands;
      this.bandColumns = frame.bands.map(() => new Column());
    }
    const n = this.n;
    this.t.push(frame.t, n);
    for (const d of ALL_DREAM_DIMENSIONS) this.dream.get(d)?.push(state[d], n);
    this.bandColumns.forEach((c, b) => c.push(frame.meanRelative[b] ?? 0, n));
    let bad = 0;
    for (let c = 0; c < frame.channels.length; c++) if (!frame.valid[c] || frame.quality[c] === 4) bad++;
    this.bad.push(frame.channels.length > 0 ? bad / frame.channels.length : 1, n);
    this.n++;
    this.durationS = Math.max(this.durationS, frame.t);
  }

  addMarker(t: number, label: string): void {
    this.markers.push({ t, label });
  }

  addGap(t: number, missingSamples: number): void {
    this.gaps.push({ t, missingSamples });
  }

  /** Marks that a governor ran, so an empty log means "no intervention", not "not recorded". */
  governed(): void {
    this.audit ??= [];
  }

  addAudit(entry: Intervention): void {
    (this.audit ??= []).push(entry);
  }

  /** Extends the covered time, e.g. to the end of the recording after the last update. */
  coverUntil(t: number): void {
    this.durationS = Math.max(this.durationS, t);
  }

  toRecord(): SessionRecord {
    const n = this.n;
    const dream = Object.fromEntries(
      ALL_DREAM_DIMENSIONS.map((d) => [d, (this.dream.get(d) as Column).data.slice(0, n)]),
    ) as Record<DreamDimension, Float32Array>;
    return {
      label: this.label,
      channels: this.channels,
      bands: this.bands,
      t: this.t.data.slice(0, n),
      dream,
      relativeBands: this.bandColumns.map((c) => c.data.slice(0, n)),
      badContact: this.bad.data.slice(0, n),
      markers: [...this.markers],
      gaps: [...this.gaps],
      audit: this.audit && [...this.audit],
      durationS: this.durationS,
    };
  }
}
