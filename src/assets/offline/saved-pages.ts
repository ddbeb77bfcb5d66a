/**
 * The offline page's list of the pages saved on this device: what the service
 * worker keeps in its pages cache, most recently read first, each named by
 * its title. Reads only the first few kilobytes of each saved page, where its
 * `<title>` is, so a full cache lists quickly.
 */
import { OFFLINE_URL, PAGES_CACHE } from "./offline-caches.ts";

/** How far into a saved page its `<title>` may be: it sits early in the `<head>`. */
const HEAD_BYTES = 8192;

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes the character references an HTML `<title>` may hold. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith("#")) {
      const code = name[1] === "x" || name[1] === "X" ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** What a saved page is called in the list: "Front page", or its title without the site's name after it. */
export function pageLabel(path: string, head: string, siteTitle: string): string {
  if (path === "/") return "Front page";
  const raw = /<title>([^<]*)<\/title>/i.exec(head)?.[1];
  const title = raw === undefined ? "" : decodeEntities(raw).trim();
  const suffix = ` | ${siteTitle}`;
  const own = siteTitle && title.endsWith(suffix) ? title.slice(0, -suffix.length) : title;
  return own || path;
}

async function headOf(response: Response): Promise<string> {
  const reader = response.body?.getReader();
  if (!reader) return "";
  const decoder = new TextDecoder();
  let text = "";
  while (text.length < HEAD_BYTES && !/<\/title>/i.test(text)) {
    const { done, value } = await reader.read();
    if (done) break;
    text += decoder.decode(value, { stream: true });
  }
  await reader.cancel();
  return text;
}

/** Fills `container`'s `[data-saved-list]` with the saved pages and shows it; leaves it hidden when there are none. */
export async function listSavedPages(container: HTMLElement): Promise<void> {
  const list = container.querySelector("[data-saved-list]");
  if (!list || !("caches" in window) || !(await caches.has(PAGES_CACHE))) return;
  const cache = await caches.open(PAGES_CACHE);
  const siteTitle = container.dataset.siteTitle ?? "";
  // The cache keeps the order pages were saved in, and a page read again moves to the end.
  for (const request of [...(await cache.keys())].reverse()) {
    const url = new URL(request.url);
    if (url.origin !== location.origin || url.pathname === OFFLINE_URL) continue;
    const response = await cache.match(request);
    if (!response?.headers.get("content-type")?.startsWith("text/html")) continue;
    const link = document.createElement("a");
    link.href = url.pathname;
    link.textContent = pageLabel(url.pathname, await headOf(response), siteTitle);
    const item = document.createElement("li");
    item.append(link);
    list.append(item);
  }
  container.hidden = list.childElementCount === 0;
}
