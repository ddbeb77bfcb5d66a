/**
 * Marks the searched words on an article opened from a search result
 * (`?highlight=word`, the parameter Pagefind adds to result URLs). Words match
 * at their start, as Pagefind's stemmed matches do: "automat" marks "automated".
 */
const WORD_CHAR = "[\\p{L}\\p{N}\\p{M}]";

export function termsFromUrl(url: URL): string[] {
  const words = url.searchParams.getAll("highlight").flatMap((t) => t.split(/\s+/));
  return [...new Set(words.map((w) => w.trim()).filter(Boolean))];
}

export function highlightPattern(terms: string[]): RegExp | undefined {
  const escaped = terms.map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).filter(Boolean);
  if (!escaped.length) return undefined;
  return new RegExp(`(?<!${WORD_CHAR})(?:${escaped.join("|")})${WORD_CHAR}*`, "giu");
}

/** Wraps matches in `<mark>` inside `root`, skipping parts Pagefind does not index. Returns how many were marked. */
export function highlightTerms(root: Element, terms: string[]): number {
  const pattern = highlightPattern(terms);
  if (!pattern) return 0;
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest("[data-search-ignore], [hidden], script, style, mark")
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  const textNodes: Text[] = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) textNodes.push(node as Text);
  let count = 0;
  for (const text of textNodes) {
    const value = text.data;
    const parts: Node[] = [];
    let last = 0;
    for (const match of value.matchAll(pattern)) {
      const start = match.index;
      parts.push(document.createTextNode(value.slice(last, start)));
      const mark = document.createElement("mark");
      mark.className = "search-highlight";
      mark.textContent = match[0];
      parts.push(mark);
      last = start + match[0].length;
      count++;
    }
    if (!parts.length) continue;
    parts.push(document.createTextNode(value.slice(last)));
    text.replaceWith(...parts);
  }
  return count;
}
