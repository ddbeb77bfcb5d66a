/**
 * The one script on every page, and nothing depends on it: it registers the
 * service worker that keeps read pages and search available offline, and
 * highlights searched words on an article opened from search results.
 */
import { highlightTerms, termsFromUrl } from "./highlight.ts";

const terms = termsFromUrl(new URL(location.href));
const body = document.querySelector("[data-search-body]");
if (terms.length && body) highlightTerms(body, terms);

if ("serviceWorker" in navigator) {
  navigator.serviceWorker.register("/sw.js").catch((error: unknown) => console.warn("Offline reading is unavailable:", error));
}
