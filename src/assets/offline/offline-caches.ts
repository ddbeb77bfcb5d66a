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
