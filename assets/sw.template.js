// Voronka's service worker: keeps this build's files so that the app opens and works without a
// network after the first visit. The build (scripts/service-worker.mjs) writes the exact list
// of the build's files and a version into the copy in dist/; this source is the template.
//
// - install: caches every file of this build (a failed download fails the install: a half
//   cached build is never used);
// - fetch: this origin's GET requests, cache first; a navigation gets the cached page; nothing
//   is ever requested from another host;
// - a new build waits until the page says the user agreed to reload ("skip-waiting"), so it
//   never takes over mid-drag or under an open editor; activate removes older builds' caches.
const VERSION = '__VERSION__';
const FILES = __FILES__;
const CACHE = `voronka-${VERSION}`;

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) => cache.addAll(FILES.map((f) => new Request(f, { cache: 'reload' })))),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('voronka-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener('message', (event) => {
  if (event.data === 'skip-waiting') self.skipWaiting();
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    (async () => {
      const cache = await caches.open(CACHE);
      // Any navigation inside the scope is the app's one page (the view is in the fragment).
      const key = request.mode === 'navigate' ? new URL('./', self.registration.scope).href : request;
      const hit = await cache.match(key, { ignoreSearch: request.mode === 'navigate' });
      return hit ?? fetch(request);
    })(),
  );
});
