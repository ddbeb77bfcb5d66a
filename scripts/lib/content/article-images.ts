/** An article's lead image, checked: a path under the images folder, naming a file that exists and is the image its name says. */
import { open } from "node:fs/promises";
import path from "node:path";
import type { Draft } from "./article-parse.ts";
import type { Problem } from "./content-error.ts";
import { IMAGES_DIR } from "./content-files.ts";
import { formatOfName, imageFormat } from "./image-format.ts";
import type { Image } from "./site-model.ts";
import { imageUrl } from "./urls.ts";

const IMAGE_SRC = /^(?![/\\])(?!.*(?:^|\/)\.\.(?:\/|$))[^:?#\\]+\.(?:jpe?g|png|webp|avif|gif)$/i;

/** The first bytes of a file, enough to tell its format; undefined when it is not a readable file. */
async function readHead(file: string): Promise<Uint8Array | undefined> {
  const handle = await open(file).catch(() => undefined);
  if (!handle) return undefined;
  try {
    const { buffer, bytesRead } = await handle.read(new Uint8Array(16), 0, 16, 0);
    return buffer.subarray(0, bytesRead);
  } catch {
    return undefined;
  } finally {
    await handle.close();
  }
}

/** The draft's image for the model, or undefined (with a problem when it names one that is not usable). */
export async function articleImage(root: string, d: Draft, problems: Problem[]): Promise<Image | undefined> {
  const image = d.fm.image;
  if (!image) return undefined;
  const expected = `a file under ${IMAGES_DIR}/ named relative to it, such as "harbour.jpg" or "2025/harbour.jpg", ending .jpg, .jpeg, .png, .webp, .avif or .gif`;
  const problem = (message: string, got: string, wanted = expected) =>
    problems.push({ file: d.file, field: "image.src", message, got, expected: wanted });
  if (!IMAGE_SRC.test(image.src)) {
    problem("is not an image path under the images folder", JSON.stringify(image.src));
    return undefined;
  }
  const file = path.join(root, IMAGES_DIR, image.src);
  const head = await readHead(file);
  if (!head) {
    problem(`names a file that does not exist: ${IMAGES_DIR}/${image.src}`, JSON.stringify(image.src));
    return undefined;
  }
  const found = imageFormat(head);
  const named = formatOfName(image.src);
  if (found !== named) {
    problem(
      `names a file that is not a ${named?.toUpperCase()} image: ${IMAGES_DIR}/${image.src}`,
      found ? `a ${found.toUpperCase()} image` : "a file that is not an image",
      found ? `the file named with .${found === "jpeg" ? "jpg" : found}` : `a ${named?.toUpperCase()} image`,
    );
    return undefined;
  }
  return { ...image, src: imageUrl(image.src), file };
}
