/**
 * Times a Muse side stream (accelerometer, gyroscope, one PPG channel) on the EEG session clock. Each of these
 * characteristics numbers its own packets, so within a stream time is exact from the sequence; only the offset
 * to the EEG clock has to be learnt. A packet reaches the host after its last sample was taken, never before, so
 * the smallest (arrival − sequence time) seen is the latency-free offset, as for the EEG host-clock anchor.
 * Times never run backwards: a packet is never placed before the end of the previous one.
 */
export class PacketClock {
  /** Unwrapped sequence of the newest packet; −1 before the first. */
  private last = -1;
  private offset = Infinity;
  private nextT = -Infinity;
  lost = 0;
  packets = 0;

  constructor(
    readonly samplesPerPacket: number,
    readonly sampleRate: number,
  ) {}

  /**
   * The session time (s) of the first sample of the packet numbered `sequence` (16-bit) that arrived at session
   * time `arrivalS`, or null for a duplicate or a packet older than the newest (already placed past it).
   */
  place(sequence: number, arrivalS: number): number | null {
    let u: number;
    if (this.last < 0) u = sequence & 0xffff;
    else {
      const d = (sequence - this.last) & 0xffff;
      if (d === 0 || d >= 0x8000) return null;
      this.lost += d - 1;
      u = this.last + d;
    }
    this.last = u;
    this.packets++;
    const n = this.samplesPerPacket;
    this.offset = Math.min(this.offset, arrivalS - (u * n + n - 1) / this.sampleRate);
    const t0 = Math.max(this.offset + (u * n) / this.sampleRate, this.nextT);
    this.nextT = t0 + n / this.sampleRate;
    return t0;
  }

  /** After a reconnect: the headset's counter may have restarted, so the offset is learnt again. */
  reset(): void {
    this.last = -1;
    this.offset = Infinity;
  }
}
