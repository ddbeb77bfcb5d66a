/**
 * The one script on every page, and nothing depends on it: it registers the
 * service worker that keeps read pages and search available offline (the
 * page names it; the dev server has none), lists the saved pages on the
 * offline page, marks the searched words on an article opened from search
 * results, scrolling to the first match, offers a search for the words of a
 * missing page's address on "Page not found", and takes the keyboard focus from
 * code and table boxes that have nothing to scroll.
 */
import { highlightSearch } from "./highlight.ts";
import { offerSearch } from "./not-found.ts";
import { focusOnlyBoxesThatScroll } from "./scroll-boxes.ts";
import { KEEP_LIMIT, type KeepMessage } from "./offline/offline-caches.ts";
import { listSavedPages } from "./offline/saved-pages.ts";

const body = document.querySelector("[data-search-body]");
if (body) highlightSearch(body, new URL(location.href));
const notFoundSearch = document.querySelector<HTMLInputElement>("input[data-not-found-search]");
if (notFoundSearch) offerSearch(notFoundSearch, location.pathname);
focusOnlyBoxesThatScroll(document);

/**
 * The images and the build's assets (styles, scripts) this page loaded before
 * a service worker could see them, for the worker to keep with the page: the
 * next deploy's worker no longer has this build's assets.
 */
function filesShown(): string[] {
  const loaded = performance.getEntriesByType("resource") as PerformanceResourceTiming[];
  const kept = loaded.filter((e) => e.initiatorType === "img" || new URL(e.name).pathname.startsWith("/assets/"));
  return kept.map((e) => e.name).slice(0, KEEP_LIMIT);
}

const worker = document.querySelector<HTMLScriptElement>("script[data-service-worker]")?.dataset.serviceWorker;
function registerWorker(url: string): void {
  navigator.serviceWorker
    .register(url)
    .then(async () => {
      const { active } = await navigator.serviceWorker.ready;
      // A page no worker controls, on a first visit or loaded while the worker was activating, asks to be taken over and kept with its images.
      if (navigator.serviceWorker.controller !== null) return;
      const message: KeepMessage = { keep: filesShown() };
      active?.postMessage(message);
    })
    .catch((error: unknown) => console.warn("Offline reading is unavailable:", error));
}

if (worker && "serviceWorker" in navigator) {
  // Installing the worker fetches and stores pages: after the load, so it takes no bandwidth or processor time from this page's own first view.
  if (document.readyState === "complete") registerWorker(worker);
  else addEventListener("load", () => registerWorker(worker), { once: true });
}

const saved = document.querySelector<HTMLElement>("[data-saved-pages]");
if (saved) listSavedPages(saved).catch((error: unknown) => console.warn("Saved pages cannot be listed:", error));
