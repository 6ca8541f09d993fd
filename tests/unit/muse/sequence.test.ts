/** MuseSequenceAssembler on hand-made packet orders: wrap, loss, duplicates, reorders, partial sets, resumes. */
import { describe, expect, it } from 'vitest';
import { MuseSequenceAssembler } from '../../../src/source/muse-sequence.ts';
import type { GapMarker, SampleChunk } from '../../../src/source/types.ts';

function collect(electrodes = 2, window = 4) {
  const out: (SampleChunk | GapMarker)[] = [];
  const a = new MuseSequenceAssembler(electrodes, (e) => out.push(e), window);
  const send = (seq: number, only?: number) => {
    for (let e = 0; e < electrodes; e++) {
      if (only === undefined || only === e) a.push(e, seq, new Array(12).fill(seq + e / 10));
    }
  };
  const shape = () =>
    out.map((e) => (e.kind === 'gap' ? `gap@${e.index}+${e.missingSamples}` : `s@${e.index}`));
  return { a, out, send, shape };
}

describe('MuseSequenceAssembler', () => {
  it('crosses the 16-bit wrap without a gap', () => {
    const { a, send, shape } = collect();
    for (const s of [0xfffe, 0xffff, 0, 1]) send(s);
    a.flush();
    expect(shape()).toEqual(['s@0', 's@12', 's@24', 's@36']);
  });

  it('turns missing sequence numbers into one gap of exactly 12 per packet, also across the wrap', () => {
    const { a, send, shape, out } = collect();
    for (const s of [0xfffd, 0xfffe, 2, 3]) send(s);
    a.flush();
    expect(shape()).toEqual(['s@0', 's@12', 'gap@24+36', 's@60', 's@72']);
    const gap = out[2] as GapMarker;
    expect(gap.t).toBe(24 / 256);
  });

  it('drops duplicates and puts reordered packets in place', () => {
    const { a, send, shape } = collect();
    for (const s of [10, 11, 11, 13, 12, 14, 14, 15]) send(s);
    a.flush();
    expect(shape()).toEqual(['s@0', 's@12', 's@24', 's@36', 's@48', 's@60']);
    // Both electrodes of 11 and 14 came twice; a copy after release counts as late, one before as duplicate.
    expect(a.stats.duplicates + a.stats.late).toBe(4);
  });

  it('counts a packet later than the reorder window as late, after its slot was reported lost', () => {
    const { a, send, shape } = collect(1, 2);
    for (const s of [0, 2, 3, 4, 1, 5]) send(s);
    a.flush();
    expect(shape()).toEqual(['s@0', 'gap@12+12', 's@24', 's@36', 's@48', 's@60']);
    expect(a.stats.late).toBe(1);
  });

  it('fills an electrode missing from a set with NaN, without a gap', () => {
    const { a, send, out } = collect(2);
    send(0);
    send(1, 0);
    send(2);
    for (let s = 3; s < 8; s++) send(s);
    a.flush();
    const second = out[1] as SampleChunk;
    expect(second.kind).toBe('samples');
    expect(Array.from(second.data[0] as Float32Array).every((v) => Math.abs(v - 1) < 1e-6)).toBe(true);
    expect(Array.from(second.data[1] as Float32Array).every(Number.isNaN)).toBe(true);
    expect(out.some((e) => e.kind === 'gap')).toBe(false);
    expect(a.stats.partialSets).toBe(1);
  });

  it('after a disconnect longer than the wrap, the host clock picks the right lap', () => {
    const { a, send, shape } = collect(1);
    send(100);
    send(101);
    const lostPackets = 70_000;
    a.resume((lostPackets * 12) / 256, 'reconnected');
    send((101 + lostPackets + 1) & 0xffff);
    a.flush();
    expect(shape()).toEqual(['s@0', 's@12', `gap@24+${lostPackets * 12}`, `s@${24 + lostPackets * 12}`]);
  });

  it('a headset that restarts its counter is placed by the host clock', () => {
    const { a, send, shape, out } = collect(1);
    send(500);
    send(501);
    a.resume(2, 'reconnected');
    send(0);
    send(1);
    a.flush();
    // 2 s = 42.67 packets after packet 501 → the new packet lands at 501 + 43.
    expect(shape()).toEqual(['s@0', 's@12', 'gap@24+504', 's@528', 's@540']);
    expect((out[2] as GapMarker).reason).toBe('reconnected');
  });
});
