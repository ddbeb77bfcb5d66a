/**
 * What the front page shows: the newest article as the lead, the next few as
 * "Latest", then a block per section with that section's newest articles not
 * already shown above. One pass over the articles, stopping once every block is full.
 */
import type { ArticleLink, FrontPage, Section, SectionBlock } from "./site-model.ts";

export function buildFrontPage(articles: readonly ArticleLink[], sections: readonly Section[], latestCount = 6, perSection = 4): FrontPage {
  const [lead, ...rest] = articles;
  const latest = rest.slice(0, latestCount);
  const blocks = new Map<string, SectionBlock>(sections.map((section) => [section.id, { section, stories: [] }]));
  let open = blocks.size;
  for (const article of rest.slice(latestCount)) {
    if (open === 0) break;
    const block = blocks.get(article.section.id);
    if (!block || block.stories.length >= perSection) continue;
    block.stories.push(article);
    if (block.stories.length === perSection) open--;
  }
  return {
    ...(lead ? { lead } : {}),
    latest,
    sections: [...blocks.values()].filter((b) => b.stories.length > 0),
  };
}
