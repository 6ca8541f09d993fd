/**
 * A kiosk's headset drops and comes back many times a night; every MuseClient left listening on the device for
 * `gattserverdisconnected` stays alive with everything it references, so the listeners must not grow.
 */
import { filter, firstValueFrom } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { installMockMuse, synthFeed } from '../../../hardware-mocks/muse/index.ts';
import type { FakeBluetoothDevice } from '../../../hardware-mocks/muse/gatt.ts';
import { virtualClock } from '../../../src/source/clock.ts';
import { connectMuse, type MusePreset } from '../../../src/source/muse-source.ts';
import { allowConnectionListeners } from './muse-run.ts';

/** The `gattserverdisconnected` listeners registered on the device right now. */
function countDisconnectListeners(device: FakeBluetoothDevice): () => number {
  const live = new Set<unknown>();
  const add = device.addEventListener.bind(device);
  const remove = device.removeEventListener.bind(device);
  device.addEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    o?: never,
  ) => {
    if (type === 'gattserverdisconnected') live.add(listener);
    add(type, listener, o);
  };
  device.removeEventListener = (
    type: string,
    listener: EventListenerOrEventListenerObject | null,
    o?: never,
  ) => {
    if (type === 'gattserverdisconnected') live.delete(listener);
    remove(type, listener, o);
  };
  return () => live.size;
}

/** One macrotask: a Bluetooth event is a task of its own, never a microtask inside the reconnect. */
const nextTask = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('MuseSource across many reconnects', () => {
  it.each<MusePreset>(['p21', 'p50'])(
    '%s: 20 drops, each followed by 3 attempts the headset refuses on a live link, leave no listener behind',
    async (preset) => {
      const clock = virtualClock();
      const installed = installMockMuse({
        batchS: 0.5,
        feed: synthFeed({ seed: 2, durationS: 3600 }),
        clock,
      });
      const muse = installed.muse;
      allowConnectionListeners(muse.device);
      const listeners = countDisconnectListeners(muse.device);
      try {
        const source = await connectMuse({ kind: 'mock', clock, preset, retryDelayS: 0.5, giveUpAfterS: 60 });
        source.events$.subscribe({ error: () => undefined });
        await firstValueFrom(source.status$.pipe(filter((s) => s.state === 'streaming')));
        // muse-js's own, one per notifying characteristic, and MuseSource's.
        const perConnection = listeners();
        expect(perConnection).toBe(preset === 'p50' ? 13 : 10);
        const afterDrop: number[] = [];
        const afterReconnect: number[] = [];
        for (let i = 1; i <= 20; i++) {
          const back = firstValueFrom(source.device$.pipe(filter((d) => d.reconnects === i)));
          await nextTask();
          muse.refuseCommands(3);
          muse.dropLink();
          afterDrop.push(listeners());
          await back;
          afterReconnect.push(listeners());
        }
        // Only MuseSource's own listener outlives a connection.
        expect(afterDrop).toEqual(Array(20).fill(1));
        expect(afterReconnect).toEqual(Array(20).fill(perConnection));
        // The refusals happened after GATT was up: each refused attempt was a connection of its own.
        expect(source.device$.value.lastProblem).toMatch(/did not accept the connection/);
        expect(muse.stats.connections).toBe(1 + 20 * 4);
        expect(muse.stats.disconnects).toBe(20 * 4);
        source.stop();
        expect(listeners()).toBe(0);
      } finally {
        installed.uninstall();
      }
    },
  );

  it('a headset that refuses every attempt on a live link: after giving up, no listener or link is left', async () => {
    const clock = virtualClock();
    const installed = installMockMuse({ batchS: 0.5, feed: synthFeed({ seed: 2, durationS: 600 }), clock });
    const muse = installed.muse;
    allowConnectionListeners(muse.device);
    const listeners = countDisconnectListeners(muse.device);
    try {
      const source = await connectMuse({ kind: 'mock', clock, retryDelayS: 0.5, giveUpAfterS: 5 });
      source.events$.subscribe({ error: () => undefined });
      await firstValueFrom(source.status$.pipe(filter((s) => s.state === 'streaming')));
      const gaveUp = firstValueFrom(source.status$.pipe(filter((s) => s.state === 'error')));
      await nextTask();
      muse.refuseCommands(Number.MAX_SAFE_INTEGER);
      muse.dropLink();
      await gaveUp;
      expect(listeners()).toBe(0);
      expect(muse.device.gatt.connected).toBe(false);
      // Several attempts got GATT up and were refused, each on a link of its own.
      expect(muse.stats.connections).toBeGreaterThanOrEqual(4);
    } finally {
      installed.uninstall();
    }
  });

  it('stop() while a reconnect attempt is half way leaves no listener and no link', async () => {
    const clock = virtualClock();
    const installed = installMockMuse({ batchS: 0.5, feed: synthFeed({ seed: 2, durationS: 600 }), clock });
    const muse = installed.muse;
    const listeners = countDisconnectListeners(muse.device);
    try {
      const source = await connectMuse({ kind: 'mock', clock, retryDelayS: 0.5 });
      const ended = new Promise<void>((resolve, reject) =>
        source.events$.subscribe({ complete: resolve, error: reject }),
      );
      await firstValueFrom(source.status$.pipe(filter((s) => s.state === 'streaming')));
      await nextTask();
      muse.dropLink();
      // The new attempt has connected GATT and is inside muse-js's connect() when the user stops.
      expect(muse.device.gatt.connected).toBe(true);
      source.stop();
      await ended;
      for (let i = 0; i < 5; i++) await nextTask();
      expect(listeners()).toBe(0);
      expect(muse.device.gatt.connected).toBe(false);
      expect(muse.stats.commands.filter((c) => c === 'd').length).toBe(1);
    } finally {
      installed.uninstall();
    }
  });

  it('a connect() that timed out is aborted: a headset back after the source gave up gets no orphan link', async () => {
    const clock = virtualClock();
    const installed = installMockMuse({
      batchS: 0.5,
      feed: synthFeed({ seed: 2, durationS: 600 }),
      clock,
      connectWaits: true,
    });
    const muse = installed.muse;
    const listeners = countDisconnectListeners(muse.device);
    try {
      const source = await connectMuse({
        kind: 'mock',
        clock,
        retryDelayS: 0.5,
        giveUpAfterS: 1,
        connectTimeoutS: 0.02,
      });
      source.events$.subscribe({ error: () => undefined });
      await firstValueFrom(source.status$.pipe(filter((s) => s.state === 'streaming')));
      const gaveUp = firstValueFrom(source.status$.pipe(filter((s) => s.state === 'error')));
      await nextTask();
      muse.setReachable(false);
      muse.dropLink();
      await gaveUp;
      expect(source.device$.value.lastProblem).toMatch(/\S/);
      muse.setReachable(true);
      for (let i = 0; i < 5; i++) await nextTask();
      expect(muse.device.gatt.connected).toBe(false);
      expect(muse.stats.connections).toBe(1);
      expect(listeners()).toBe(0);
    } finally {
      installed.uninstall();
    }
  });
});
