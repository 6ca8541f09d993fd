import { describe, expect, it } from 'vitest';
import { readRecording, scanRecording, streamToAsyncIterable } from '../../../src/readers/index.ts';
import type { SourceEvent } from '../../../src/source/types.ts';
import { blobToEdfPlus, EdfExportError } from '../../../src/writers/recording-to-edf.ts';
import { MIND_MONITOR_HEADER, mindMonitorEvent, mindMonitorRow, mmStamp } from '../readers/read-helpers.ts';

async function readAll(blob: Blob, name: string) {
  const open = () => streamToAsyncIterable(blob.stream());
  const scan = await scanRecording(name, open);
  const events: SourceEvent[] = [];
  await readRecording(scan, open, (e) => void events.push(e));
  return { scan, events };
}

function channel(events: readonly SourceEvent[], c: number): number[] {
  return events.flatMap((e) => (e.kind === 'samples' ? Array.from(e.data[c] ?? []) : []));
}

describe('a stored Mind Monitor CSV as EDF+', () => {
  it('round-trips sample for sample within the digital resolution, markers kept', async () => {
    const rows = [MIND_MONITOR_HEADER];
    for (let i = 0; i < 256 * 3; i++) {
      const raw = [0, 1, 2, 3].map((c) => 841 + 40 * Math.sin((i * (c + 1)) / 17) + c);
      rows.push(mindMonitorRow(mmStamp(i / 256), raw));
      if (i === 300) rows.push(mindMonitorEvent(mmStamp(i / 256), '/Marker/1'));
    }
    const csv = new Blob([rows.join('\n') + '\n']);
    const original = await readAll(csv, 'live.csv');
    const { blob, error, result } = await blobToEdfPlus(csv, 'live.csv');
    expect(error).toBeNull();
    expect(result.variant).toBe('EDF+C');
    const back = await readAll(blob, 'live.edf');
    expect(back.scan.format).toBe('edf');
    expect(back.scan.channels).toEqual(['EEG TP9', 'EEG AF7', 'EEG AF8', 'EEG TP10']);
    expect(back.scan.sampleRate).toBe(256);
    for (let c = 0; c < 4; c++) {
      const a = channel(original.events, c);
      const b = channel(back.events, c);
      expect(b).toHaveLength(a.length);
      const range = Math.max(...a) - Math.min(...a);
      const resolution = range / 65535;
      for (let i = 0; i < a.length; i++)
        expect(Math.abs((b[i] as number) - (a[i] as number))).toBeLessThanOrEqual(resolution);
    }
    const markers = back.events.filter((e) => e.kind === 'marker').map((e) => e.label);
    expect(markers).toContain('/Marker/1');
  });

  it('a band-power-only file cannot be exported, and says why', async () => {
    const rows = [MIND_MONITOR_HEADER];
    for (let i = 0; i < 5; i++) rows.push(mindMonitorRow(mmStamp(i), [800, 801, 802, 803]));
    await expect(blobToEdfPlus(new Blob([rows.join('\n') + '\n']), 'slow.csv')).rejects.toThrow(
      EdfExportError,
    );
  });
});
