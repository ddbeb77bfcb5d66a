/**
 * An alias names an old address of an article; `_redirects` sends it on. A
 * redirect that is not forced applies only where no file is (Netlify, and
 * `npm run serve` alike), so an alias that is the address of a file the build
 * wrote (a section's feed, a page) would never redirect and would hide what
 * it names from nobody but its author. The content stage refuses the build's
 * fixed addresses (content/url-claims.ts); this checks every alias against
 * the files actually written.
 */
import { stat } from "node:fs/promises";
import path from "node:path";
import type { Problem } from "../content/content-error.ts";
import type { Site } from "../content/site-model.ts";

const isFile = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

/** The file a static host serves for `urlPath` in `siteDir`, if any: the file itself, or a folder's index.html. */
async function servedFile(siteDir: string, urlPath: string): Promise<string | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const target = path.join(siteDir, decoded);
  if (!decoded.endsWith("/") && (await isFile(target))) return decoded;
  const index = path.join(target, "index.html");
  return (await isFile(index)) ? path.posix.join(decoded, "index.html") : undefined;
}

/** One problem per alias that names a file of the built site in `siteDir`. */
export async function aliasesShadowingFiles(site: Pick<Site, "articles">, siteDir: string): Promise<Problem[]> {
  const checks = site.articles.flatMap((article) =>
    article.aliases.map(async (alias, i): Promise<Problem | undefined> => {
      const file = await servedFile(siteDir, alias);
      if (file === undefined) return undefined;
      return {
        file: article.file,
        field: `aliases.${i}`,
        message: `is the address of ${file}, which the build writes: the file would be served and the redirect never applied`,
        got: JSON.stringify(alias),
        expected: "an old path that no page or file of the site uses",
      };
    }),
  );
  return (await Promise.all(checks)).filter((p): p is Problem => p !== undefined);
}
