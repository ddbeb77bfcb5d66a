import { describe, expect, it } from "vitest";
import {
  completesTypedWord,
  isTypedForm as isForm,
  matchesTypedWord,
  sharedStartNeeded,
  typedForms,
  typedMatch,
} from "../../../../src/assets/search/typed-words.ts";
import { parseQuery } from "../../../../src/assets/search/query.ts";

/** The query's words as the search passes them: normalised, function words included. */
const match = (text: string, query: string) =>
  typedMatch(
    text,
    parseQuery(query).words.map((w) => w.text),
  );
const holds = (text: string, query: string) => match(text, query) > 0;

describe("a page's text holding the query as typed", () => {
  it("takes the word itself, or with a plural or possessive ending, but not a longer word or another of its stem", () => {
    expect(holds("Napoleon’s army crossed the river.", "napoleon")).toBe(true);
    expect(holds("Two Napoleons stood in the hall.", "napoleon")).toBe(true);
    expect(holds("The Napoleonic wars had ended.", "napoleon")).toBe(false);
    expect(holds("The detention lasted a week.", "detente")).toBe(false);
    expect(holds("The fleets reached a kind of détente.", "detente")).toBe(true);
    expect(holds("Taxes rose.", "tax")).toBe(true);
  });

  it("takes the words in the order typed, with only spaces and punctuation between them", () => {
    expect(holds("He called it the Fair Deal.", "fair deal")).toBe(true);
    expect(holds("A fair, deal-making man.", "fair deal")).toBe(true);
    expect(holds("Honest and fair dealing in trade.", "fair deal")).toBe(false);
    expect(holds("A deal that is fair.", "fair deal")).toBe(false);
    expect(holds("monitors, including the Maine and the Puritan", "the maine")).toBe(true);
    expect(holds("the main body of the fleet", "the maine")).toBe(false);
  });

  it("reads a hyphenated or dashed word both whole and as its parts, and a line break as a space", () => {
    expect(holds("the anti-trust laws", "antitrust")).toBe(true);
    expect(holds("the anti-trust laws", "trust laws")).toBe(true);
    expect(holds("peace—and plenty", "peace and plenty")).toBe(true);
    expect(holds("war\non poverty", "war on poverty")).toBe(true);
  });

  it("reads a typed plural or possessive as its singular too, but a word of the same stem as no form of it", () => {
    expect(holds("Ships crowd the harbour.", "harbours")).toBe(true);
    expect(holds("A tax on tea.", "taxes")).toBe(true);
    expect(holds("Saddam Hussein defied the inspectors.", "Saddam's")).toBe(true);
    expect(holds("The duty on wool, the tariff of 1890.", "tariffs")).toBe(true);
    expect(holds("The middle clas.", "class")).toBe(false);
    expect(holds("The detention lasted a week.", "detente")).toBe(false);
    expect(holds("Ships crowd the quay.", "harbours")).toBe(false);
  });

  it("ranks the words as typed above a typed plural or possessive found only as its singular", () => {
    expect(match("Coffee, tea and hides were let in free.", "hides")).toBe(2);
    expect(match("He has much to hide.", "hides")).toBe(1);
    expect(match("He was hiding it.", "hides")).toBe(0);
    expect(match("come up with executive actions we can take", "executive actions")).toBe(2);
    expect(match("not by judicial but by executive action", "executive actions")).toBe(1);
    expect(match("Saddam's weapons", "Saddam's")).toBe(2);
    expect(match("Saddam Hussein defied the inspectors.", "Saddam's")).toBe(1);
    expect(match("The tariffs of 1890.", "tariff")).toBe(2);
    expect(match("The Great Lakes and the great lake.", "great lakes")).toBe(2);
  });

  it("holds nothing for an empty query", () => {
    expect(typedMatch("Anything at all", [])).toBe(0);
  });
});

const isTypedForm = (stored: string, term: string) => isForm(stored, typedForms(term));

describe("a word of the text taken for the word typed", () => {
  it("is the word itself, with a plural or possessive ending, or a typed plural's singular, with its punctuation", () => {
    expect(isTypedForm("Korea.", "korea")).toBe(true);
    expect(isTypedForm("Korea’s", "korea")).toBe(true);
    expect(isTypedForm("“Elections”", "election")).toBe(true);
    expect(isTypedForm("tariff,", "tariffs")).toBe(true);
    expect(isTypedForm("Détente", "detente")).toBe(true);
    expect(isTypedForm("anti-trust", "trust")).toBe(true);
    expect(isTypedForm("anti-trust", "antitrust")).toBe(true);
  });

  it("is not a longer word starting like it, nor another word of its stem", () => {
    expect(isTypedForm("Korean", "korea")).toBe(false);
    expect(isTypedForm("electric", "election")).toBe(false);
    expect(isTypedForm("elected", "election")).toBe(false);
    expect(isTypedForm("detention", "detente")).toBe(false);
  });
});

describe("a match Pagefind made for a word no page holds", () => {
  /** A page's stored text as Pagefind keeps it, with the words it counted: by default, its spaced words. */
  const stored = (content: string, wordCount = content.split(/\s+/).length) => ({ content, word_count: wordCount });
  const TEXT = stored(
    "The convention was signed December z, 1898. Ferries go out at dawn, in prosperity, under Government-appointed masters.",
  );
  /** The position of the first stored word holding `word`, as Pagefind counts positions. */
  const at = (word: string) => TEXT.content.split(/\s+/).findIndex((w) => w.includes(word));

  it("needs the whole of a short word, else half of it and at least four letters", () => {
    expect([3, 4, 5, 8, 9, 10, 16].map((n) => sharedStartNeeded("x".repeat(n)))).toEqual([3, 4, 4, 4, 5, 5, 8]);
  });

  it("is taken for the word when the text there shares enough of its start, not for a short word that starts it", () => {
    expect(matchesTypedWord(TEXT, [at("z,")], "zebra")).toBe(false);
    expect(matchesTypedWord(TEXT, [at("go")], "gorbachov")).toBe(false);
    expect(matchesTypedWord(TEXT, [at("prosperity")], "prosperty")).toBe(true);
    expect(matchesTypedWord(TEXT, [at("Government")], "goverment")).toBe(true);
    expect(matchesTypedWord(TEXT, [at("Ferries")], "ferr")).toBe(true);
    expect(matchesTypedWord(TEXT, [at("go"), at("Ferries")], "ferry")).toBe(true);
    expect(matchesTypedWord(TEXT, [], "zebra")).toBeUndefined();
  });

  it("tells a word still being typed, which a matched word goes on from, from one misspelt", () => {
    expect(completesTypedWord(TEXT, [at("prosperity")], "prosper")).toBe(true);
    expect(completesTypedWord(TEXT, [at("Government")], "govern")).toBe(true);
    // A shorter word matched for a longer typed one, or the word itself, is no completion.
    expect(completesTypedWord(TEXT, [at("prosperity")], "prosperityy")).toBe(false);
    expect(completesTypedWord(TEXT, [at("Ferries")], "ferries")).toBe(false);
    expect(completesTypedWord(TEXT, [at("prosperity")], "prosperty")).toBe(false);
    expect(completesTypedWord(TEXT, [999], "prosper")).toBe(false);
  });

  it("cannot be judged where the positions cannot be found in the text: past its end, or among words split with a dictionary", () => {
    expect(matchesTypedWord(TEXT, [999], "zebra")).toBeUndefined();
    // Pagefind counted 20 words in a Japanese text of one spaced word.
    expect(matchesTypedWord(stored("ガス料金が来月から上がる。がっこうの給食も値上げになる。", 20), [12], "がっこう")).toBeUndefined();
    // A Japanese name in an English page is one spaced word, as Pagefind counts it: the page is judged.
    expect(matchesTypedWord(stored("東京 go home"), [1], "gorbachov")).toBe(false);
  });
});
