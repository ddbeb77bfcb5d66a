/** Names shared by the service worker and the search page's "Save for offline" control. */

/** Written by the build after Pagefind: every file a search needs, for saving the whole index. */
export interface OfflineManifest {
  buildId: string;
  bytes: number;
  files: { url: string; bytes: number }[];
}

/** The manifest without its list (which grows with the site), for the search page to state the size. */
export interface OfflineSummary {
  buildId: string;
  bytes: number;
  files: number;
}

/** Shown for pages never visited when there is no connection. */
export const OFFLINE_URL = "/offline/";
export const OFFLINE_MANIFEST_URL = "/pagefind/offline-manifest.json";
/** Also stored last in a saved index's cache: its presence there means the save completed. */
export const OFFLINE_SUMMARY_URL = "/pagefind/offline-summary.json";
const PREFIX = "broadsheet-";
/** Pages a reader visited and what they need to display; kept across builds, capped. */
export const PAGES_CACHE = `${PREFIX}pages`;
/** The search page, the offline page and Pagefind's runtime for one build. */
export const shellCache = (buildId: string): string => `${PREFIX}shell-${buildId}`;
/** The whole search index of one build, when the reader saved it. */
export const indexCache = (buildId: string): string => `${PREFIX}index-${buildId}`;
export const isOurCache = (name: string): boolean => name.startsWith(PREFIX);
export const isIndexCache = (name: string): boolean => name.startsWith(`${PREFIX}index-`);

/** Pages are kept under their address without query or fragment: `?highlight=` and the like show the same page. */
export const pageKey = (url: URL): string => url.origin + url.pathname;

/** What a page no service worker controls sends the active one, to be taken over: the same-origin images and assets it loaded, to keep with it. */
export interface KeepMessage {
  keep: string[];
}

/** Images a page may name in one message; a page shows far fewer. */
export const KEEP_LIMIT = 64;

/** The same-origin addresses among `urls` (relative ones read against `origin`), absolute; anything else is dropped. */
export function sameOriginUrls(urls: readonly string[], origin: string): string[] {
  return urls.flatMap((url) => {
    const parsed = URL.canParse(url, origin) ? new URL(url, origin) : undefined;
    return parsed && parsed.origin === origin ? [parsed.href] : [];
  });
}

export function isKeepMessage(data: unknown): data is KeepMessage {
  if (typeof data !== "object" || data === null) return false;
  const keep = (data as { keep?: unknown }).keep;
  return Array.isArray(keep) && keep.length <= KEEP_LIMIT && keep.every((url) => typeof url === "string");
}
