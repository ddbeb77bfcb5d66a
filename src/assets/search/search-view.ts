/**
 * The search page's markup: results, filter lists with counts, active-filter
 * chips and suggestions. Pure DOM building; src/assets/search.ts decides what to show.
 */
import type { ResultView } from "./archive-search.ts";
import { FILTER_KEYS, type FilterKey, type FilterTerm, type SearchVocabulary } from "./filter-vocabulary.ts";

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

/** One result: section and date, headline linking to the article, the passage that matched, the words it misses if any, and the article's image. */
export function resultItem(view: ResultView): HTMLLIElement {
  const meta = el("p", { className: "search-result__meta" });
  if (view.meta.section) meta.append(el("span", { className: "search-result__section" }, view.meta.section));
  if (view.meta.section && view.meta.date) meta.append(" · ");
  if (view.meta.date) meta.append(view.meta.date);
  const excerpt = view.excerpt.map((part) => (part.mark ? el("mark", {}, part.text) : document.createTextNode(part.text)));
  const text = el(
    "div",
    { className: "search-result__text" },
    meta,
    el("h2", { className: "search-result__title" }, el("a", { href: view.href }, view.title)),
    el("p", { className: "search-result__excerpt" }, ...excerpt),
  );
  if (view.missing.length) text.append(el("p", { className: "search-result__missing" }, `Missing: ${view.missing.join(", ")}`));
  const item = el("li", { className: "search-result" }, text);
  item.dataset.id = view.id;
  if (view.meta.image) {
    item.classList.add("search-result--image");
    item.append(
      el("img", {
        className: "search-result__image",
        src: view.meta.image,
        alt: view.meta.image_alt ?? "",
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
    // The first values, and every value in use wherever it falls, in the list's order.
    const short = terms.filter((t, i) => i < SHORT_LIST || selected.has(t.id));
    const listed = view.expanded.has(key) ? terms : short;
    const items = listed.map((t) => {
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
    if (terms.length > listed.length) {
      // The last item, so on a phone, where each filter is one row, it ends the row.
      const more = el("button", { type: "button", className: "link-button" }, `Show all ${terms.length}`);
      more.dataset.more = key;
      items.push(el("li", { className: "filter-group__more" }, more));
    }
    return [el("fieldset", { className: "filter-group" }, el("legend", {}, FILTER_LABELS[key]), el("ul", {}, ...items))];
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

/** Text for screen readers, not shown. */
export const unseen = (text: string): HTMLSpanElement => el("span", { className: "visually-hidden" }, text);

export function paragraph(text: string, className = ""): HTMLParagraphElement {
  return el("p", { className }, text);
}

export function actionButton(text: string, action: string): HTMLButtonElement {
  const button = el("button", { type: "button", className: "link-button" }, text);
  button.dataset.action = action;
  return button;
}
