/// <reference lib="webworker" />
/**
 * The service worker (/sw.js). Pages a reader opens are kept for reading
 * offline, from the first: on install it keeps the front page and the page it
 * was installed from (whose images that page then names in a message), and
 * every page read afterwards as it is read. The search page, the offline page
 * and Pagefind's runtime are cached on install; the whole index is cached when
 * the reader saves it from the search page. Caches of other builds are
 * deleted on activation, and an index saved in full is saved again for the new
 * build so offline search keeps working after an update.
 */
import {
  PAGES_CACHE,
  OFFLINE_MANIFEST_URL,
  OFFLINE_SUMMARY_URL,
  OFFLINE_URL,
  indexCache,
  isIndexCache,
  isKeepMessage,
  isOurCache,
  pageKey,
  sameOriginUrls,
  shellCache,
  type OfflineManifest,
} from "./offline/offline-caches.ts";

declare const BUILD_ID: string;
declare const PRECACHE: string[];
declare const self: ServiceWorkerGlobalScope;

const SHELL = shellCache(BUILD_ID);
const INDEX = indexCache(BUILD_ID);
/** Entries the pages cache keeps, pages and the images they showed counted together, the least recently read dropped first. */
const MAX_ENTRIES = 300;
/** Files whose names change with their content: a cached copy is always right. */
const IMMUTABLE =
  /^\/(assets\/|pagefind\/spelling\/|pagefind\/(parts\/[^/]+\/)?(index|fragment|filter)\/|pagefind\/(parts\/[^/]+\/)?[^/]+\.pf_meta$)/;

/** Cache.put stores an error response as readily as the file: one would be served as part of the index. */
async function fetchOk(url: string): Promise<Response> {
  const response = await fetch(url, { cache: "no-store" });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response;
}

async function saveIndexAgain(previous: string): Promise<void> {
  const manifest = (await (await fetchOk(OFFLINE_MANIFEST_URL)).json()) as OfflineManifest;
  const [target, old] = await Promise.all([caches.open(INDEX), caches.open(previous)]);
  for (const file of manifest.files) {
    const kept = IMMUTABLE.test(file.url) ? await old.match(file.url) : undefined;
    await target.put(file.url, kept ?? (await fetchOk(file.url)));
  }
  await target.put(OFFLINE_SUMMARY_URL, await fetchOk(OFFLINE_SUMMARY_URL));
}

/**
 * The index the reader saved in full for an earlier build, if any. A save cut
 * short is deleted: completing it would download the index without the
 * reader asking.
 */
async function savedIndex(): Promise<string | undefined> {
  let saved: string | undefined;
  for (const name of (await caches.keys()).filter((n) => isIndexCache(n) && n !== INDEX)) {
    if (await (await caches.open(name)).match(OFFLINE_SUMMARY_URL)) saved = name;
    else await caches.delete(name);
  }
  return saved;
}

/**
 * Both builds' indexes must fit in storage at once while the index is saved
 * again; when they do not, or the connection drops, the worker installs
 * without it (the search page offers to save it again) rather than never.
 */
async function saveIndexAgainIfSaved(): Promise<void> {
  const saved = await savedIndex();
  if (!saved) return;
  try {
    await saveIndexAgain(saved);
  } catch (error) {
    console.warn("The saved search index could not be saved again for this build:", error);
    await caches.delete(INDEX);
  }
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL);
      // The HTTP cache may answer: fingerprinted files never change, the rest revalidate (netlify.toml).
      await shell.addAll(PRECACHE);
      await saveIndexAgainIfSaved();
      await keepFirstPages();
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    (async () => {
      const keep = new Set([SHELL, INDEX, PAGES_CACHE]);
      const names = await caches.keys();
      await Promise.all(names.filter((name) => isOurCache(name) && !keep.has(name)).map((name) => caches.delete(name)));
      await self.clients.claim();
    })(),
  );
});

async function remember(cacheKey: string, response: Response): Promise<void> {
  if (!response.ok || response.type !== "basic" || new URL(cacheKey).pathname === OFFLINE_URL) return;
  const cache = await caches.open(PAGES_CACHE);
  // Deleted first so a re-visited page moves to the end, the newest place.
  await cache.delete(cacheKey);
  await cache.put(cacheKey, response);
  const keys = await cache.keys();
  // Oldest first: Cache keeps insertion order, and re-visited pages are re-inserted.
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_ENTRIES)).map((k) => cache.delete(k)));
}

/** Fetches `urls` and keeps them in the pages cache, in order; one that fails is left out, as a page never read would be. */
async function keepAll(urls: Iterable<string>): Promise<void> {
  for (const url of urls) {
    try {
      await remember(url, await fetch(url));
    } catch (error) {
      console.warn(`Not saved for offline reading: ${url}`, error);
    }
  }
}

/**
 * The front page, then the pages open in this browser (the page that
 * installed the worker among them): a reader who opens one page and goes
 * offline can still read it and the front page. Fetched again here, since
 * they were loaded before the worker ran.
 */
async function keepFirstPages(): Promise<void> {
  const windows = await self.clients.matchAll({ type: "window", includeUncontrolled: true });
  const front = pageKey(new URL("/", self.location.origin));
  await keepAll(new Set([front, ...windows.map((w) => pageKey(new URL(w.url))).filter((key) => key.startsWith(self.location.origin))]));
}

/**
 * A page no worker controls asks to be taken over, naming the images and
 * assets it loaded. Claiming again matters for a page whose navigation was under way
 * while this worker activated: the claim on activation missed it. Such a page
 * was never seen by the worker, so it is kept too unless it already is.
 */
self.addEventListener("message", (event) => {
  if (!isKeepMessage(event.data)) return;
  const sender = event.source instanceof WindowClient ? pageKey(new URL(event.source.url)) : undefined;
  event.waitUntil(
    Promise.all([self.clients.claim(), keepAll(sameOriginUrls(event.data.keep, self.location.origin)), sender && keepUnlessKept(sender)]),
  );
});

async function keepUnlessKept(key: string): Promise<void> {
  if (!(await (await caches.open(PAGES_CACHE)).match(key))) await keepAll([key]);
}

/** Network first, so readers online always get the current page; the cache when offline. */
async function page(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const key = pageKey(new URL(request.url));
  try {
    const response = await fetch(request);
    event.waitUntil(remember(key, response.clone()));
    return response;
  } catch (error) {
    // This build's shell first: the pages cache outlives builds, and its copy of the search page may name an old build's assets.
    const shell = await caches.open(SHELL);
    const cached =
      (await shell.match(key, { ignoreSearch: true })) ??
      (await caches.match(key, { ignoreSearch: true })) ??
      (await shell.match(OFFLINE_URL));
    if (cached) return cached;
    throw error;
  }
}

async function immutable(event: FetchEvent): Promise<Response> {
  const { request } = event;
  // Assets belong to the pages that use them, even when this build's shell serves them: the shell goes with the next deploy, the pages stay.
  const asset = new URL(request.url).pathname.startsWith("/assets/");
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) {
    if (asset) event.waitUntil(remember(request.url, cached.clone()));
    return cached;
  }
  const response = await fetch(request);
  // Index chunks belong to this build (so past queries work offline).
  if (asset) event.waitUntil(remember(request.url, response.clone()));
  else if (response.ok) event.waitUntil(caches.open(SHELL).then((cache) => cache.put(request.url, response.clone())));
  return response;
}

/** Pagefind's entry files and runtime have stable names: fresh when online, cached when not. */
async function networkFirst(event: FetchEvent): Promise<Response> {
  const { request } = event;
  try {
    const response = await fetch(request);
    // Images and other files of visited pages; Pagefind's own files are in the build's caches.
    if (!new URL(request.url).pathname.startsWith("/pagefind/")) event.waitUntil(remember(request.url, response.clone()));
    return response;
  } catch (error) {
    const cached = await caches.match(request, { ignoreSearch: true });
    if (cached) return cached;
    throw error;
  }
}

self.addEventListener("fetch", (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) return;
  if (request.mode === "navigate") event.respondWith(page(event));
  else if (IMMUTABLE.test(url.pathname)) event.respondWith(immutable(event));
  else event.respondWith(networkFirst(event));
});
