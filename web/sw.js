// Service worker of the web build: the app keeps working offline after one
// visit. Registered by the app (src/browser.rs) over http(s), outside iframes,
// on the page that links the manifest. The build writes BUILD (scripts/lib/sw.mjs):
// every deploy changes this file, so browsers install the new version, which
// precaches its files in a cache for this scope and version and deletes the
// older ones. A published archive's pieces (data/NAME-HASH.json and its search
// index, data/search/NAME-HASH.bin): cache first,
// they never change. The page and other .json: network first, cached copy when
// offline or slow; the other build files: cache first. See ARCHITECTURE.md.
'use strict';

const BUILD = { version: 'dev', files: [] }; // filled in by scripts/lib/sw.mjs

const SCOPE = self.registration.scope;
const CACHE_PREFIX = `caricc-archive ${SCOPE} `;
const CACHE = CACHE_PREFIX + BUILD.version;
// A published archive's pieces and its manifest: kept across app versions
// (a reader who saved the archive for offline keeps it when the app is
// updated); pieces never change, so a name once cached stays right.
const DATA_CACHE = CACHE_PREFIX + 'data';
const PIECE = /\/data\/([a-z]+-[0-9a-f]{16}\.json|search\/[a-z]+[0-9]*-[0-9a-f]{16}\.bin)$/;
const INDEX = new URL('index.html', SCOPE).href;
const BUILD_FILES = new Set(BUILD.files.map((f) => new URL(f, SCOPE).href));
const NETWORK_WAIT_MS = 4000;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // Revalidated, so that no stale copy from the HTTP cache gets in.
      await cache.addAll(BUILD.files.map((f) => new Request(new URL(f, SCOPE), { cache: 'no-cache' })));
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) {
        if (name.startsWith(CACHE_PREFIX) && name !== CACHE && name !== DATA_CACHE) await caches.delete(name);
      }
      await self.clients.claim();
    })(),
  );
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET' || !request.url.startsWith(SCOPE)) return;
  const url = new URL(request.url);
  if (request.mode === 'navigate') {
    // The app is one page: the scope's index (with any query) is index.html.
    if (url.pathname === new URL(SCOPE).pathname || url.href.split(/[?#]/)[0] === INDEX) {
      event.respondWith(networkFirst(event, INDEX));
    }
    return;
  }
  if (PIECE.test(url.pathname)) {
    event.respondWith(cacheFirst(event, DATA_CACHE));
  } else if (BUILD_FILES.has(url.href) && !url.pathname.endsWith('.json')) {
    event.respondWith(cacheFirst(event, CACHE));
  } else {
    const data = url.pathname.endsWith('/data/manifest.json');
    event.respondWith(networkFirst(event, url.href, data ? DATA_CACHE : CACHE));
  }
});

async function cacheFirst(event, name) {
  const cache = await caches.open(name);
  const hit = await cache.match(event.request, { ignoreVary: true });
  return hit ?? fetchAndKeep(event, cache, event.request, fetch(event.request));
}

async function networkFirst(event, key, name = CACHE) {
  const cache = await caches.open(name);
  // Past the HTTP cache: a host that lets browsers keep the page for an
  // hour must not hold a new deploy back from a reader who is online.
  const network = fetchAndKeep(event, cache, key, fetch(key, { cache: 'no-cache', credentials: 'same-origin' }));
  const cached = await cache.match(key, { ignoreVary: true });
  if (!cached) return network;
  // With a copy at hand, wait for the network only so long, and fall back
  // to the copy when it fails (offline).
  let timer;
  const late = new Promise((resolve) => (timer = setTimeout(() => resolve(cached), NETWORK_WAIT_MS)));
  try {
    return await Promise.race([network, late]);
  } catch {
    return cached;
  } finally {
    clearTimeout(timer);
  }
}

/** Fetches the request and keeps a copy of a good answer under `key`,
 * without holding the answer back (the page reads the archive as it
 * streams in). */
function fetchAndKeep(event, cache, key, network) {
  event.waitUntil(
    network
      .then((r) => (r.ok && r.type === 'basic' && !r.redirected ? cache.put(key, r.clone()) : undefined))
      .catch(() => {}), // offline: not an error here
  );
  return network;
}
