/**
 * The search page's markup: results, filter lists with counts, active-filter
 * chips and suggestions. Pure DOM building; src/assets/search.ts decides what to show.
 */
import { FILTER_KEYS, type FilterKey, type FilterTerm, type SearchVocabulary } from "./filter-vocabulary.ts";
import type { PagefindResultData } from "./pagefind-types.ts";

const FILTER_LABELS: Record<FilterKey, string> = { section: "Section", author: "Author", tag: "Tag", year: "Year" };
/** Long lists (tags, authors) show this many values until the reader asks for all. */
const SHORT_LIST = 8;

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

const decoder = document.createElement("textarea");
/** Text of escaped HTML: a textarea's content is never parsed as markup. */
function unescapeHtml(html: string): string {
  decoder.innerHTML = html;
  return decoder.value;
}

/** Pagefind's excerpt is escaped text with <mark> around matches; nothing else is let through. */
function excerptNodes(html: string): Node[] {
  return html.split(/(<mark>.*?<\/mark>)/g).map((part) => {
    const marked = /^<mark>(.*)<\/mark>$/.exec(part);
    const text = unescapeHtml(marked ? (marked[1] ?? "") : part);
    return marked ? el("mark", {}, text) : document.createTextNode(text);
  });
}

export function resultItem(data: PagefindResultData): HTMLLIElement {
  const meta = el("p", { className: "search-result__meta" });
  if (data.meta.section) meta.append(el("span", { className: "search-result__section" }, data.meta.section));
  if (data.meta.section && data.meta.date) meta.append(" · ");
  if (data.meta.date) meta.append(data.meta.date);
  const text = el(
    "div",
    { className: "search-result__text" },
    meta,
    el("h2", { className: "search-result__title" }, el("a", { href: data.url }, data.meta.title ?? data.url)),
    el("p", { className: "search-result__excerpt" }, ...excerptNodes(data.excerpt)),
  );
  const item = el("li", { className: "search-result" }, text);
  if (data.meta.image) {
    item.classList.add("search-result--image");
    item.append(
      el("img", {
        className: "search-result__image",
        src: data.meta.image,
        alt: data.meta.image_alt ?? "",
        width: 160,
        height: 107,
        loading: "lazy",
        decoding: "async",
      }),
    );
  }
  return item;
}

export interface FilterView {
  vocabulary: SearchVocabulary;
  selected: Record<FilterKey, string[]>;
  /** Results per indexed value if that value were chosen. */
  counts: Record<FilterKey, Record<string, number>>;
  expanded: Set<FilterKey>;
}

function orderedTerms(key: FilterKey, view: FilterView): FilterTerm[] {
  const count = (t: FilterTerm) => view.counts[key][t.name] ?? 0;
  const selected = new Set(view.selected[key]);
  const shown = view.vocabulary[key].filter((t) => count(t) > 0 || selected.has(t.id));
  // Sections keep navigation order and years run newest first; the rest by how many results they hold.
  return key === "author" || key === "tag" ? [...shown].sort((a, b) => count(b) - count(a) || a.name.localeCompare(b.name)) : shown;
}

/** Fieldsets of checkboxes (name = filter, value = id) with counts; `data-more` buttons expand long lists. */
export function filterGroups(view: FilterView): HTMLElement[] {
  return FILTER_KEYS.flatMap((key) => {
    const terms = orderedTerms(key, view);
    if (!terms.length) return [];
    const selected = new Set(view.selected[key]);
    const limit = view.expanded.has(key) ? terms.length : Math.max(SHORT_LIST, terms.filter((t) => selected.has(t.id)).length);
    const items = terms.slice(0, limit).map((t) => {
      const box = el("input", { type: "checkbox", name: key, value: t.id, checked: selected.has(t.id) });
      const count = view.counts[key][t.name] ?? 0;
      return el(
        "li",
        {},
        el(
          "label",
          {},
          box,
          ` ${t.name} `,
          el(
            "span",
            { className: "filter-count" },
            String(count),
            el("span", { className: "visually-hidden" }, count === 1 ? " article" : " articles"),
          ),
        ),
      );
    });
    const group = el("fieldset", { className: "filter-group" }, el("legend", {}, FILTER_LABELS[key]), el("ul", {}, ...items));
    if (terms.length > limit) {
      const more = el("button", { type: "button", className: "link-button" }, `Show all ${terms.length}`);
      more.dataset.more = key;
      group.append(more);
    }
    return [group];
  });
}

export function filterChips(vocabulary: SearchVocabulary, selected: Record<FilterKey, string[]>): HTMLLIElement[] {
  return FILTER_KEYS.flatMap((key) =>
    selected[key].map((id) => {
      const name = vocabulary[key].find((t) => t.id === id)?.name ?? id;
      const button = el(
        "button",
        { type: "button", className: "chip" },
        `${FILTER_LABELS[key]}: ${name} `,
        el("span", { "aria-hidden": "true" } as Partial<HTMLSpanElement>, "×"),
      );
      button.setAttribute("aria-label", `Remove filter ${FILTER_LABELS[key]}: ${name}`);
      button.dataset.remove = key;
      button.dataset.id = id;
      return el("li", {}, button);
    }),
  );
}

/** A row of buttons that each apply one filter (`data-apply`, `data-id`) or run one query (`data-query`). */
export function suggestionRow(
  label: string,
  buttons: { text: string; apply?: [FilterKey, string]; query?: string }[],
): HTMLParagraphElement {
  const row = el("p", { className: "search-suggest__row" }, el("span", { className: "search-suggest__label" }, label));
  for (const b of buttons) {
    const button = el("button", { type: "button", className: "chip" }, b.text);
    if (b.apply) {
      button.dataset.apply = b.apply[0];
      button.dataset.id = b.apply[1];
    }
    if (b.query !== undefined) button.dataset.query = b.query;
    row.append(" ", button);
  }
  return row;
}

export function paragraph(text: string, className = ""): HTMLParagraphElement {
  return el("p", { className }, text);
}

export function actionButton(text: string, action: string): HTMLButtonElement {
  const button = el("button", { type: "button", className: "link-button" }, text);
  button.dataset.action = action;
  return button;
}
