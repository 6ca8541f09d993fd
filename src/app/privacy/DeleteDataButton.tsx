import { useState } from 'react';
import type { SessionController } from '../session-controller.ts';
import { deleteAllData } from './delete-all-data.ts';

export function DeleteDataButton({ controller }: { controller: SessionController }) {
  const [message, setMessage] = useState<string | null>(null);
  return (
    <>
      <button
        type="button"
        data-testid="delete-all-data"
        aria-label="Delete my data: everything NeuroSleep stores in this browser"
        onClick={() => {
          const ok = window.confirm(
            'Delete everything NeuroSleep keeps in this browser: recordings, unfinished recordings, settings and the offline copy? This cannot be undone.',
          );
          if (!ok) return;
          void deleteAllData().then(
            (r) =>
              setMessage(
                `Deleted: ${r.databases.length} database(s), ${r.caches.length} cache(s), ${r.storageKeys} setting(s).`,
              ),
            (err: unknown) =>
              controller.loadError$.next(
                `Deleting your data failed: ${err instanceof Error ? err.message : String(err)}`,
              ),
          );
        }}
      >
        Delete my data
      </button>
      {message && (
        <span role="status" className="delete-status" data-testid="delete-status">
          {message}
        </span>
      )}
    </>
  );
}
