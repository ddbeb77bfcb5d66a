/** Content problems the reader's pages bring: image paths and URLs that collide with list pages. */
import { copyFile, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadContent } from "../../scripts/lib/content/load-content.ts";
import { ContentError } from "../../scripts/lib/content/content-error.ts";
import { copyFixture } from "../helpers/site.ts";

let fixture: Awaited<ReturnType<typeof copyFixture>>;
beforeEach(async () => {
  fixture = await copyFixture();
});
afterEach(() => fixture.cleanup());

const ARTICLE = "src/articles/2025-03-10-harbour-tariffs.md";

/** Adds front-matter lines to the fixture's harbour article. */
async function addFrontMatter(lines: string): Promise<void> {
  const file = path.join(fixture.root, ARTICLE);
  const source = await readFile(file, "utf8");
  await writeFile(file, source.replace(/^---\n/, `---\n${lines}\n`));
}

async function problems(): Promise<string[]> {
  try {
    await loadContent({ root: fixture.root, preview: false, now: "2025-04-01T00:00:00Z" });
  } catch (error) {
    if (error instanceof ContentError)
      return error.message
        .split("\n")
        .slice(1)
        .map((l) => l.trim());
    throw error;
  }
  return [];
}

describe("article images", () => {
  it("resolve under src/images/ to a file on disk and the public URL of the original", async () => {
    const site = await loadContent({ root: fixture.root, preview: false, now: "2025-04-01T00:00:00Z" });
    const image = site.articles.find((a) => a.image)?.image;
    expect(image).toMatchObject({ src: "/images/northern-light.jpg", file: path.join(fixture.root, "src/images/northern-light.jpg") });
  });

  it("that do not exist are a content problem naming the file, the field and the path", async () => {
    await addFrontMatter("image:\n  src: harbour/dredger.jpg\n  alt: A dredger in the harbour mouth.");
    expect(await problems()).toEqual([
      `${ARTICLE}: image.src: names a file that does not exist: src/images/harbour/dredger.jpg (got "harbour/dredger.jpg", expected a file under src/images/ named relative to it, such as "harbour.jpg" or "2025/harbour.jpg", ending .jpg, .jpeg, .png, .webp, .avif or .gif)`,
    ]);
  });

  it("that are not the kind of image their name says are a content problem", async () => {
    await writeFile(path.join(fixture.root, "src/images/notes.png"), "These are notes, not a picture.");
    await copyFile(path.join(fixture.root, "src/images/northern-light.jpg"), path.join(fixture.root, "src/images/photo.png"));
    await addFrontMatter("image:\n  src: notes.png\n  alt: Notes.");
    const other = path.join(fixture.root, "src/articles/2025-03-12-lighthouse-keepers-strike.md");
    await writeFile(other, (await readFile(other, "utf8")).replace(/^---\n/, "---\nimage:\n  src: photo.png\n  alt: A photo.\n"));
    expect(await problems()).toEqual([
      `${ARTICLE}: image.src: names a file that is not a PNG image: src/images/notes.png (got a file that is not an image, expected a PNG image)`,
      "src/articles/2025-03-12-lighthouse-keepers-strike.md: image.src: names a file that is not a PNG image: src/images/photo.png (got a JPEG image, expected the file named with .jpg)",
    ]);
  });

  it.each(["/images/x.jpg", "../secret.jpg", "https://example.org/x.jpg", "notes.txt"])("may not be given as %s", async (src) => {
    await addFrontMatter(`image:\n  src: "${src}"\n  alt: Something.`);
    const found = await problems();
    expect(found).toHaveLength(1);
    expect(found[0]).toContain(`${ARTICLE}: image.src: is not an image path under the images folder (got ${JSON.stringify(src)}`);
  });
});

describe("aliases", () => {
  it("may not take the address of a list page, a later page of a list, or an index page", async () => {
    await addFrontMatter("aliases: [/section/world/page/2/, /archive/2025/03/, /tag/, /section/world/page/9/]");
    expect(await problems()).toEqual([
      `${ARTICLE}: aliases.0: URL /section/world/page/2/ is already used by section world (expected a URL no other page uses)`,
      `${ARTICLE}: aliases.1: URL /archive/2025/03/ is already used by archive March 2025 (expected a URL no other page uses)`,
      `${ARTICLE}: aliases.2: URL /tag/ is already used by a built-in page (expected a URL no other page uses)`,
    ]);
  });
});
