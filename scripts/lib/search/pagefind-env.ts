/**
 * The environment each Pagefind run is started with. The caller's own
 * environment wins, so a site operator can still set either variable.
 */

/**
 * Settings for Pagefind's memory allocator. Its binary allocates through
 * jemalloc, which reads them from `_RJEM_MALLOC_CONF`. A run holds nearly all
 * it allocates until it writes its bundle, then exits, so the system time it
 * spent faulting in fresh memory a 4 kB page at a time was a large share of
 * its cost. Transparent huge pages cut the faults several hundredfold, but a
 * process gets them only if it asks where the kernel's mode is `madvise` (the
 * usual default); and memory handed back while the run goes on splits the
 * huge pages it sat in, so nothing is handed back before the process ends
 * (docs/performance.md, "Pages and the search index, side by side").
 */
export const PAGEFIND_ALLOCATOR = "thp:always,dirty_decay_ms:-1,muzzy_decay_ms:-1";

/** `threads` is how many threads the run may use for its parallel work (`RAYON_NUM_THREADS`). */
export function pagefindEnv(threads: number, env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  return { RAYON_NUM_THREADS: String(threads), _RJEM_MALLOC_CONF: PAGEFIND_ALLOCATOR, ...env };
}
