/** IncrementalRecorder on an in-memory store: incremental flushes, crash (no stop) keeps all but the last flush. */
import { describe, expect, it } from 'vitest';
import { installMockMuse, synthFeed } from '../../../hardware-mocks/muse/index.ts';
import { readRecording, scanRecording } from '../../../src/readers/index.ts';
import { virtualClock } from '../../../src/source/clock.ts';
import {
  IncrementalRecorder,
  memoryStore,
  RecordingController,
  recordingBlob,
} from '../../../src/source/muse-recorder.ts';
import { connectMuse } from '../../../src/source/muse-source.ts';
import type { EventMarker, SampleChunk, SourceEvent } from '../../../src/source/types.ts';

async function readBack(blob: Blob) {
  const open = () =>
    (async function* () {
      yield new Uint8Array(await blob.arrayBuffer());
    })();
  const scan = await scanRecording('rec.csv', open);
  const events: SourceEvent[] = [];
  await readRecording(scan, open, (e) => void events.push(e));
  return { scan, events };
}

describe('IncrementalRecorder', () => {
  it('records a Muse session with its gaps, flushing as it goes, and reads back sample for sample', async () => {
    const clock = virtualClock();
    const installed = installMockMuse({
      clock,
      batchS: 0.5,
      feed: synthFeed({ seed: 3, durationS: 20 }),
      faults: { lossBursts: [{ atS: 5, packets: 30 }] },
    });
    const store = memoryStore();
    const source = await connectMuse({ kind: 'mock', clock });
    const live: SampleChunk[] = [];
    source.events$.subscribe((e) => {
      if (e.kind === 'samples') live.push(e);
    });
    const recorder = new IncrementalRecorder(store, source, {
      flushMs: 5,
      context: () => ({ batteryPct: 80 }),
    });
    let marked = false;
    source.events$.subscribe((e) => {
      if (!marked && e.kind === 'samples' && e.index >= 256 * 10) {
        marked = true;
        recorder.mark('/Marker/3');
      }
    });
    await installed.muse.done;
    source.stop();
    const meta = await recorder.stop();
    installed.uninstall();
    expect(meta.finished).toBe(true);
    expect(meta.chunks).toBeGreaterThan(3);
    const { scan, events } = await readBack(await recordingBlob(store, meta.id));
    expect(scan.format).toBe('mind-monitor');
    const gaps = events.filter((e) => e.kind === 'gap');
    expect(gaps.map((g) => g.missingSamples)).toEqual([30 * 12]);
    // Gaps are also noted as Elements, beside the user's marker.
    const labels = events.filter((e) => e.kind === 'marker').map((m) => m.label);
    expect(labels).toEqual(['/neurosleep/gap/360', '/Marker/3']);
    const markers = events.filter((e): e is EventMarker => e.kind === 'marker' && e.label === '/Marker/3');
    expect(markers[0]!.t).toBeCloseTo((256 * 10 + 12) / 256, 1);
    expect(meta.markers).toBe(1);
    const back = new Map<number, number>();
    for (const e of events)
      if (e.kind === 'samples') for (let i = 0; i < e.length; i++) back.set(e.index + i, e.data[0]![i]!);
    let n = 0;
    for (const c of live) {
      for (let i = 0; i < c.length; i++) {
        expect(Math.abs(back.get(c.index + i)! - c.data[0]![i]!)).toBeLessThan(1e-3);
        n++;
      }
    }
    expect(n).toBe(meta.samples);
  });

  it('a recording never stopped (crash) is listed unfinished with everything flushed', async () => {
    const clock = virtualClock();
    const installed = installMockMuse({ clock, batchS: 0.5, feed: synthFeed({ seed: 4, durationS: 5 }) });
    const store = memoryStore();
    const source = await connectMuse({ kind: 'mock', clock });
    const recorder = new IncrementalRecorder(store, source, { flushMs: 1 });
    source.events$.subscribe();
    await installed.muse.done;
    await recorder.flush();
    // The page dies here: no stop().
    const [meta] = await store.list();
    expect(meta?.finished).toBe(false);
    const { events } = await readBack(await recordingBlob(store, meta!.id));
    const samples = events.reduce((k, e) => k + (e.kind === 'samples' ? e.length : 0), 0);
    expect(samples).toBe(meta!.samples);
    expect(samples).toBe(5 * 256 - ((5 * 256) % 12));
    await recorder.stop();
    source.stop();
    installed.uninstall();
  });

  it('the controller shows only what storage holds, then keeps the stopped recording as saved until deleted', async () => {
    const clock = virtualClock();
    const installed = installMockMuse({ clock, batchS: 0.5, feed: synthFeed({ seed: 5, durationS: 4 }) });
    const store = memoryStore();
    const controller = new RecordingController(() => store);
    const source = await connectMuse({ kind: 'mock', clock });
    controller.start(source);
    expect(controller.state$.value.active?.samples).toBe(0);
    source.events$.subscribe();
    await installed.muse.done;
    // The next timed flush (every 0.5 s) stores the whole session; the state then says so, and no sooner.
    await new Promise((r) => setTimeout(r, 800));
    const [stored] = await store.list();
    expect(stored!.samples).toBe(4 * 256 - ((4 * 256) % 12));
    expect(controller.state$.value.active?.samples).toBe(stored!.samples);

    const meta = await controller.stop();
    expect(meta?.finished).toBe(true);
    const { saved, unfinished, active } = controller.state$.value;
    expect(active).toBeNull();
    expect(unfinished).toEqual([]);
    expect(saved.map((m) => m.id)).toEqual([meta!.id]);

    await controller.remove(saved[0]!);
    expect(controller.state$.value.saved).toEqual([]);
    expect(await store.list()).toEqual([]);
    source.stop();
    installed.uninstall();
  });
});
