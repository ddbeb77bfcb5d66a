/**
 * The one script on every page, and nothing depends on it: it registers the
 * service worker that keeps read pages and search available offline (the
 * page names it; the dev server has none), and marks the searched words on an
 * article opened from search results, scrolling to the first match.
 */
import { highlightSearch } from "./highlight.ts";

const body = document.querySelector("[data-search-body]");
if (body) highlightSearch(body, new URL(location.href));

const worker = document.querySelector<HTMLScriptElement>("script[data-service-worker]")?.dataset.serviceWorker;
if (worker && "serviceWorker" in navigator) {
  navigator.serviceWorker.register(worker).catch((error: unknown) => console.warn("Offline reading is unavailable:", error));
}
