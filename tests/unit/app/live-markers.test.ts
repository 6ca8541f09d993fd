/** Keys 1–5 in a live session: the marker is counted, listed, reported, and written to the recording. */
import { firstValueFrom, Subject, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { SessionController } from '../../../src/app/session-controller.ts';
import { DreamSession } from '../../../src/pipeline/dream-session.ts';
import type { EegSource, SourceEvent, SourceStatus } from '../../../src/source/types.ts';

/** A source the test drives by hand. */
function manualSource() {
  const events = new Subject<SourceEvent>();
  const status = new Subject<SourceStatus>();
  const source: EegSource = {
    info: {
      kind: 'mock',
      label: 'manual',
      channels: ['TP9', 'AF7', 'AF8', 'TP10'],
      sampleRate: 256,
      hasRawEeg: true,
    },
    events$: events,
    status$: status,
    stop: () => events.complete(),
  };
  const samples = (index: number, length: number): SourceEvent => ({
    kind: 'samples',
    t0: index / 256,
    index,
    sampleRate: 256,
    length,
    data: [0, 1, 2, 3].map(() => new Float32Array(length)),
  });
  return { source, events, samples };
}

describe('live markers', () => {
  it('a marker joins the session: counted, kept for the panel, in the session record, at the newest sample', () => {
    const controller = new SessionController();
    const { source, events, samples } = manualSource();
    const session = controller.play(source);
    events.next(samples(0, 512));
    controller.mark('/Marker/1');
    events.next(samples(512, 256));
    controller.mark('/Marker/3');
    events.next({ kind: 'marker', t: 3, label: 'from the file' });
    expect(controller.snapshot().markers).toBe(3);
    expect(session.recentMarkers.map((m) => [m.t, m.label])).toEqual([
      [2, '/Marker/1'],
      [3, '/Marker/3'],
      [3, 'from the file'],
    ]);
    const record = controller.recording?.record();
    expect(record?.markers).toEqual([
      { t: 2, label: '/Marker/1' },
      { t: 3, label: '/Marker/3' },
      { t: 3, label: 'from the file' },
    ]);
    session.stop();
  });

  it('goes to the recording when one runs, and nowhere twice', () => {
    const controller = new SessionController();
    const { source, events, samples } = manualSource();
    controller.play(source);
    const written: string[] = [];
    controller.recordings.mark = (label: string) => {
      written.push(label);
      return true;
    };
    events.next(samples(0, 256));
    controller.mark('/Marker/5');
    expect(written).toEqual(['/Marker/5']);
    expect(controller.snapshot().markers).toBe(1);
  });

  it("the session's events still complete when the source ends", async () => {
    const { source, events, samples } = manualSource();
    const session = new DreamSession(source);
    const all = firstValueFrom(session.events$.pipe(toArray()));
    events.next(samples(0, 256));
    session.mark('/Marker/2');
    events.complete();
    const got = await all;
    expect(got.map((e) => e.kind)).toEqual(['samples', 'marker']);
    session.stop();
  });
});
