/** Articles parsed with a worker's help come out as if parsed on one thread. */
import { describe, expect, it } from "vitest";
import { readContent } from "../../scripts/lib/content-fingerprint.ts";
import { siteSettingsSchema } from "../../scripts/lib/content-schema.ts";
import { ARTICLES_DIR, articleParser, type Draft } from "../../scripts/lib/load-content.ts";
import type { Parsed } from "../../scripts/lib/file-cache.ts";
import { parseArticles } from "../../scripts/lib/parallel-articles.ts";
import { FIXTURE } from "../helpers/site.ts";
import { article, contentRoot } from "../helpers/content-root.ts";

/** Dates as instants and offsets: what the loader uses them for. */
const comparable = (results: Parsed<Draft>[]) =>
  results.map(({ value, problems }) => ({
    problems,
    value: value && { ...value, fm: { ...value.fm, date: [value.fm.date.toMillis(), value.fm.date.offset], updated: value.fm.updated && [value.fm.updated.toMillis(), value.fm.updated.offset] } },
  }));

async function both(root: string) {
  const snapshot = await readContent(root);
  const files = [...snapshot.files.keys()].filter((f) => f.startsWith(`${ARTICLES_DIR}/`));
  const settings = siteSettingsSchema.parse({ title: "T", url: "https://example.org", timeZone: "Europe/London" });
  const known = { sections: ["world", "opinion", "news", "business", "culture"], authors: undefined };
  const context = { settings, known };
  const parse = articleParser(settings, known);
  return { files, alone: await parseArticles(snapshot, files, context, parse, Infinity), helped: await parseArticles(snapshot, files, context, parse, 0) };
}

describe("parseArticles", () => {
  it("gives the drafts one thread gives, in file order", async () => {
    const { files, alone, helped } = await both(FIXTURE);
    expect(files.length).toBeGreaterThan(5);
    expect(helped.filter((p) => p.value).length).toBeGreaterThan(5);
    expect(comparable(helped)).toEqual(comparable(alone));
  });

  it("gives the problems one thread gives, in file order, with updated dates kept", async () => {
    const root = await contentRoot({
      "src/articles/2025-03-10-a.md": article({ updated: "2025-03-11T10:00:00+05:30" }),
      "src/articles/2025-03-11-b.md": article({ section: "nowhere" }),
      "src/articles/2025-03-12-c.md": "no front matter",
      "src/articles/2025-03-13-d.md": article({ date: "2025-02-30" }),
      "src/articles/2025-03-14-e.md": article({}, "# Only a heading"),
    });
    const { alone, helped } = await both(root);
    expect(alone.flatMap((p) => p.problems).length).toBeGreaterThan(3);
    expect(comparable(helped)).toEqual(comparable(alone));
    expect(helped[0]?.value?.fm.updated?.toISO()).toBe("2025-03-11T10:00:00.000+05:30");
  });
});
