/**
 * Responsive images through @11ty/eleventy-img: AVIF and WebP with a JPEG or
 * PNG fallback, in several widths. Each image file is processed once per
 * build, however many pages show it, and the outputs are content-hashed in a
 * cache folder that later builds reuse; the build then copies the files it
 * needs into the site's `/img/`, and the original to its own URL.
 */
import { copyFile, mkdir, readFile, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import Image, { type ImageFormatEntry, type ImageMetadata, type ImageOptions } from "@11ty/eleventy-img";
import sharp from "sharp";
import { imageCacheRecord } from "./image-cache.ts";

const IMAGE_URL_PATH = "/img/";
/** Widths wider than the original are not made: the original width is the largest. */
const WIDTHS = [400, 800, 1200, 1600];
const MODERN_FORMATS = ["avif", "webp"];

/** The format every browser and link-preview service reads: a JPEG or PNG stays itself, anything else becomes a JPEG, or a PNG if it has transparency to keep. */
export function fallbackFormat(format: string | undefined, hasAlpha = false): "jpeg" | "png" {
  if (format === "jpeg" || format === "png") return format;
  return hasAlpha ? "png" : "jpeg";
}

export interface ImageSource {
  type: string;
  srcset: string;
}

/** One processed file of an image. */
export interface ImageRendition {
  url: string;
  width: number;
  height: number;
  type: string;
}

/** What a `<picture>` needs; `width`/`height` are the largest output's, so the box is reserved before the image loads. */
export interface ResponsiveImage {
  sources: ImageSource[];
  src: string;
  srcset: string;
  width: number;
  height: number;
  /** For link previews and feeds: the fallback (JPEG or PNG, which every preview service reads), 1,200 pixels wide or the nearest. */
  preview: ImageRendition & { type: "image/jpeg" | "image/png" };
}

/** Link previews show images about 1,200 pixels wide; a narrower original is used whole. */
const PREVIEW_WIDTH = 1200;

export interface ImageFile {
  /** Public URL of the original, which is published too; also the key templates look the image up by. */
  src: string;
  /** Absolute path on disk. */
  file: string;
}

function srcset(entries: readonly ImageFormatEntry[]): string {
  return entries.map((e) => e.srcset).join(", ");
}

export async function renderImages(
  images: Iterable<ImageFile>,
  outputDir: string,
  cacheDir: string,
): Promise<Record<string, ResponsiveImage>> {
  const unique = new Map<string, ImageFile>();
  for (const image of images) unique.set(image.src, image);
  Image.concurrency = Math.max(1, os.availableParallelism());
  const target = path.join(outputDir, IMAGE_URL_PATH);
  if (unique.size > 0) await mkdir(target, { recursive: true });
  // sharp's own message never names the file.
  const named = (file: string) => (error: unknown) => {
    throw new Error(`${file}: the image cannot be processed: ${error instanceof Error ? error.message : String(error)}`);
  };
  const planned = await Promise.all(
    [...unique.values()].map(async (image) => {
      const { format, hasAlpha } = await sharp(image.file).metadata().catch(named(image.file));
      const fallback = fallbackFormat(format, hasAlpha);
      const options: ImageOptions = {
        widths: WIDTHS,
        formats: [...MODERN_FORMATS, fallback],
        outputDir: cacheDir,
        urlPath: IMAGE_URL_PATH,
      };
      return { ...image, options, previewType: `image/${fallback}` as const };
    }),
  );
  const record = await imageCacheRecord(cacheDir);
  // Every image's unfinished outputs go before any is processed: two files with the same bytes share their outputs.
  await Promise.all(
    planned.map(({ file, options }) =>
      Promise.resolve()
        .then(() => record.discardUnfinished(outputsOf(Image.statsSync(file, options))))
        .catch(named(file)),
    ),
  );
  const rendered = await Promise.all(
    planned.map(async ({ src, file, options, previewType }): Promise<[string, ResponsiveImage]> => {
      const metadata = await Image(file, options).catch(named(file));
      record.finished(Object.values(metadata).flat());
      const formats = Object.values(metadata).filter((entries) => entries.length > 0);
      const fallback = formats.at(-1);
      const largest = fallback?.at(-1);
      if (!fallback || !largest) throw new Error(`${file}: the image could not be processed`);
      const original = path.join(outputDir, src);
      await mkdir(path.dirname(original), { recursive: true });
      // Written afresh, not copied: a copy keeps the source's mode, and an author's 0600 file would be unreadable to a web server.
      await Promise.all([
        readFile(file).then((bytes) => writeFile(original, bytes)),
        ...formats.flat().map((e) => copyFile(e.outputPath, path.join(target, e.filename))),
      ]);
      const preview = fallback.find((e) => e.width >= PREVIEW_WIDTH) ?? largest;
      return [
        src,
        {
          sources: formats.slice(0, -1).map((entries) => ({ type: entries[0]?.sourceType ?? "", srcset: srcset(entries) })),
          src: largest.url,
          srcset: srcset(fallback),
          width: largest.width,
          height: largest.height,
          preview: { url: preview.url, width: preview.width, height: preview.height, type: previewType },
        },
      ];
    }),
  );
  await record.save();
  return Object.fromEntries(rendered);
}

const outputsOf = (metadata: ImageMetadata) =>
  Object.values(metadata)
    .flat()
    .map((entry) => entry.outputPath);
