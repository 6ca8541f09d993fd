/** Registers the service worker that lets a kiosk keep running offline after its first load. */
export async function enableOffline(): Promise<string | null> {
  if (!('serviceWorker' in navigator))
    return 'this browser has no service workers: the kiosk needs the network';
  if (import.meta.env.DEV) return null; // the dev server's modules change on every edit: nothing to cache
  try {
    await navigator.serviceWorker.register(new URL('sw.js', document.baseURI).href);
    return null;
  } catch (err) {
    return `offline mode is unavailable: ${err instanceof Error ? err.message : String(err)}`;
  }
}
