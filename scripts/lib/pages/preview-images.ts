/**
 * The image a link preview shows for each page: an article's own image when
 * it has one, otherwise its social card; the site card for every other page
 * (and for an article whose headline the card fonts cannot show).
 */
import type { Site } from "../content/site-model.ts";
import { absoluteUrl } from "../content/urls.ts";
import type { ResponsiveImage } from "./responsive-images.ts";
import { CARD_HEIGHT, CARD_WIDTH, type CardPlan, type PlannedCard } from "./social-cards.ts";

export interface PreviewImage {
  /** Absolute URL. */
  url: string;
  width: number;
  height: number;
  type: "image/jpeg" | "image/png";
  alt: string;
}

export interface Previews {
  /** By article URL. */
  articles: Map<string, PreviewImage>;
  /** Absent when the site has no card (card-font coverage). */
  site?: PreviewImage;
}

function cardImage(card: PlannedCard, base: string): PreviewImage {
  const { spec } = card;
  const alt =
    spec.kind === "article" ? `${spec.masthead}, ${spec.kicker}: ${spec.title}` : [spec.title, spec.tagline].filter(Boolean).join(": ");
  return { url: absoluteUrl(card.url, base), width: CARD_WIDTH, height: CARD_HEIGHT, type: "image/png", alt };
}

export function previewImages(site: Site, images: Record<string, ResponsiveImage>, cards: CardPlan): Previews {
  const base = site.settings.url;
  const articles = new Map<string, PreviewImage>();
  for (const article of site.articles) {
    const processed = article.image ? images[article.image.src] : undefined;
    const card = cards.articles.get(article.url);
    if (article.image && processed) {
      const { url, width, height, type } = processed.preview;
      articles.set(article.url, { url: absoluteUrl(url, base), width, height, type, alt: article.image.alt });
    } else if (card) articles.set(article.url, cardImage(card, base));
  }
  return { articles, ...(cards.site ? { site: cardImage(cards.site, base) } : {}) };
}
