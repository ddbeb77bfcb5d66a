/**
 * Files and folders the build cannot read are problems like any other:
 * reported with the file named, beside every other problem, never a stack.
 * Reads fail here as they do for a user without permission (EACCES), which
 * chmod cannot make happen for root, who runs CI.
 */
import { chmod } from "node:fs/promises";
import path from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { fingerprintContent } from "../../../scripts/lib/content/content-files.ts";
import { ArticleCache } from "../../../scripts/lib/content/file-cache.ts";
import { article, contentRoot, loadProblems, removeContentRoots } from "../../helpers/content-root.ts";

/** Paths whose reads fail with EACCES, as an unreadable file's or folder's do. */
const denied = vi.hoisted(() => new Set<string>());
const eacces = (syscall: string, target: unknown) =>
  Object.assign(new Error(`EACCES: permission denied, ${syscall} '${String(target)}'`), { code: "EACCES", syscall });
vi.mock("node:fs", async (importOriginal) => {
  const fs = await importOriginal<typeof import("node:fs")>();
  const readFileSync = ((...args: Parameters<typeof fs.readFileSync>) => {
    if (denied.has(String(args[0]))) throw eacces("open", args[0]);
    return fs.readFileSync(...args);
  }) as typeof fs.readFileSync;
  return { ...fs, readFileSync };
});
vi.mock("node:fs/promises", async (importOriginal) => {
  const fsp = await importOriginal<typeof import("node:fs/promises")>();
  const readdir = ((...args: Parameters<typeof fsp.readdir>) =>
    denied.has(String(args[0])) ? Promise.reject(eacces("scandir", args[0])) : fsp.readdir(...args)) as typeof fsp.readdir;
  return { ...fsp, readdir };
});

afterEach(() => denied.clear());
afterAll(removeContentRoots);

const NOW = "2025-04-01T00:00:00Z";
const HARBOUR = "src/articles/2025-03-10-harbour-tariffs.md";
const GULLS = "src/articles/2025-03-11-gulls.md";
const CANNOT = "cannot be read (EACCES: permission denied) (expected something the build can read: check its owner and permissions)";

const problems = (root: string, cache?: ArticleCache) => loadProblems({ root, preview: false, now: NOW, cache });

describe("a file or folder that cannot be read", () => {
  it("is a problem naming it, listed with every other problem, in a build and in the dev server alike", async () => {
    const root = await contentRoot({
      [HARBOUR]: article({ title: "Harbour" }),
      [GULLS]: article({ title: "Gulls", section: "wrold" }),
      "src/articles/2025/2025-03-12-locked-away.md": article({ title: "Locked away" }),
    });
    for (const file of [HARBOUR, "_data/sections.yaml", "src/articles/2025"]) denied.add(path.join(root, file));
    const expected = [
      `_data/sections.yaml: (file): ${CANNOT}`,
      `src/articles/2025: (file): ${CANNOT}`,
      `src/articles/2025-03-10-harbour-tariffs.md: (file): ${CANNOT}`,
    ];
    const found = await problems(root);
    expect(found).toEqual(expected);
    // Unknown sections are not checked without sections.yaml; with it readable, the other file's problem shows beside them.
    denied.delete(path.join(root, "_data/sections.yaml"));
    const withSections = [
      ...expected.slice(1),
      expect.stringMatching(/^src\/articles\/2025-03-11-gulls\.md: section: is not a known section/),
    ];
    expect(await problems(root)).toEqual(withSections);
    expect(await problems(root, new ArticleCache())).toEqual(withSections);
  });

  it("is read again by the dev server once it is made readable, though only its permissions changed", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }) });
    const cache = new ArticleCache();
    denied.add(path.join(root, HARBOUR));
    expect(await problems(root, cache)).toEqual([`${HARBOUR}: (file): ${CANNOT}`]);
    denied.clear();
    await new Promise((resolve) => setTimeout(resolve, 5));
    await chmod(path.join(root, HARBOUR), 0o644);
    expect(await problems(root, cache)).toEqual([]);
  });

  it("makes the search command's fingerprint differ rather than fail", async () => {
    const root = await contentRoot({ [HARBOUR]: article({ title: "Harbour" }) });
    const readable = await fingerprintContent(root);
    denied.add(path.join(root, HARBOUR));
    expect(await fingerprintContent(root)).not.toBe(readable);
  });
});
