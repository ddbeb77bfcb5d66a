/**
 * "Save for offline" on the search page: downloads every file of the search
 * index listed in the build's manifest into this build's cache, showing
 * progress, so any query works with no connection. The service worker serves
 * from that cache and drops it when a newer build replaces it.
 */
import { OFFLINE_MANIFEST_URL, OFFLINE_SUMMARY_URL, indexCache, type OfflineManifest, type OfflineSummary } from "./offline-caches.ts";

const CONCURRENCY = 6;

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function download(summary: OfflineSummary, onProgress: (done: number) => void): Promise<void> {
  const manifest = (await (await fetch(OFFLINE_MANIFEST_URL)).json()) as OfflineManifest;
  if (manifest.buildId !== summary.buildId) throw new Error("the site was updated while saving; reload the page");
  const cache = await caches.open(indexCache(manifest.buildId));
  const queue = [...manifest.files];
  let done = 0;
  const worker = async () => {
    for (let file = queue.shift(); file; file = queue.shift()) {
      const response = await fetch(file.url);
      if (!response.ok) throw new Error(`${file.url}: HTTP ${response.status}`);
      await cache.put(file.url, response);
      done += file.bytes;
      onProgress(done);
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  await cache.put(OFFLINE_SUMMARY_URL, new Response(JSON.stringify(summary), { headers: { "content-type": "application/json" } }));
}

/** What the reader is told when a save stops: retrying helps after a lost connection, not with full storage. */
export function stoppedMessage(error: unknown): string {
  if (error instanceof DOMException && error.name === "QuotaExceededError")
    return "Saving stopped: this device's storage is full. Free some space, then try again.";
  return "Saving stopped: the connection was lost. Try again when you are online.";
}

/** The summary is stored after every file, so a save cut short does not count as saved. */
async function isSaved(summary: OfflineSummary): Promise<boolean> {
  if (!(await caches.has(indexCache(summary.buildId)))) return false;
  return (await (await caches.open(indexCache(summary.buildId))).match(OFFLINE_SUMMARY_URL)) !== undefined;
}

/** Shows the box on the search page; settles once it is shown (or offline search is unavailable). */
export function setUpOfflineSave(): Promise<void> {
  const box = document.querySelector<HTMLElement>("[data-offline-save]");
  const button = box?.querySelector<HTMLButtonElement>("[data-offline-button]");
  const text = box?.querySelector<HTMLElement>("[data-offline-text]");
  const progress = box?.querySelector<HTMLProgressElement>("[data-offline-progress]");
  const status = box?.querySelector<HTMLElement>("[data-offline-status]");
  if (!box || !button || !text || !progress || !status || !("serviceWorker" in navigator) || !("caches" in window))
    return Promise.resolve();

  return (async () => {
    const summary = (await (await fetch(OFFLINE_SUMMARY_URL)).json()) as OfflineSummary;
    const size = formatBytes(summary.bytes);
    box.hidden = false;
    const showSaved = () => {
      text.textContent = `Search is saved on this device (${size}): any search works without a connection.`;
      button.hidden = true;
    };
    if (await isSaved(summary)) showSaved();
    else button.textContent = `Save for offline (${size})`;

    button.addEventListener("click", () => {
      button.disabled = true;
      progress.hidden = false;
      progress.max = summary.bytes;
      progress.value = 0;
      status.textContent = `Saving ${size}…`;
      download(summary, (done) => {
        progress.value = done;
        progress.setAttribute("aria-valuetext", `${formatBytes(done)} of ${size}`);
      })
        .then(() => {
          status.textContent = `Saved ${size}. Search now works offline.`;
          showSaved();
        })
        .catch(async (error: unknown) => {
          status.textContent = stoppedMessage(error);
          console.warn(error);
          // A part of the index takes storage and searches nothing; the next deploy's worker would not complete it either.
          await caches.delete(indexCache(summary.buildId));
        })
        .finally(() => {
          button.disabled = false;
          progress.hidden = true;
        });
    });
  })().catch((error: unknown) => console.warn("Offline search is unavailable:", error));
}
