import { afterAll, expect, it } from "vitest";
import { loadContent } from "../../scripts/lib/content/load-content.ts";
import { article, contentRoot, removeContentRoots } from "../helpers/content-root.ts";

afterAll(removeContentRoots);

it("orders articles by instant across the autumn clock change, not by the text of their dates", async () => {
  // 01:30 BST is 00:30 UTC; 01:10 GMT, an hour later on the clock's second pass, is 01:10 UTC.
  const root = await contentRoot({
    "src/articles/2025-10-26-first-pass.md": article({ title: "First pass", date: "2025-10-26T00:30:00Z" }),
    "src/articles/2025-10-26-second-pass.md": article({ title: "Second pass", date: "2025-10-26T01:10:00Z" }),
  });
  const site = await loadContent({ root, preview: false, now: "2025-11-01T00:00:00Z" });
  expect(site.articles.map((a) => [a.title, a.date.iso])).toEqual([
    ["Second pass", "2025-10-26T01:10:00+00:00"],
    ["First pass", "2025-10-26T01:30:00+01:00"],
  ]);
});
