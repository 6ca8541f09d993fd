// NeuroSleep's service worker (kiosk mode): keeps the app working offline after the first load. Only this
// origin's GET requests are cached; nothing is ever sent anywhere.
const CACHE = 'neurosleep-v1';

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil(self.clients.claim()));

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  // Network first, so a redeployed kiosk picks up the new build; the cache answers when offline.
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() =>
        caches
          .match(request)
          .then((cached) => cached ?? new Response('offline and not cached', { status: 503 })),
      ),
  );
});
