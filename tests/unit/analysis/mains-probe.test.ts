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

  it('drops a stretch too short to judge before a gap, and keeps a long enough one', () => {
    const short = new MainsProbe(1, FS);
    expect(short.push(hum(0, FS))).toBe(false);
    expect(short.push(gap(FS))).toBe(false);
    expect(short.result()).toBeNull();
    expect(short.push(hum(2 * FS, 3 * FS))).toBe(false);
    expect(short.push(gap(5 * FS))).toBe(true);
    expect(short.result()?.mainsHz).toBe(60);
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
