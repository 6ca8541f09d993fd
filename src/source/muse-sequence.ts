/**
 * Turns Muse EEG notifications (one 12-sample packet per electrode, each stamped with the headset's 16-bit
 * sequence number) into the app's sample stream. Time is the sequence index: packet n of the session starts at
 * sample 12 · n, so timestamps are exact at 256 Hz whatever the radio does.
 *
 * - Sequences are unwrapped across 0xffff → 0 against the newest one seen.
 * - A packet set is released once every electrode has arrived, or once the stream is `reorderWindow` packets
 *   past it, so late (reordered) packets still land in place and nothing waits forever.
 * - Sequence numbers that never arrived become one GapMarker with exactly 12 · n missing samples; an electrode
 *   missing from a set that otherwise arrived is NaN in that packet. Duplicates and packets older than what was
 *   released are dropped and counted, never taken for gaps.
 */
import type { GapMarker, SampleChunk } from './types.ts';

export const MUSE_EEG_RATE_HZ = 256;
export const MUSE_SAMPLES_PER_PACKET = 12;

export interface SequenceStats {
  packets: number;
  duplicates: number;
  /** Packets that came after their slot was released: copies of released packets, or reorders beyond the
   * window (whose slot was then reported lost or NaN). */
  late: number;
  gaps: number;
  missingSamples: number;
  /** Electrode packets missing from sets that otherwise arrived (NaN-filled). */
  partialSets: number;
}

interface Slot {
  readonly data: Float32Array[];
  mask: number;
}

export class MuseSequenceAssembler {
  readonly stats: SequenceStats = {
    packets: 0,
    duplicates: 0,
    late: 0,
    gaps: 0,
    missingSamples: 0,
    partialSets: 0,
  };
  private readonly full: number;
  /** Unwrapped sequence of session sample 0. */
  private base = 0;
  private newest = 0;
  /** Next unwrapped sequence to release. */
  private next = 0;
  private started = false;
  private readonly pending = new Map<number, Slot>();
  /** After a reconnect: how many packets the host clock says have passed, to unwrap the first new sequence. */
  private expectedAdvance: number | null = null;
  private resumeReason = '';

  constructor(
    private readonly electrodes: number,
    private readonly emit: (e: SampleChunk | GapMarker) => void,
    private readonly reorderWindow = 6,
  ) {
    this.full = (1 << electrodes) - 1;
  }

  /** Unwrapped sequence → session sample index. */
  indexOf(unwrapped: number): number {
    return (unwrapped - this.base) * MUSE_SAMPLES_PER_PACKET;
  }

  push(electrode: number, sequence: number, samples: ArrayLike<number>): void {
    if (electrode < 0 || electrode >= this.electrodes) return;
    this.stats.packets++;
    const u = this.unwrap(sequence & 0xffff);
    if (u < this.next) {
      this.stats.late++;
      return;
    }
    let slot = this.pending.get(u);
    if (!slot) {
      slot = {
        data: Array.from({ length: this.electrodes }, () => new Float32Array(MUSE_SAMPLES_PER_PACKET)),
        mask: 0,
      };
      this.pending.set(u, slot);
    }
    const bit = 1 << electrode;
    if (slot.mask & bit) {
      this.stats.duplicates++;
      return;
    }
    slot.mask |= bit;
    const out = slot.data[electrode] as Float32Array;
    for (let i = 0; i < MUSE_SAMPLES_PER_PACKET; i++) out[i] = samples[i] ?? NaN;
    if (u > this.newest) this.newest = u;
    this.release(false);
  }

  /** Releases everything held (the link dropped or the session stops): no received sample is kept back. */
  flush(): void {
    this.release(true);
  }

  /**
   * The link came back after `elapsedS` of host time without packets. The next sequence is unwrapped to the
   * candidate nearest the host clock's estimate, so even a disconnect longer than the 16-bit wrap (~51 min)
   * gets its gap right to within the clock's error; shorter ones come out exact from the sequence numbers.
   */
  resume(elapsedS: number, reason: string): void {
    this.flush();
    this.expectedAdvance = Math.max(0, (elapsedS * MUSE_EEG_RATE_HZ) / MUSE_SAMPLES_PER_PACKET);
    this.resumeReason = reason;
  }

  private unwrap(raw: number): number {
    if (!this.started) {
      this.started = true;
      this.base = this.newest = this.next = raw;
      return raw;
    }
    if (this.expectedAdvance !== null) {
      const target = this.newest + this.expectedAdvance;
      this.expectedAdvance = null;
      const u = raw + 0x10000 * Math.round((target - raw) / 0x10000);
      // The headset restarted its counter (or the clock estimate fell short): place the packet where the host
      // clock says it belongs, by moving the session's origin in sequence space.
      if (u < this.next) {
        const delta = u - Math.max(this.next, Math.round(target));
        this.base += delta;
        this.next += delta;
        this.newest += delta;
      }
      return u;
    }
    let d = (raw - (this.newest & 0xffff)) & 0xffff;
    if (d >= 0x8000) d -= 0x10000;
    return this.newest + d;
  }

  private release(all: boolean): void {
    for (;;) {
      const slot = this.pending.get(this.next);
      if (slot && slot.mask === this.full) {
        this.emitSlot(slot);
        continue;
      }
      if (!all && this.newest - this.next < this.reorderWindow) return;
      if (this.pending.size === 0) {
        if (all) this.next = Math.max(this.next, this.newest + 1);
        return;
      }
      if (slot) {
        this.emitSlot(slot);
        continue;
      }
      let first = Infinity;
      for (const k of this.pending.keys()) if (k < first) first = k;
      this.gap(first - this.next, this.resumeReason || 'lost Bluetooth packets');
      this.next = first;
    }
  }

  private gap(packets: number, reason: string): void {
    const missing = packets * MUSE_SAMPLES_PER_PACKET;
    const index = this.indexOf(this.next);
    this.stats.gaps++;
    this.stats.missingSamples += missing;
    this.resumeReason = '';
    this.emit({ kind: 'gap', t: index / MUSE_EEG_RATE_HZ, index, missingSamples: missing, reason });
  }

  private emitSlot(slot: Slot): void {
    this.pending.delete(this.next);
    if (slot.mask !== this.full) {
      this.stats.partialSets++;
      for (let e = 0; e < this.electrodes; e++)
        if (!(slot.mask & (1 << e))) (slot.data[e] as Float32Array).fill(NaN);
    }
    const index = this.indexOf(this.next);
    this.next++;
    this.emit({
      kind: 'samples',
      t0: index / MUSE_EEG_RATE_HZ,
      index,
      sampleRate: MUSE_EEG_RATE_HZ,
      data: slot.data,
      length: MUSE_SAMPLES_PER_PACKET,
    });
  }
}
