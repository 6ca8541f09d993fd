/**
 * Every shared raw-EEG Muse recording, played by the emulated headset through muse-js into MuseSource: the
 * samples come out equal to the recording within the 12-bit quantum, at the recording's sample index; what the
 * recording lacks (gaps, zero-filled lost packets) comes out missing, never as invented values.
 */
import { createReadStream } from 'node:fs';
import { basename } from 'node:path';
import { expect, it } from 'vitest';
import { eventFeed, EEG_UV_PER_LSB, recordingEvents } from '../../hardware-mocks/muse/index.ts';
import { readRecording, scanRecording } from '../../src/readers/index.ts';
import { describeShared, sharedFiles } from '../helpers/shared-data.ts';
import { assemble, runMockMuse } from '../unit/muse/muse-run.ts';

const open = (path: string) => () => createReadStream(path) as AsyncIterable<Uint8Array>;

describeShared('shared recordings → emulated Muse → muse-js → MuseSource', () => {
  const files = sharedFiles('.csv');
  it('finds the raw 256 Hz Muse recordings', async () => {
    expect(files.length).toBeGreaterThan(5);
  });

  for (const path of files) {
    it(basename(path), async () => {
      const scan = await scanRecording(basename(path), open(path));
      if (!scan.hasRawEeg || scan.sampleRate !== 256 || scan.channels.length !== 4) {
        // Band-power-only files and other rates cannot be sent as Muse EEG packets; say which were left out.
        expect(scan.hasRawEeg && scan.sampleRate === 256).toBe(false);
        return;
      }
      // The truth: the recording as the readers give it, by sample index, NaN where nothing was recorded.
      const truth: Float64Array[] = scan.channels.map(() => new Float64Array(0));
      const parts: { index: number; data: Float32Array[] }[] = [];
      let end = 0;
      await readRecording(scan, open(path), (e) => {
        if (e.kind === 'samples') {
          parts.push({ index: e.index, data: e.data.map((d) => d.slice()) });
          end = Math.max(end, e.index + e.length);
        } else if (e.kind === 'gap') end = Math.max(end, e.index + e.missingSamples);
      });
      for (let c = 0; c < truth.length; c++) {
        truth[c] = new Float64Array(end).fill(NaN);
        for (const p of parts) (truth[c] as Float64Array).set(p.data[c] as Float32Array, p.index);
      }

      const run = await runMockMuse({ feed: eventFeed(scan.channels, recordingEvents(scan, open(path))) });
      const { data, gapMask } = assemble(run, 4);
      const blocks = Math.floor(end / 12);
      // The headset's first packet is the recording's first sample.
      expect(run.chunks[0]?.index).toBe(0);
      let compared = 0;
      let missingInRecording = 0;
      for (let k = 0; k < blocks; k++) {
        let anySent = false;
        for (let c = 0; c < 4; c++) {
          const want = (truth[c] as Float64Array).subarray(k * 12, k * 12 + 12);
          const got = (data[c] as Float64Array).subarray(k * 12, k * 12 + 12);
          const complete = want.every(Number.isFinite);
          if (complete) {
            anySent = true;
            for (let i = 0; i < 12; i++) {
              const err = Math.abs((got[i] as number) - (want[i] as number));
              if (!(err <= EEG_UV_PER_LSB / 2 + 0.01)) {
                throw new Error(
                  `sample ${k * 12 + i} channel ${scan.channels[c]}: ${got[i]} vs ${want[i]} µV`,
                );
              }
            }
            compared += 12;
          } else {
            missingInRecording++;
            // A packet the recording cannot fill is not sent; it comes out NaN, never zeros.
            expect(got.every(Number.isNaN)).toBe(true);
          }
        }
        // Sequence numbers the headset never sent come out as a gap of exactly those samples.
        expect(gapMask[k * 12]).toBe(anySent ? 0 : 1);
      }
      expect(compared).toBeGreaterThan(blocks * 12 * 3);
      const lost = run.gaps.reduce((n, g) => n + g.missingSamples, 0);
      expect(lost % 12).toBe(0);
      expect(run.source.sequenceStats.duplicates + run.source.sequenceStats.late).toBe(0);
      if (missingInRecording === 0) expect(run.gaps).toEqual([]);
    });
  }
});
