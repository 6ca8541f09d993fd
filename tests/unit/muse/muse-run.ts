/** Runs the emulated headset through the real muse-js path into a MuseSource and collects what comes out. */
import { setMaxListeners } from 'node:events';
import {
  installMockMuse,
  type MockMuseOptions,
  type InstalledMockMuse,
} from '../../../hardware-mocks/muse/index.ts';
import { virtualClock } from '../../../src/source/clock.ts';
import { connectMuse, type MuseSource, type MuseSourceOptions } from '../../../src/source/muse-source.ts';
import type { GapMarker, SampleChunk, SourceEvent, SourceStatus } from '../../../src/source/types.ts';

/**
 * One live connection rightly holds up to 14 `gattserverdisconnected` listeners on the device: muse-js's own,
 * one per notifying characteristic (up to 12 with AUX and PPG), and MuseSource's. That is past Node's warning at
 * 10, which a browser does not have; reconnect-listeners.test.ts checks that they do not grow.
 */
export function allowConnectionListeners(device: EventTarget): void {
  setMaxListeners(16, device);
}

export interface MuseRun {
  readonly installed: InstalledMockMuse;
  readonly source: MuseSource;
  readonly events: SourceEvent[];
  readonly statuses: SourceStatus[];
  readonly chunks: SampleChunk[];
  readonly gaps: GapMarker[];
}

export async function runMockMuse(
  mock: MockMuseOptions,
  source: MuseSourceOptions = {},
  afterDone?: (run: MuseRun) => Promise<void>,
): Promise<MuseRun> {
  const clock = mock.clock ?? virtualClock();
  const installed = installMockMuse({ batchS: 1, ...mock, clock });
  allowConnectionListeners(installed.muse.device);
  try {
    const museSource = await connectMuse({ kind: 'mock', clock, retryDelayS: 0.5, ...source });
    const events: SourceEvent[] = [];
    const statuses: SourceStatus[] = [];
    museSource.status$.subscribe((s) => statuses.push(s));
    const ended = new Promise<void>((resolve, reject) =>
      museSource.events$.subscribe({ next: (e) => events.push(e), complete: resolve, error: reject }),
    );
    await installed.muse.done;
    const run: MuseRun = {
      installed,
      source: museSource,
      events,
      statuses,
      get chunks() {
        return events.filter((e): e is SampleChunk => e.kind === 'samples');
      },
      get gaps() {
        return events.filter((e): e is GapMarker => e.kind === 'gap');
      },
    };
    if (afterDone) await afterDone(run);
    museSource.stop();
    await ended;
    return run;
  } finally {
    installed.uninstall();
  }
}

/** Per channel, the samples by session index (NaN where none came), and where gaps said samples are missing. */
export function assemble(run: MuseRun, channels: number): { data: Float64Array[]; gapMask: Uint8Array } {
  let end = 0;
  for (const e of run.events) {
    if (e.kind === 'samples') end = Math.max(end, e.index + e.length);
    if (e.kind === 'gap') end = Math.max(end, e.index + e.missingSamples);
  }
  const data = Array.from({ length: channels }, () => new Float64Array(end).fill(NaN));
  const gapMask = new Uint8Array(end);
  for (const e of run.events) {
    if (e.kind === 'samples') {
      for (let c = 0; c < channels; c++) (data[c] as Float64Array).set(e.data[c] as Float32Array, e.index);
    } else if (e.kind === 'gap') gapMask.fill(1, e.index, e.index + e.missingSamples);
  }
  return { data, gapMask };
}
