import { MuseClient } from 'muse-js';
import { Observable, firstValueFrom, take, toArray } from 'rxjs';
import { describe, expect, it } from 'vitest';
import { fromMuseObservable } from '../../../src/source/muse-bridge.ts';

describe('muse-js bridge', () => {
  it("re-emits muse-js's rxjs 6 observables as rxjs 7 ones, and unsubscribes from the source", async () => {
    const client = new MuseClient();
    const status6 = client.connectionStatus;
    const status7 = fromMuseObservable<boolean>(status6);
    expect(status7).toBeInstanceOf(Observable);
    expect(status6).not.toBeInstanceOf(Observable);

    const values = firstValueFrom(status7.pipe(take(3), toArray()));
    status6.next(true);
    status6.next(false);
    expect(await values).toEqual([false, true, false]);
    expect(status6.observers.length).toBe(0);
  });
});
