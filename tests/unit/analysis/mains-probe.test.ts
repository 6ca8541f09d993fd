import { describe, expect, it } from 'vitest';
import { probeRecordingMains } from '../../../src/analysis/recording-mains.ts';
import { MainsProbe } from '../../../src/pipeline/mains-probe.ts';
import { scanRecording } from '../../../src/readers/index.ts';
import type { SourceEvent } from '../../../src/source/types.ts';
import { museLslCsvChunks } from '../../../hardware-mocks/synth/muse-lsl-csv.ts';
import { EegSynthesizer } from '../../../hardware-mocks/synth/synthesizer.ts';

const FS = 256;

function recording(mainsHz: 50 | 60 | null, durationS: number): Uint8Array {
  const synth = new EegSynthesizer({ seed: 3, timeline: 'demo', mainsHz });
  return new TextEncoder().encode(
    [...museLslCsvChunks(synth, { startEpochS: 1_700_000_000, durationS })].join(''),
  );
}

function opener(bytes: Uint8Array, reads: { count: number }) {
  return async function* () {
    for (let at = 0; at < bytes.length; at += 32_768) {
      reads.count++;
      yield bytes.subarray(at, at + 32_768);
    }
  };
}

/** One channel of 60 Hz hum over a little noise, as sample events of `length` samples from index `from`. */
function hum(from: number, length: number): SourceEvent {
  const x = new Float32Array(length);
  for (let i = 0; i < length; i++)
    x[i] = 30 * Math.sin((2 * Math.PI * 60 * (from + i)) / FS) + Math.sin(i * 7.1);
  return { kind: 'samples', t0: from / FS, index: from, sampleRate: FS, data: [x], length };
}

const gap = (index: number): SourceEvent => ({
  kind: 'gap',
  t: index / FS,
  index,
  missingSamples: FS,
  reason: 'test',
});

describe('mains probe', () => {
  it('finds the synthesizer’s 50 or 60 Hz hum, and reads only the recording’s start', async () => {
    for (const mainsHz of [50, 60] as const) {
      const bytes = recording(mainsHz, 120);
      const reads = { count: 0 };
      const open = opener(bytes, reads);
      const scan = await scanRecording('hum.csv', open);
      reads.count = 0;
      expect((await probeRecordingMains(scan, open))?.mainsHz).toBe(mainsHz);
      // 30 s of 120 s: about a quarter of the reads, not all of them.
      expect(reads.count).toBeLessThan(Math.ceil(bytes.length / 32_768) / 2);
    }
  });

  it('joins the signal across lost packets, as a lossy radio link delivers it, and holds over missing values', () => {
    // 12-sample packets with every fifth lost: no stretch lasts even a quarter of a second.
    const probe = new MainsProbe(1, FS, 10);
    let index = 0;
    let done = false;
    while (!done) {
      if ((index / 12) % 5 !== 4) done = probe.push(hum(index, 12));
      else expect(probe.push(gap(index))).toBe(false);
      index += 12;
    }
    expect(index).toBeGreaterThan(12 * FS);
    expect(probe.result()?.mainsHz).toBe(60);

    const holey = new MainsProbe(1, FS, 10);
    for (let i = 0; i < 10 * FS; i += 12) {
      const packet = hum(i, 12) as Extract<SourceEvent, { kind: 'samples' }>;
      if (i % 96 === 0) (packet.data[0] as Float32Array)[5] = NaN;
      holey.push(packet);
    }
    expect(holey.result()?.mainsHz).toBe(60);
  });

  it('stops at 30 s and decides nothing on less than 2 s', () => {
    const probe = new MainsProbe(1, FS);
    let done = false;
    for (let i = 0; i < 40 && !done; i++) done = probe.push(hum(i * FS, FS));
    expect(done).toBe(true);
    expect(probe.push(hum(40 * FS, FS))).toBe(true);
    const tiny = new MainsProbe(1, FS);
    tiny.push(hum(0, FS + 100));
    expect(tiny.result()).toBeNull();
  });

  it('judges from what precedes a malformed line, leaving the error to the analysis', async () => {
    const lines = new TextDecoder().decode(recording(60, 20)).split('\n');
    lines[10 * FS] = 'not,a,row';
    const bytes = new TextEncoder().encode(lines.join('\n'));
    const open = opener(bytes, { count: 0 });
    const scan = await scanRecording('bad.csv', open);
    expect((await probeRecordingMains(scan, open))?.mainsHz).toBe(60);
  });
});
