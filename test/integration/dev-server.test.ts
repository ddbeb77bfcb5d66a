/** `npm start`: Eleventy's dev server on a copy of the fixture shows a saved edit on every page that shows the article. */
import { readFileSync } from "node:fs";
import { appendFile, chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { get } from "node:http";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { startDevServer, type RunningDevServer } from "../../scripts/lib/bench/edit-to-preview.ts";
import { openSiteSearch } from "../../scripts/lib/search/node-search.ts";
import { copyProject, fixturePool, PROJECT, type Fixture } from "../helpers/site.ts";

const { fixture, cleanup } = fixturePool();
const ARTICLE = "src/articles/2025-03-14-tide-gauges-to-be-replaced.md";
const PAGE = "/2025/03/14/tide-gauges-to-be-replaced/";
const TIMEOUT = 90_000;

/** The addresses a local port listens on, from the kernel's socket tables (Linux). */
async function listeningAddresses(port: number): Promise<string[]> {
  const hexPort = port.toString(16).toUpperCase().padStart(4, "0");
  const found = new Set<string>();
  for (const table of ["/proc/net/tcp", "/proc/net/tcp6"]) {
    const lines = (await readFile(table, "utf8").catch(() => "")).split("\n").slice(1);
    for (const line of lines) {
      const [, local, , state] = line.trim().split(/\s+/);
      const [address, at] = (local ?? "").split(":");
      if (at !== hexPort || state !== "0A" || !address) continue;
      // IPv4 addresses are written as one little-endian word; IPv6 as four.
      found.add(
        address.length === 8
          ? (address.match(/../g) ?? [])
              .reverse()
              .map((h) => parseInt(h, 16))
              .join(".")
          : address === "00000000000000000000000001000000"
            ? "::1"
            : address,
      );
    }
  }
  return [...found].sort();
}

const START =
  (JSON.parse(readFileSync(path.join(PROJECT, "package.json"), "utf8")) as { scripts: Record<string, string> }).scripts.start ?? "";

/** The `npm start` command line, with a free port and the output in the scratch folder. */
function startArgs(port: number, out: string): string[] {
  const args = START.split(" ")
    .slice(1)
    .filter((a) => !a.startsWith("--output="));
  return [...args, "--quiet", `--port=${port}`, `--output=${out}`];
}

/** `npm start` on `site`'s content, into its output folder (the project's own, or the copy at `project`). */
const serve = (site: Fixture, extraArgs: readonly string[] = [], project = PROJECT) =>
  startDevServer({
    command: process.execPath,
    args: (port) => [...startArgs(port, site.out), ...extraArgs],
    cwd: project,
    env: { BROADSHEET_CONTENT: site.root, BUILD_NOW: "2025-04-01T00:00:00Z" },
  });

/** `urlPath` as a browser opening it asks for it: fetch() would say `sec-fetch-mode: cors`, as a script's request does. */
const openedInBrowser = (server: RunningDevServer, urlPath: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    const headers = { "sec-fetch-mode": "navigate", accept: "text/html" };
    get({ host: "127.0.0.1", port: server.port, path: urlPath, headers }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (chunk: string) => (body += chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
    }).on("error", reject);
  });

/** The page a browser opening `urlPath` gets once the dev server answers it with 500: the content's problems or a failed build's error. */
const shownWhenBroken = (server: RunningDevServer, urlPath: string) =>
  vi.waitFor(
    async () => {
      const page = await openedInBrowser(server, urlPath);
      expect(page.status).toBe(500);
      return page.body;
    },
    { timeout: TIMEOUT, interval: 200 },
  );

describe("the dev server", () => {
  let site: Fixture;
  let server: RunningDevServer;
  beforeAll(async () => {
    site = await fixture();
    // Several index parts, so an edit's re-index can be seen to leave the others alone.
    await appendFile(path.join(site.root, "_data/site.yaml"), "\nsearchPartitionSize: 2\n");
    server = await serve(site);
    // Served and watching: a save before the watcher is ready would go unseen.
    await server.waitFor(PAGE, (body) => server.ready() && body.includes("Tide gauges to be replaced after sixty years"), TIMEOUT);
  });
  afterAll(async () => {
    await server?.stop();
    await cleanup();
  });

  it("shows an edited headline on the article, the front page and the section page", async () => {
    const file = path.join(site.root, ARTICLE);
    await writeFile(
      file,
      (await readFile(file, "utf8")).replace("title: Tide gauges to be replaced after sixty years", "title: Tide gauges replaced at last"),
    );
    const shows = (body: string) =>
      body.includes("Tide gauges replaced at last") && !body.includes("Tide gauges to be replaced after sixty years");
    await server.waitFor(PAGE, shows, TIMEOUT);
    await server.waitFor("/", shows, TIMEOUT);
    await server.waitFor("/section/science/", shows, TIMEOUT);
  });

  it("keeps serving the pages it did not render again, and shows an edited body", async () => {
    const file = path.join(site.root, ARTICLE);
    await writeFile(file, `${await readFile(file, "utf8")}\nA paragraph added in the dev server test.\n`);
    await server.waitFor(PAGE, (body) => body.includes("A paragraph added in the dev server test."), TIMEOUT);
    await server.waitFor("/2025/03/12/lighthouse-keepers-strike/", (body) => body.includes("<h1"), TIMEOUT);
    await server.waitFor("/section/world/", (body) => body.includes("<h1"), TIMEOUT);
  });

  it("shows a browser the problems of a save with a content error, and the pages again when the next save fixes them", async () => {
    const file = path.join(site.root, ARTICLE);
    const valid = await readFile(file, "utf8");
    const opened = (urlPath: string) => openedInBrowser(server, urlPath);
    await writeFile(file, valid.replace("section: science", "section: sceince"));
    const shown = await shownWhenBroken(server, PAGE);
    expect(shown).toContain("<h1>The content has 1 problem</h1>");
    expect(shown).toContain(`<code>${ARTICLE}</code>, <strong>section</strong>: is not a known section`);
    // With the dev server's script that reloads the page once the problem is fixed.
    expect(shown).toMatch(/<script type="module"[^>]*>class Util/);
    // Said once in the terminal, without a stack trace.
    expect(server.output().match(/section: is not a known section/g)).toHaveLength(1);
    expect(server.output()).not.toContain("stack trace");
    // Scripts and files are served from the last good build meanwhile.
    await server.waitFor(PAGE, (body) => body.includes("<h1"), TIMEOUT);
    await writeFile(file, valid.replace(/^title: .*$/m, "title: Tide gauges fixed"));
    await server.waitFor(PAGE, (body) => body.includes("Tide gauges fixed"), TIMEOUT);
    await server.waitFor("/section/science/", (body) => body.includes("Tide gauges fixed"), TIMEOUT);
    expect(await opened(PAGE)).toMatchObject({ status: 200 });
  });

  it("gives article pages a teaser added to the Latest list, spliced in, as a fresh start renders them", async () => {
    const teasers = path.join(site.root, "_data/teasers.yaml");
    const added = "A teaser added in the dev server test";
    await writeFile(teasers, (await readFile(teasers, "utf8")).replace(/^latest:\n/m, `latest:\n  - text: ${added}\n`));
    // Pages that show a rail of their own are rendered; the others get it once the build has rendered.
    const spliced = /Latest rail: spliced into [1-9]\d* article pages/;
    for (let i = 0; i < 300 && !spliced.test(server.output()); i++) await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toMatch(spliced);

    const fresh = await fixture();
    await rm(fresh.root, { recursive: true, force: true });
    await cp(site.root, fresh.root, { recursive: true, filter: (src) => path.basename(src) !== ".cache" });
    const running = await serve(fresh);
    try {
      await running.waitFor(PAGE, (body) => running.ready() && body.includes(added), TIMEOUT);
    } finally {
      await running.stop();
    }
    const articlePages = async (out: string) =>
      (await readdir(out, { recursive: true })).filter((file) => /^\d{4}\/\d\d\/\d\d\/[^/]+\/index\.html$/.test(file)).sort();
    const pages = await articlePages(site.out);
    expect(pages.length).toBeGreaterThan(3);
    expect(await articlePages(fresh.out)).toEqual(pages);
    for (const page of pages)
      expect((await readFile(path.join(site.out, page), "utf8")) === (await readFile(path.join(fresh.out, page), "utf8")), page).toBe(true);
  });

  it("renders every page on the next save when a page it was to splice the rail into was removed by hand", async () => {
    const teasers = path.join(site.root, "_data/teasers.yaml");
    const removed = "2024/12/02/why-the-winter-gales-came-early/index.html";
    await rm(path.join(site.out, removed));
    const mark = server.output().length;
    await writeFile(
      teasers,
      (await readFile(teasers, "utf8")).replace(/^latest:\n/m, "latest:\n  - text: A second teaser from the dev server test\n"),
    );
    const reported =
      /1 article page\(s\) in .* had no Latest rail to replace .*why-the-winter-gales-came-early.*; every page is rendered on the next save/;
    for (let i = 0; i < 300 && !reported.test(server.output().slice(mark)); i++) await new Promise((r) => setTimeout(r, 100));
    expect(server.output().slice(mark)).toMatch(reported);
    await writeFile(
      teasers,
      (await readFile(teasers, "utf8")).replace(/^latest:\n/m, "latest:\n  - text: A third teaser from the dev server test\n"),
    );
    await server.waitFor(
      `/${removed.replace("index.html", "")}`,
      (body) => body.includes("A third teaser from the dev server test"),
      TIMEOUT,
    );
  });

  const status = async (urlPath: string) => (await fetch(`http://127.0.0.1:${server.port}${urlPath}`)).status;

  it("listens on this machine only", async () => {
    expect(await listeningAddresses(server.port)).toEqual(["127.0.0.1"]);
  });

  it("rebuilds when an article is deleted: lists stop linking it, its page goes, a teaser naming it is reported", async () => {
    const gone = "2025-03-10-harbour-tariffs";
    const url = "/2025/03/10/harbour-tariffs/";
    expect(await status(url)).toBe(200);
    await rm(path.join(site.root, "src/articles", `${gone}.md`));
    await server.waitFor("/", (body) => !body.includes(url), TIMEOUT);
    await server.waitFor("/section/world/", (body) => !body.includes(url) && body.includes("<h1"), TIMEOUT);
    expect(await status(url)).toBe(404);

    await writeFile(path.join(site.root, "_data/teasers.yaml"), `latest:\n  - article: ${gone}\n`);
    const reported = `_data/teasers.yaml: latest.0.article: names an article that does not exist (got "${gone}"`;
    for (let i = 0; i < 300 && !server.output().includes(reported); i++) await new Promise((r) => setTimeout(r, 100));
    expect(server.output()).toContain(reported);
  });

  it("writes its preview, drafts included, to its own output folder, not to _site", async () => {
    const draft = await readFile(path.join(site.out, "2025/03/20/unpublished-draft/index.html"), "utf8");
    expect(draft).toMatch(/Draft/);
    expect(START).toMatch(/ --output=\.dev-site$/);
  });

  it("keeps a search index of what it shows, drafts included, brought up to date after edits in the background", async () => {
    const urls = async (query: string) => ((await (await openSiteSearch(site.out)).search({ query })).hits ?? []).map((h) => h.url);
    await expect.poll(() => urls("fixed").catch(() => []), { timeout: TIMEOUT, interval: 500 }).toEqual([PAGE]);
    expect(await urls("zeppelinsecretword")).toEqual(["/2025/03/20/unpublished-draft/"]);
    // An edit re-indexes its own part; the others come from the dev server's cache, beside the production build's.
    expect(server.output()).toMatch(/search index: \d+ articles in (\d+) parts, \d+ of them unchanged/);
    expect(await readdir(path.join(site.root, ".cache"))).toContain("dev-search-index");
    // No work folders are left beside the pages.
    expect((await readdir(site.out)).filter((name) => name.startsWith(".search"))).toEqual([]);
  });
});

/** Until the dev server, whose first build failed, says it waits for a fix: it says so once its watcher is ready, and a save before then would go unseen. */
const waitingForAFix = (running: RunningDevServer) =>
  vi.waitFor(() => expect(running.output()).toContain("waiting for a save that fixes this"), { timeout: TIMEOUT, interval: 100 });

describe("the dev server started on content with a problem", () => {
  it("serves the problem to a browser, waits for a save that fixes it, then builds, watches and serves the site", async () => {
    const broken = await fixture();
    const file = path.join(broken.root, ARTICLE);
    const valid = await readFile(file, "utf8");
    await writeFile(file, valid.replace("section: science", "section: sceince"));
    const running = await serve(broken);
    try {
      const shown = await shownWhenBroken(running, PAGE);
      expect(shown).toContain(`<code>${ARTICLE}</code>, <strong>section</strong>: is not a known section`);
      await waitingForAFix(running);
      await writeFile(file, valid);
      await running.waitFor(PAGE, (body) => running.ready() && body.includes("Tide gauges to be replaced after sixty years"), TIMEOUT);
      expect(await openedInBrowser(running, PAGE)).toMatchObject({ status: 200 });
      // Now watching: the next save shows.
      await writeFile(file, valid.replace(/^title: .*$/m, "title: Tide gauges watched"));
      await running.waitFor(PAGE, (body) => body.includes("Tide gauges watched"), TIMEOUT);
    } finally {
      await running.stop();
    }
  });
});

describe("the dev server and a broken template", () => {
  let scratch: string;
  let byline: string;
  let valid: string;
  beforeAll(async () => {
    scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-template-"));
    const project = await copyProject(path.join(scratch, "project"));
    byline = path.join(project, "_includes/partials/byline.njk");
    valid = await readFile(byline, "utf8");
  });
  afterAll(() => rm(scratch, { recursive: true, force: true }));
  const start = async () => serve(await fixture(), [], path.join(scratch, "project"));
  const brokenBylineShown = (shown: string) => {
    expect(shown).toContain("<h1>The site did not build</h1>");
    expect(shown).toMatch(/byline\.njk\) \[Line \d+, Column \d+\]/);
    expect(shown).toContain("unknown block tag: nonsense");
    // With the dev server's script that reloads the page once a build succeeds.
    expect(shown).toMatch(/<script type="module"[^>]*>class Util/);
  };
  const siteShown = (running: RunningDevServer) =>
    vi.waitFor(async () => expect(await openedInBrowser(running, PAGE)).toMatchObject({ status: 200 }), {
      timeout: TIMEOUT,
      interval: 200,
    });

  it("shows a browser the error of a save that breaks it, with its file and line, until a save fixes it", async () => {
    const running = await start();
    try {
      await running.waitFor(PAGE, (body) => running.ready() && body.includes("Tide gauges to be replaced after sixty years"), TIMEOUT);
      await writeFile(byline, `${valid}\n{% nonsense %}\n`);
      brokenBylineShown(await shownWhenBroken(running, PAGE));
      await writeFile(byline, valid);
      await siteShown(running);
    } finally {
      await running.stop();
      await writeFile(byline, valid);
    }
  });

  it("started with one, serves its error, watches, and serves the site once a save fixes it", async () => {
    await writeFile(byline, `${valid}\n{% nonsense %}\n`);
    const running = await start();
    try {
      brokenBylineShown(await shownWhenBroken(running, PAGE));
      await waitingForAFix(running);
      await writeFile(byline, valid);
      await siteShown(running);
    } finally {
      await running.stop();
      await writeFile(byline, valid);
    }
  });
});

describe("the dev server stopped while it indexes", () => {
  it("removes its search documents' scratch folder", async () => {
    const site = await fixture();
    const scratch = await mkdtemp(path.join(tmpdir(), "broadsheet-dev-scratch-"));
    // A Pagefind that never finishes, so the stop comes while the index is being made.
    const slow = path.join(scratch, "..", `${path.basename(scratch)}-pagefind`);
    await writeFile(slow, "#!/bin/sh\nexec sleep 600\n");
    await chmod(slow, 0o755);
    const running = await startDevServer({
      command: process.execPath,
      args: (port) => startArgs(port, site.out),
      cwd: PROJECT,
      env: { BROADSHEET_CONTENT: site.root, BUILD_NOW: "2025-04-01T00:00:00Z", BROADSHEET_SCRATCH: scratch, PAGEFIND_BINARY_PATH: slow },
    });
    try {
      await vi.waitFor(async () => expect((await readdir(scratch)).filter((n) => n.startsWith("broadsheet-search-"))).toHaveLength(1), {
        timeout: TIMEOUT,
        interval: 100,
      });
    } finally {
      await running.stop();
    }
    await vi.waitFor(async () => expect(await readdir(scratch)).toEqual([]), { timeout: 15_000, interval: 100 });
    expect(running.output()).toContain("Dev server stopped (SIGTERM).");
    await rm(scratch, { recursive: true, force: true });
    await rm(slow, { force: true });
  });
});

describe("the dev server told to listen on every interface", () => {
  it("does so, and says that drafts are visible to the network", async () => {
    const other = await fixture();
    const running = await serve(other, ["--host", "0.0.0.0"]);
    try {
      await running.waitFor("/", () => running.ready(), TIMEOUT);
      expect(await listeningAddresses(running.port)).toEqual(["0.0.0.0"]);
      expect(running.output()).toContain("drafts and scheduled articles are visible to other machines");
    } finally {
      await running.stop();
    }
  });
});

describe("the dev server on content whose build cache has a file where a folder belongs", () => {
  it("says which path to remove, and serves and indexes without that cache", async () => {
    const other = await fixture();
    await rm(path.join(other.root, ".cache"), { recursive: true, force: true });
    await mkdir(path.join(other.root, ".cache"));
    await writeFile(path.join(other.root, ".cache/dev-search-index"), "not a folder");
    const running = await serve(other);
    try {
      await running.waitFor(PAGE, (body) => running.ready() && body.includes("<h1"), TIMEOUT);
      for (let i = 0; i < 300 && !/search index: \d+ articles/.test(running.output()); i++) await new Promise((r) => setTimeout(r, 100));
      expect(running.output()).toContain(
        "build cache not used: .cache/dev-search-index: (build cache): is a file where the build cache keeps a folder",
      );
      expect(running.output()).toMatch(/search index: \d+ articles/);
      expect(running.output()).not.toContain("search index not updated");
      const hits = (await (await openSiteSearch(other.out)).search({ query: "keepers" })).hits ?? [];
      expect(hits.map((h) => h.url)).toContain("/2025/03/12/lighthouse-keepers-strike/");
    } finally {
      await running.stop();
    }
  });
});
