/**
 * Phrase-aware ranking over an index in parts, from what Pagefind returns
 * before any page text is loaded: for each scored word of the query, the
 * pages holding it in each part, Pagefind's score for the page on that word
 * alone, and the word's positions in the page; for each quoted phrase, and
 * for the query itself when it has function words, the pages holding it
 * (Pagefind's exact-phrase search).
 * Pure: the search page, offline search and `npm run search` rank the same
 * evidence the same way.
 *
 * Pages come in three tiers, then by score within a tier:
 * 2. the scored words stand together as the query has them, in order, with
 *    the query's function words between them (the phrase; for a query of one
 *    scored word among function words, the whole query as typed), or the
 *    headline holds them all;
 * 1. every scored word within a short window, or the headline holding some
 *    of them and the others standing within such a window in the text;
 * 0. the words anywhere in the page.
 * The score adds up, with every rarity counted over all the parts searched
 * (Pagefind counts it per part):
 * - BM25 over the scored words: Pagefind's score for a word divided by the
 *   word's rarity in the page's part, times its rarity in the archive;
 * - each pair of neighbouring scored words found as the query has them, as a
 *   term of its own with its own rarity ("new deal" is far rarer than "new"
 *   and "deal"), so partly matched phrases count by how telling they are;
 * - the headline's share of the query (squared, so a headline holding one
 *   common word of several counts little);
 * - closeness of all the words.
 *
 * A page must hold every scored word the archive holds, and every quoted
 * phrase. When none does, a partial ranking (`partial`) takes the pages
 * holding the most of the scored words, by their rarity, and those holding
 * one word fewer if that is still half of them: "speech where kennedy talks
 * about the moon" finds the pages saying "kennedy" and "moon" without
 * "talks". Each page says which words it misses.
 */
import { RANKING } from "./index-format.ts";
import type { ParsedQuery } from "./query.ts";

/** One page's match on one word, as Pagefind's search for that word alone gives it. */
export interface TermHit {
  /** Pagefind's score of the page for the word, in its part (meta-field weights set to 0). */
  score: number;
  /** Positions (word indexes) of the matches in the page's text. */
  positions: readonly number[];
  /** Whether the headline holds the word (Pagefind's matched meta field `title`). */
  headline: boolean;
}

export interface TermEvidence {
  /** Pages of the part Pagefind matched the word in (the word, or a longer one starting like it): its rarity there as Pagefind scored it. */
  df: number;
  /**
   * Pages of the part holding the word itself (Pagefind's exact search for it).
   * Pagefind also matches longer words ("electric" for "election") and, where
   * a part has no such word, a shorter one ("time" for "timetable"); once the
   * word itself is in any part searched, only pages holding it match.
   */
  exact: ReadonlySet<string>;
  /** The pages Pagefind matched, in its order. */
  hits: ReadonlyMap<string, TermHit>;
}

/** What one part of the index says about a query. */
export interface PartEvidence {
  part: number;
  /** Pages in the part. */
  pages: number;
  /** Per scored word of the query (`ParsedQuery.terms`). */
  terms: readonly TermEvidence[];
  /** Per quoted phrase (`ParsedQuery.phrases`): the pages holding it exactly. */
  quoted: readonly ReadonlySet<string>[];
  /**
   * When function words stand between the query's scored words: the pages
   * holding the query from its first scored word to its last as typed,
   * function words included (Pagefind's exact search), for they count
   * towards the phrase though their positions are not fetched. When the query
   * has one scored word among function words: the pages holding the whole
   * query as typed.
   */
  phrase?: ReadonlySet<string>;
}

/** A run of the query found in a page as typed: query words `from`…`to` (indexes into `ParsedQuery.words`), word `from` at `at`. */
export interface PhraseRun {
  at: number;
  from: number;
  to: number;
}

export interface RankedPage {
  id: string;
  part: number;
  tier: 0 | 1 | 2;
  score: number;
  /** Per scored word: its positions in the page. */
  positions: readonly (readonly number[])[];
  /** Runs of two or more scored words found as the query has them, longest first. */
  runs: PhraseRun[];
  /** Scored words (indexes into `ParsedQuery.terms`) the archive holds that the page does not: only in a partial ranking. */
  missing: number[];
}

export interface Ranking {
  pages: RankedPage[];
  /** Per scored word: its weight (rarity over the parts searched); 0 for a word no part holds, which is left out. */
  weights: number[];
}

/** BM25's inverse document frequency, as Pagefind computes it. */
export const idf = (pages: number, df: number): number => Math.log((pages - df + 0.5) / (df + 0.5) + 1);

/** How far apart, in words, the query's words may lie and still count as close: a sentence or so. */
export const nearSpan = (queryWords: number): number => 2 * queryWords + 8;

const HEADLINE = 2;
const PAIR = 1;
/** BM25's saturation of repeats, as Pagefind's per-word scores have it, for counts of a word pair (whose pages' lengths are not known here). */
const K1 = RANKING.termSaturation;
const saturate = (count: number): number => ((K1 + 1) * count) / (K1 + count);

interface ScoredWord {
  /** Index in `query.words`. */
  word: number;
  /** Index in `query.terms`. */
  term: number;
}

/** Scored-word occurrences of the query, in order. */
function scoredWords(query: ParsedQuery): ScoredWord[] {
  return query.words.flatMap((w, word) => (w.scored ? [{ word, term: query.terms.indexOf(w.text) }] : []));
}

/** Neighbouring scored words of the query: pair `i` is scored words `i` and `i + 1`, `gap` positions apart. */
const pairsOf = (scored: readonly ScoredWord[]) =>
  scored
    .slice(1)
    .map((next, i) => ({ first: (scored[i] as ScoredWord).term, second: next.term, gap: next.word - (scored[i] as ScoredWord).word }));

/** How often a pair stands in a page as the query has it. */
function pairCount(first: readonly number[], second: ReadonlySet<number>, gap: number): number {
  let n = 0;
  for (const at of first) if (second.has(at + gap)) n++;
  return n;
}

/**
 * The runs of consecutive scored words (in query order) that sit at the
 * query's offsets from each other in the page, of two words or more, longest first.
 */
function phraseRuns(
  scored: readonly ScoredWord[],
  positions: readonly (readonly number[])[],
  sets: readonly ReadonlySet<number>[],
): PhraseRun[] {
  const runs: PhraseRun[] = [];
  for (let i = 0; i < scored.length - 1; i++) {
    const first = scored[i] as ScoredWord;
    // A run that could extend further left was found from its own start.
    const previous = scored[i - 1];
    for (const at of positions[first.term] ?? []) {
      if (previous && sets[previous.term]?.has(at - (first.word - previous.word))) continue;
      let j = i;
      while (j + 1 < scored.length) {
        const next = scored[j + 1] as ScoredWord;
        if (!sets[next.term]?.has(at + next.word - first.word)) break;
        j++;
      }
      if (j > i) runs.push({ at, from: first.word, to: (scored[j] as ScoredWord).word });
    }
  }
  return runs.sort((a, b) => b.to - b.from - (a.to - a.from) || a.at - b.at);
}

/** The fewest words covering one position of every term, or Infinity if a term has none. */
function smallestSpan(positions: readonly (readonly number[])[]): number {
  if (positions.some((p) => p.length === 0)) return Infinity;
  const events = positions.flatMap((list, term) => list.map((at) => ({ at, term }))).sort((a, b) => a.at - b.at);
  const count = new Array<number>(positions.length).fill(0);
  let covered = 0;
  let best = Infinity;
  let left = 0;
  for (const event of events) {
    const seen = count[event.term] ?? 0;
    count[event.term] = seen + 1;
    if (seen === 0) covered++;
    while (covered === positions.length) {
      const start = events[left] as { at: number; term: number };
      best = Math.min(best, event.at - start.at + 1);
      const remaining = (count[start.term] ?? 1) - 1;
      count[start.term] = remaining;
      if (remaining === 0) covered--;
      left++;
    }
  }
  return best;
}

/** Whether any part searched holds scored word `term` itself, not only longer or shorter words starting like it. */
export const heldItself = (evidence: readonly PartEvidence[], term: number): boolean =>
  evidence.some((p) => (p.terms[term]?.exact.size ?? 0) > 0);

/** Per scored word, whether a page's match counts: only a match on the word itself, once any part searched holds it. */
function matchRule(evidence: readonly PartEvidence[], term: number): (part: PartEvidence, id: string) => boolean {
  const exactSomewhere = heldItself(evidence, term);
  return (part, id) => (part.terms[term]?.hits.has(id) ?? false) && (!exactSomewhere || (part.terms[term]?.exact.has(id) ?? false));
}

/** Pages holding the word, as the match rule counts them. */
export function documentFrequency(evidence: readonly PartEvidence[], term: number): number {
  const exactSomewhere = heldItself(evidence, term);
  return evidence.reduce((n, p) => n + ((exactSomewhere ? p.terms[term]?.exact.size : p.terms[term]?.df) ?? 0), 0);
}

/**
 * The pages holding the query's scored words, ranked (above). With
 * `partial`, pages holding only some of them count too: as many as any page
 * holds, then one word fewer if that is still half of them, the more first.
 */
export function rank(query: ParsedQuery, evidence: readonly PartEvidence[], { partial = false } = {}): Ranking {
  const pages = evidence.reduce((n, p) => n + p.pages, 0);
  const matches = query.terms.map((_, t) => matchRule(evidence, t));
  const df = query.terms.map((_, t) => documentFrequency(evidence, t));
  // As in one Pagefind index, a word no part holds is left out, unless every word is.
  const known = df.map((n) => n > 0);
  const weights = df.map((n, t) => (known[t] ? idf(pages, n) : 0));
  if (!known.some(Boolean) && !query.phrases.length) return { pages: [], weights };
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const scored = scoredWords(query).filter((s) => known[s.term]);
  const termIds = query.terms.map((_, t) => t).filter((t) => known[t]);
  const pairs = pairsOf(scored);

  // A pair's rarity: the pages (holding both words) where it stands as the query has it.
  const pairDf = pairs.map(({ first, second, gap }) =>
    evidence.reduce((n, part) => {
      const hits = part.terms[first]?.hits;
      let found = 0;
      for (const [id, hit] of hits ?? []) {
        if (!matches[first]?.(part, id) || !matches[second]?.(part, id)) continue;
        const other = part.terms[second]?.hits.get(id)?.positions ?? [];
        if (pairCount(hit.positions, new Set(other), gap) > 0) found++;
      }
      return n + found;
    }, 0),
  );
  const pairWeights = pairDf.map((n) => (n > 0 ? idf(pages, n) : 0));

  const ranked: RankedPage[] = [];
  /** In a partial ranking, each page's order: how many of the words it holds, then their share of the weight. */
  const held = new Map<string, number>();
  for (const part of evidence) {
    const first = termIds[0];
    const candidates =
      first === undefined
        ? [...(part.quoted[0] ?? [])]
        : partial
          ? [...new Set(termIds.flatMap((t) => [...(part.terms[t]?.hits.keys() ?? [])]))]
          : [...(part.terms[first]?.hits.keys() ?? [])];
    for (const id of candidates) {
      const missing = termIds.filter((t) => !matches[t]?.(part, id));
      if (missing.length && (!partial || missing.length === termIds.length)) continue;
      if (part.quoted.some((set) => !set.has(id))) continue;
      if (partial) held.set(id, termIds.length - missing.length + weightOf(termIds, weights, missing) / total);
      const hits = query.terms.map((_, t) => (known[t] && !missing.includes(t) ? part.terms[t]?.hits.get(id) : undefined));
      const positions = hits.map((h) => h?.positions ?? []);
      const sets = positions.map((p) => new Set(p));
      let score = 0;
      let headline = 0;
      for (const t of termIds) {
        const hit = hits[t];
        if (!hit) continue;
        const local = idf(part.pages, part.terms[t]?.df ?? 0);
        score += (weights[t] as number) * (local > 0 ? hit.score / local : 0);
        if (hit.headline) headline += weights[t] as number;
      }
      score += HEADLINE * total * (headline / total) ** 2;
      pairs.forEach(({ first: a, second: b, gap }, i) => {
        const count = pairCount(positions[a] ?? [], sets[b] ?? new Set(), gap);
        if (count) score += PAIR * (pairWeights[i] ?? 0) * saturate(count);
      });
      const runs = scored.length > 1 ? phraseRuns(scored, positions, sets) : [];
      const whole = runs.some((r) => r.from === scored[0]?.word && r.to === scored.at(-1)?.word);
      const present = termIds.filter((t) => !missing.includes(t));
      const span = present.length > 1 ? smallestSpan(present.map((t) => positions[t] as readonly number[])) : Infinity;
      const near = span <= nearSpan(query.words.length);
      if (near) score += (total * query.words.length) / Math.max(span, query.words.length);
      // A headline is about the whole page: the words it holds stand close to every word of the text.
      const inText = present.filter((t) => !hits[t]?.headline);
      const nearHeadline =
        !near &&
        present.length > 1 &&
        inText.length < present.length &&
        (inText.length < 2 || smallestSpan(inText.map((t) => positions[t] as readonly number[])) <= nearSpan(query.words.length));
      // One scored word has no run of its own: its phrase is the query as typed, function words and all.
      const phrase = scored.length === 1 ? (part.phrase?.has(id) ?? false) : whole && (part.phrase?.has(id) ?? true);
      // A headline is short: holding every word, it is about them as much as any phrase in the text.
      const inHeadline = present.length > 1 && present.every((t) => hits[t]?.headline);
      const tier = missing.length ? 0 : phrase || inHeadline ? 2 : near || nearHeadline ? 1 : 0;
      ranked.push({ id, part: part.part, tier, score, positions, runs, missing });
    }
  }
  // Ties keep the parts' order (newest first) and Pagefind's order within a part.
  const order = new Map(ranked.map((r, i) => [r.id, i]));
  const share = (id: string) => held.get(id) ?? 0;
  ranked.sort(
    (a, b) => share(b.id) - share(a.id) || b.tier - a.tier || b.score - a.score || (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0),
  );
  if (!partial) return { pages: ranked, weights };
  // The pages holding the most words, and one word fewer if that is still half of them: further down, a page holds too little of the query to be about it.
  // A fold, not Math.max(...pages): an archive's common word puts more pages here than a call takes arguments.
  const most = ranked.reduce((n, r) => Math.max(n, termIds.length - r.missing.length), 0);
  const fewest = Math.min(most, Math.max(1, most - 1, Math.ceil(termIds.length / 2)));
  return { pages: ranked.filter((r) => termIds.length - r.missing.length >= fewest), weights };
}

/** The weight of the words of `termIds` a page holds: those not `missing`. */
const weightOf = (termIds: readonly number[], weights: readonly number[], missing: readonly number[]): number =>
  termIds.reduce((sum, t) => sum + (missing.includes(t) ? 0 : (weights[t] ?? 0)), 0);
