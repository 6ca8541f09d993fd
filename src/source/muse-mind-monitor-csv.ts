/**
 * Writes a session as a Mind Monitor–compatible CSV ("constant" 256 Hz layout): one row per sample with the
 * RAW values (offset onto Mind Monitor's 0..1682.815 µV scale), the latest band powers, per-electrode contact
 * quality (HSI 1 good / 2 ok / 4 bad) and battery; markers, gaps and reconnects as Elements rows.
 *
 * Missing samples are never written as numbers: a short gap (< 0.25 s) is written as rows of `NaN`, keeping
 * every row on the sample clock; a longer one as a jump in TimeStamp, which readers (ours included) turn back
 * into a gap of the same length. TimeStamps are the session start plus index / 256 s, in local time like
 * Mind Monitor's, to the millisecond.
 */
import type { SourceEvent } from './types.ts';

export const MIND_MONITOR_RAW_OFFSET = 1682.815 / 2;
const BANDS = ['Delta', 'Theta', 'Alpha', 'Beta', 'Gamma'];
/** Gaps at least this long are written as a TimeStamp jump rather than NaN rows. */
export const LONG_GAP_S = 0.25;

export interface MindMonitorRowContext {
  /** Band-major log10 band powers, `absolute[b * channels + c]` (5 bands); NaN or absent → empty. */
  readonly absolute?: ArrayLike<number>;
  /** Per channel 1 / 2 / 4. */
  readonly hsi?: ArrayLike<number>;
  readonly batteryPct?: number;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

export function mindMonitorTimestamp(epochMs: number): string {
  const d = new Date(Math.round(epochMs));
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
    `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}`
  );
}

const num = (v: number | undefined, digits: number) =>
  v === undefined || !Number.isFinite(v) ? '' : v.toFixed(digits);

export class MindMonitorCsvWriter {
  private readonly columns: string[];

  constructor(
    /** Wall-clock time of sample 0, ms since the epoch. */
    private readonly startEpochMs: number,
    private readonly channels: readonly string[] = ['TP9', 'AF7', 'AF8', 'TP10'],
    private readonly sampleRate = 256,
  ) {
    this.columns = [
      'TimeStamp',
      ...BANDS.flatMap((b) => channels.map((c) => `${b}_${c}`)),
      ...channels.map((c) => `RAW_${c}`),
      'AUX_RIGHT',
      'HeadBandOn',
      ...channels.map((c) => `HSI_${c}`),
      'Battery',
      'Elements',
    ];
  }

  header(): string {
    return this.columns.join(',') + '\n';
  }

  private time(index: number): string {
    return mindMonitorTimestamp(this.startEpochMs + (index / this.sampleRate) * 1000);
  }

  private elementsRow(index: number, text: string): string {
    return this.time(index) + ','.repeat(this.columns.length - 2) + ',' + text + '\n';
  }

  private row(index: number, raw: readonly string[], ctx: MindMonitorRowContext): string {
    const bands = Array.from({ length: BANDS.length * this.channels.length }, (_, i) =>
      num(ctx.absolute?.[i], 6),
    );
    const hsi = this.channels.map((_, c) => num(ctx.hsi?.[c], 1));
    const on = ctx.hsi ? (Array.from(hsi).every((h) => h === '1.0') ? '1' : '0') : '';
    return [this.time(index), ...bands, ...raw, '', on, ...hsi, num(ctx.batteryPct, 2), ''].join(',') + '\n';
  }

  /** The CSV text for one source event (possibly empty). */
  write(e: SourceEvent, ctx: MindMonitorRowContext = {}): string {
    switch (e.kind) {
      case 'samples': {
        let out = '';
        for (let i = 0; i < e.length; i++) {
          const raw = this.channels.map((_, c) => {
            const v = e.data[c]?.[i];
            return v === undefined || !Number.isFinite(v) ? 'NaN' : (v + MIND_MONITOR_RAW_OFFSET).toFixed(4);
          });
          out += this.row(e.index + i, raw, ctx);
        }
        return out;
      }
      case 'gap': {
        let out = this.elementsRow(e.index, `/neurosleep/gap/${e.missingSamples}`);
        if (e.missingSamples / this.sampleRate < LONG_GAP_S) {
          const raw = this.channels.map(() => 'NaN');
          for (let i = 0; i < e.missingSamples; i++) out += this.row(e.index + i, raw, ctx);
        }
        return out;
      }
      case 'marker':
        return this.elementsRow(Math.round(e.t * this.sampleRate), e.label.replace(/[,\r\n]/g, ' '));
      case 'recorded-bandpowers':
        return '';
    }
  }
}
