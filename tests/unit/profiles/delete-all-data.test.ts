import { afterEach, describe, expect, it, vi } from 'vitest';
import { deleteAllData } from '../../../src/app/privacy/delete-all-data.ts';
import { ProfileStore, memoryStorage, type StorageLike } from '../../../src/profiles/profile-store.ts';

function clearable(): StorageLike & { clear(): void } {
  const s = memoryStorage();
  return Object.assign(s, {
    clear() {
      for (const k of Array.from({ length: s.length }, (_, i) => s.key(i))) if (k) s.removeItem(k);
    },
  });
}

afterEach(() => vi.unstubAllGlobals());

describe('delete all my data', () => {
  it('removes the local profiles with their baselines and says how many', async () => {
    const local = clearable();
    vi.stubGlobal('localStorage', local);
    vi.stubGlobal('sessionStorage', clearable());
    const store = new ProfileStore(local);
    store.select(store.create('Ana').id);
    store.create('Ben');
    local.setItem('neurosleep.scene', 'tide');

    const report = await deleteAllData();
    expect(report.profiles).toBe(2);
    expect(report.storageKeys).toBe(4);
    expect(local.length).toBe(0);
    expect(store.refresh()).toEqual({ profiles: [], activeId: null, problems: [] });
  });
});
