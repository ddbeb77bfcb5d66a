/** The dev server's page of content problems or of a failed build, and the requests that get it. */
import type { IncomingMessage, ServerResponse } from "node:http";
import { describe, expect, it } from "vitest";
import type { Problem } from "../../../scripts/lib/content/content-error.ts";
import { ContentError } from "../../../scripts/lib/content/content-error.ts";
import {
  buildFailurePage,
  errorChain,
  errorMessages,
  PreviewProblems,
  problemsMiddleware,
  problemsPage,
} from "../../../scripts/lib/pages/dev-problems.ts";

const SECTION: Problem = {
  file: "src/articles/2025-03-12-harbour.md",
  field: "section",
  message: "is not a known section; did you mean `science`?",
  got: '"sceince"',
  expected: "one of world, science",
};
const HOSTILE: Problem = { file: "src/articles/<b>.md", field: "title", message: 'has "<script>alert(1)</script>"' };

describe("the problems page", () => {
  it("lists every problem with its file, field, message, what was found and what is expected", () => {
    const page = problemsPage([SECTION, { file: "_data/site.yaml", field: "url", message: "is not a web address" }]);
    expect(page).toContain("<title>The content has 2 problems: preview</title>");
    expect(page).toContain("<h1>The content has 2 problems</h1>");
    expect(page.match(/<li>/g)).toHaveLength(2);
    expect(page).toContain(
      "<code>src/articles/2025-03-12-harbour.md</code>, <strong>section</strong>: is not a known section; did you mean `science`?",
    );
    expect(page).toContain("got &quot;sceince&quot;; expected one of world, science");
    expect(page).toContain("<code>_data/site.yaml</code>, <strong>url</strong>: is not a web address</p></li>");
    expect(problemsPage([SECTION])).toContain("The content has 1 problem</h1>");
  });

  it("shows what an author wrote as text, never as markup", () => {
    const page = problemsPage([HOSTILE]);
    expect(page).not.toContain("<script>alert");
    expect(page).not.toContain("<b>.md");
    expect(page).toContain("src/articles/&lt;b&gt;.md");
    expect(page).toContain("has &quot;&lt;script&gt;alert(1)&lt;/script&gt;&quot;");
  });
});

/** A request as the dev server gets it, and what the middleware did with it. */
function serve(problems: PreviewProblems, url: string, headers: Record<string, string>, method = "GET") {
  const sent: { status?: number; headers: Record<string, string>; body?: string; passed: boolean } = { headers: {}, passed: false };
  const res = {
    statusCode: 200,
    setHeader(name: string, value: string) {
      sent.headers[name.toLowerCase()] = value;
    },
    end(body?: string) {
      sent.status = this.statusCode;
      sent.body = body;
    },
  };
  problemsMiddleware(problems)({ url, method, headers } as unknown as IncomingMessage, res as unknown as ServerResponse, () => {
    sent.passed = true;
  });
  return sent;
}

const NAVIGATE = { "sec-fetch-mode": "navigate", accept: "text/html,application/xhtml+xml,*/*;q=0.8" };

describe("the requests that get it", () => {
  const problems = new PreviewProblems();
  problems.found([SECTION]);

  it("is what a browser opening any page gets while there are problems, uncached", () => {
    for (const url of ["/", "/2025/03/12/harbour/", "/section/science/?page=2", "/404.html", "/gone"]) {
      const sent = serve(problems, url, NAVIGATE);
      expect(sent.passed, url).toBe(false);
      expect(sent.status, url).toBe(500);
      expect(sent.headers["content-type"]).toBe("text/html; charset=utf-8");
      expect(sent.headers["cache-control"]).toBe("no-store");
      expect(sent.body).toContain("<h1>The content has 1 problem</h1>");
    }
    // A client that sends no Fetch metadata but asks for HTML is taken for a browser too.
    expect(serve(problems, "/", { accept: "text/html" }).status).toBe(500);
    expect(serve(problems, "/", NAVIGATE, "HEAD")).toMatchObject({ status: 500, body: undefined });
  });

  it("leaves files, scripts' requests and other methods to the dev server", () => {
    for (const [url, headers, method] of [
      ["/assets/site.css", NAVIGATE, "GET"],
      ["/feed.xml", NAVIGATE, "GET"],
      ["/pagefind/pagefind.js", { "sec-fetch-mode": "cors", accept: "*/*" }, "GET"],
      ["/search/", { "sec-fetch-mode": "cors", accept: "text/html" }, "GET"],
      ["/", { accept: "*/*" }, "GET"],
      ["/", NAVIGATE, "POST"],
    ] as const) {
      expect(serve(problems, url, headers, method).passed, `${method} ${url}`).toBe(true);
    }
  });

  it("leaves every request to the dev server once the problems are fixed", () => {
    const fixed = new PreviewProblems();
    fixed.found([SECTION]);
    fixed.cleared();
    expect(serve(fixed, "/", NAVIGATE).passed).toBe(true);
  });
});

/** A template's error as Eleventy throws it: its own message, wrapping Nunjucks's with the file, line and column. */
function templateError(): Error {
  const nunjucks = new Error("(./_includes/layouts/base.njk) [Line 3, Column 4]\n  unknown block tag: <nonsense>");
  return Object.assign(new Error("Having trouble rendering njk template ./src/index.njk"), { originalError: nunjucks });
}

describe("a build that failed", () => {
  it("is shown with each message of its error's chain, the template's file, line and column among them, as text", () => {
    expect(errorMessages(templateError())).toEqual([
      "Having trouble rendering njk template ./src/index.njk",
      "(./_includes/layouts/base.njk) [Line 3, Column 4]\n  unknown block tag: <nonsense>",
    ]);
    expect(errorMessages(new Error("outer", { cause: new Error("inner \u001b[31mred") }))).toEqual(["outer", "inner \\x1B[31mred"]);
    expect(errorMessages("thrown text")).toEqual(["thrown text"]);
    expect(errorMessages(undefined)).toEqual(["The build failed without saying why."]);
    // The content's problems, however deep Eleventy wraps them, are found (npm start shows them as problems).
    const content = new ContentError([SECTION]);
    expect(
      errorChain(Object.assign(new Error("Problem writing templates"), { originalError: new Error("data", { cause: content }) })),
    ).toContain(content);
    const page = buildFailurePage(errorMessages(templateError()));
    expect(page).toContain("<title>The site did not build: preview</title>");
    expect(page).toContain("<pre>(./_includes/layouts/base.njk) [Line 3, Column 4]\n  unknown block tag: &lt;nonsense&gt;</pre>");
  });

  it("takes the place of every page a browser opens until a build succeeds, before any content problem", () => {
    const problems = new PreviewProblems();
    problems.found([SECTION]);
    problems.buildFailed(templateError());
    const failed = serve(problems, "/2025/03/12/harbour/", NAVIGATE);
    expect(failed).toMatchObject({ status: 500, passed: false });
    expect(failed.body).toContain("<h1>The site did not build</h1>");
    expect(serve(problems, "/assets/site.css", NAVIGATE).passed).toBe(true);
    problems.built();
    expect(serve(problems, "/", NAVIGATE).body).toContain("<h1>The content has 1 problem</h1>");
    problems.cleared();
    expect(serve(problems, "/", NAVIGATE).passed).toBe(true);
  });
});
