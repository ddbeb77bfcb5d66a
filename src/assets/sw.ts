/// <reference lib="webworker" />
/**
 * The service worker (/sw.js). Pages a reader opens are kept for reading
 * offline; the search page and Pagefind's runtime are cached on install; the
 * whole index is cached when the reader saves it from the search page. Caches
 * of other builds are deleted on activation, and a saved index is saved again
 * for the new build so offline search keeps working after an update.
 */
import {
  PAGES_CACHE,
  OFFLINE_MANIFEST_URL,
  OFFLINE_SUMMARY_URL,
  OFFLINE_URL,
  indexCache,
  isIndexCache,
  isOurCache,
  shellCache,
  type OfflineManifest,
} from "./offline/offline-caches.ts";

declare const BUILD_ID: string;
declare const PRECACHE: string[];
declare const self: ServiceWorkerGlobalScope;

const SHELL = shellCache(BUILD_ID);
const INDEX = indexCache(BUILD_ID);
const MAX_PAGES = 300;
/** Files whose names change with their content: a cached copy is always right. */
const IMMUTABLE = /^\/(assets\/|pagefind\/(parts\/[^/]+\/)?(index|fragment|filter)\/|pagefind\/(parts\/[^/]+\/)?[^/]+\.pf_meta$)/;

async function saveIndexAgain(previous: string): Promise<void> {
  const manifest = (await (await fetch(OFFLINE_MANIFEST_URL, { cache: "no-store" })).json()) as OfflineManifest;
  const [target, old] = await Promise.all([caches.open(INDEX), caches.open(previous)]);
  for (const file of manifest.files) {
    const kept = IMMUTABLE.test(file.url) ? await old.match(file.url) : undefined;
    await target.put(file.url, kept ?? (await fetch(file.url, { cache: "no-store" })));
  }
  await target.put(OFFLINE_SUMMARY_URL, await fetch(OFFLINE_SUMMARY_URL, { cache: "no-store" }));
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    (async () => {
      const shell = await caches.open(SHELL);
      // The HTTP cache may answer: fingerprinted files never change, the rest revalidate (netlify.toml).
      await shell.addAll(PRECACHE);
      const saved = (await caches.keys()).find((name) => isIndexCache(name) && name !== INDEX);
      if (saved) await saveIndexAgain(saved);
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
  if (!response.ok || response.type !== "basic") return;
  const cache = await caches.open(PAGES_CACHE);
  // Deleted first so a re-visited page moves to the end, the newest place.
  await cache.delete(cacheKey);
  await cache.put(cacheKey, response);
  const keys = await cache.keys();
  // Oldest first: Cache keeps insertion order, and re-visited pages are re-inserted.
  await Promise.all(keys.slice(0, Math.max(0, keys.length - MAX_PAGES)).map((k) => cache.delete(k)));
}

/** Network first, so readers online always get the current page; the cache when offline. */
async function page(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const url = new URL(request.url);
  const key = url.origin + url.pathname;
  try {
    const response = await fetch(request);
    event.waitUntil(remember(key, response.clone()));
    return response;
  } catch (error) {
    const cached = (await caches.match(key, { ignoreSearch: true })) ?? (await caches.match(OFFLINE_URL));
    if (cached) return cached;
    throw error;
  }
}

async function immutable(event: FetchEvent): Promise<Response> {
  const { request } = event;
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  // Assets belong to the pages that use them; index chunks to this build (so past queries work offline).
  if (new URL(request.url).pathname.startsWith("/assets/")) event.waitUntil(remember(request.url, response.clone()));
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
