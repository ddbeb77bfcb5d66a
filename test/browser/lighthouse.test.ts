import { describe, expect, it } from "vitest";
import type { PageScores } from "../../scripts/lib/checks/lighthouse-audit.ts";
import { hasBrowser } from "../helpers/browser.ts";
import { QUALITY_PAGES } from "../helpers/quality-pages.ts";
import { copyFixture, runScript } from "../helpers/site.ts";

const pages = QUALITY_PAGES.filter((p) => p.lighthouse);

describe.skipIf(!hasBrowser)("Lighthouse, mobile settings", () => {
  it(`scores 100 in performance, accessibility, best practices and SEO on the ${pages.map((p) => p.name).join(", ")}`, async () => {
    // `npm run lighthouse` itself, on a copy of the fixture content (its build cache is written beside the content).
    const fixture = await copyFixture();
    const run = await runScript("lighthouse.ts", ["--content", fixture.root, "--json", ...pages.flatMap((p) => ["--page", p.path])], {
      BUILD_NOW: "2025-04-01T00:00:00Z",
    }).finally(() => fixture.cleanup());
    expect(run.code, run.stderr).toBe(0);
    // The JSON follows the build's own output.
    const results = JSON.parse(run.stdout.slice(run.stdout.search(/^\[$/m))) as PageScores[];
    console.log(
      results
        .map(
          (r) =>
            `${r.url}: ${JSON.stringify(r.scores)} (performance by run: ${r.runs.join(", ")}, the ${r.counted} one counts; CPU ${r.cpuSlowdown}x, benchmark index ${r.benchmarkIndex})`,
        )
        .join("\n"),
    );
    expect(results.map((r) => new URL(r.url).pathname + new URL(r.url).search)).toEqual(pages.map((p) => p.path));
    for (const r of results) {
      // The category scores are the gate; audits below 1 are shown to explain a miss.
      expect(r.scores, `${r.url}: ${r.failing.join("; ")}`).toEqual({
        performance: 100,
        accessibility: 100,
        "best-practices": 100,
        seo: 100,
      });
    }
  }, 300_000);
});
