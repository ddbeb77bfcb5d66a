/**
 * The site's icons, web app manifest and publisher logo, drawn at build time
 * from the site's name in the card fonts (card-font.ts), so every machine
 * makes the same files: `/favicon.ico` (16, 32 and 48 pixels), the 180-pixel
 * apple-touch-icon, 192- and 512-pixel icons and a maskable one for the
 * manifest, and the wordmark the structured data and the Atom feed name as
 * the publisher's logo. Every icon is a PNG: Chromium decodes an SVG icon as a
 * document of its own on the page's main thread, one for the tab and one for
 * the manifest, each as long a task as the page's first layout.
 */
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import sharp from "sharp";
import type { Site } from "../content/site-model.ts";
import { PUBLISHER_LOGO, SITE_ICONS } from "../content/urls.ts";
import { cardFonts, textOutline } from "./card-font.ts";
import { textDirection } from "../content/text-direction.ts";

/** The site's colours (src/assets/site.css): ink and paper, light and dark. */
const INK = "#1a1a1a";
const PAPER = "#fffdf8";
const DARK_PAPER = "#15171a";

export interface IconLink {
  rel: string;
  href: string;
  type?: string;
  sizes?: string;
}

export interface SiteIcons {
  /** `<link>`s for every page's head. */
  links: IconLink[];
  /** `<meta name="theme-color">` for light and dark mode. */
  themeColours: { colour: string; media: string }[];
}

/**
 * The mark: the first letter of the site's name in paper on an ink square,
 * `inset` of the side kept clear around the letter; `radius` rounds the
 * corners (0 for icons the platform shapes itself).
 */
export function markSvg(name: string, side: number, { inset, radius }: { inset: number; radius: number }): string {
  const letter = [...new Intl.Segmenter().segment(name.trim())][0]?.segment ?? "?";
  const font = cardFonts().serifBold;
  const room = side * (1 - 2 * inset);
  // Sized from a first outline so the letter's own ink fills the room, then centred by that ink.
  const probe = textOutline(font, letter, 100, 0, 0);
  const size = 100 * Math.min(room / (probe.xMax - probe.xMin), room / (probe.yMax - probe.yMin));
  const scaled = textOutline(font, letter, size, 0, 0);
  const x = (side - (scaled.xMax - scaled.xMin)) / 2 - scaled.xMin;
  const y = (side - (scaled.yMax - scaled.yMin)) / 2 - scaled.yMin;
  const glyph = textOutline(font, letter, size, x, y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side}" viewBox="0 0 ${side} ${side}">` +
    `<rect width="${side}" height="${side}" rx="${radius}" fill="${INK}"/><path d="${glyph.path}" fill="${PAPER}"/></svg>`
  );
}

/** The wordmark: the site's name in ink, centred on white, as large as fits. */
export function logoSvg(name: string, width: number, height: number): string {
  const font = cardFonts().serifBold;
  const probe = textOutline(font, name, 100, 0, 0);
  const size = 100 * Math.min((width * 0.92) / (probe.xMax - probe.xMin), (height * 0.72) / (probe.yMax - probe.yMin));
  const scaled = textOutline(font, name, size, 0, 0);
  const x = (width - (scaled.xMax - scaled.xMin)) / 2 - scaled.xMin;
  const y = (height - (scaled.yMax - scaled.yMin)) / 2 - scaled.yMin;
  const text = textOutline(font, name, size, x, y);
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img">` +
    `<title>${escapeXml(name)}</title><rect width="${width}" height="${height}" fill="#ffffff"/><path d="${text.path}" fill="${INK}"/></svg>`
  );
}

function escapeXml(text: string): string {
  return text.replace(/[<>&"]/g, (c) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[c] ?? c);
}

const png = (svg: string, side?: number) =>
  (side ? sharp(Buffer.from(svg)).resize(side, side) : sharp(Buffer.from(svg))).png({ compressionLevel: 9 }).toBuffer();

/** An ICO file holding PNG images (read by every browser since Internet Explorer 9), each `sizes[i]` pixels square. */
export function icoFile(images: readonly Buffer[], sizes: readonly number[]): Buffer {
  const header = Buffer.alloc(6 + 16 * images.length);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2);
  header.writeUInt16LE(images.length, 4);
  let offset = header.length;
  images.forEach((image, i) => {
    const side = sizes[i] ?? 0;
    const entry = 6 + 16 * i;
    header.writeUInt8(side >= 256 ? 0 : side, entry);
    header.writeUInt8(side >= 256 ? 0 : side, entry + 1);
    header.writeUInt16LE(1, entry + 4);
    header.writeUInt16LE(32, entry + 6);
    header.writeUInt32LE(image.length, entry + 8);
    header.writeUInt32LE(offset, entry + 12);
    offset += image.length;
  });
  return Buffer.concat([header, ...images]);
}

/** The web app manifest: names, colours, and the icons a phone shows (https://www.w3.org/TR/appmanifest/). */
export function webManifest(site: Site): string {
  const { settings } = site;
  return JSON.stringify(
    {
      name: settings.title,
      short_name: settings.title,
      ...(settings.tagline ? { description: settings.tagline } : {}),
      lang: settings.language,
      dir: textDirection(settings.language),
      start_url: "/",
      scope: "/",
      display: "minimal-ui",
      background_color: PAPER,
      theme_color: PAPER,
      icons: [
        { src: SITE_ICONS.icon192, type: "image/png", sizes: "192x192", purpose: "any" },
        { src: SITE_ICONS.icon512, type: "image/png", sizes: "512x512", purpose: "any" },
        { src: SITE_ICONS.maskable512, type: "image/png", sizes: "512x512", purpose: "maskable" },
      ],
    },
    null,
    2,
  );
}

type IconFile = readonly [url: string, content: string | Buffer];

async function drawIcons(site: Site): Promise<IconFile[]> {
  const name = site.settings.title;
  const rounded = markSvg(name, 512, { inset: 0.16, radius: 96 });
  // Maskable icons are cropped to a circle of 80 % of the side by some platforms: the letter stays inside it.
  const maskable = markSvg(name, 512, { inset: 0.26, radius: 0 });
  const square = markSvg(name, 180, { inset: 0.18, radius: 0 });
  const icoSizes = [16, 32, 48];
  const [ico, icon192, icon512, maskable512, touch, logo] = await Promise.all([
    Promise.all(icoSizes.map((side) => png(markSvg(name, side * 8, { inset: 0.08, radius: side }), side))).then((images) =>
      icoFile(images, icoSizes),
    ),
    png(rounded, 192),
    png(rounded, 512),
    png(maskable, 512),
    png(square),
    png(logoSvg(name, PUBLISHER_LOGO.width, PUBLISHER_LOGO.height)),
  ]);
  return [
    [SITE_ICONS.ico, ico],
    [SITE_ICONS.appleTouch, touch],
    [SITE_ICONS.icon192, icon192],
    [SITE_ICONS.icon512, icon512],
    [SITE_ICONS.maskable512, maskable512],
    [SITE_ICONS.manifest, webManifest(site)],
    [PUBLISHER_LOGO.url, logo],
  ];
}

/** What this process has drawn, by what the files show, and written, by folder: the dev server rebuilds on every save. */
const drawn = new Map<string, Promise<IconFile[]>>();
const written = new Map<string, string>();

/** Draws the icons, manifest and logo into `outputDir`, and returns what every page's head links. */
export async function writeSiteIcons(site: Site, outputDir: string): Promise<SiteIcons> {
  const { title, tagline, language } = site.settings;
  const key = JSON.stringify([title, tagline, language]);
  if (written.get(outputDir) !== key) {
    let files = drawn.get(key);
    if (!files) {
      drawn.set(key, (files = drawIcons(site)));
      // A failure is reported, not remembered: the next build tries again.
      files.catch(() => drawn.delete(key));
    }
    await Promise.all(
      (await files).map(async ([url, content]) => {
        const file = path.join(outputDir, url);
        await mkdir(path.dirname(file), { recursive: true });
        await writeFile(file, content);
      }),
    );
    written.set(outputDir, key);
  }
  return {
    links: [
      { rel: "icon", href: SITE_ICONS.ico, sizes: "32x32" },
      { rel: "apple-touch-icon", href: SITE_ICONS.appleTouch },
      { rel: "manifest", href: SITE_ICONS.manifest },
    ],
    themeColours: [
      { colour: PAPER, media: "(prefers-color-scheme: light)" },
      { colour: DARK_PAPER, media: "(prefers-color-scheme: dark)" },
    ],
  };
}
