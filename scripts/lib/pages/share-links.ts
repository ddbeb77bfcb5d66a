/**
 * Share links: plain links to each service's own "share" address. Nothing is
 * loaded from those services unless a reader follows a link, so a page makes
 * no third-party request and sets no third-party cookie.
 */
import { LONE_SURROGATE } from "../content/text-hygiene.ts";

export interface ShareLink {
  service: string;
  url: string;
}

/** Characters `encodeURIComponent` leaves as they are but a form's encoding (URLSearchParams) escapes. */
const FORM_RESERVED = /[!'()~]/g;
/** A value encoded as URLSearchParams encodes it: a lone surrogate as U+FFFD, where `encodeURIComponent` would throw. */
const formEncode = (value: string) =>
  encodeURIComponent(value.replace(LONE_SURROGATE, "\uFFFD")).replace(
    FORM_RESERVED,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );

/** A query string as URLSearchParams writes it, with spaces as `%20` (mail clients show a `+` as it is), without its parser's cost on every page. */
const q = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([name, value]) => `${formEncode(name)}=${formEncode(value)}`)
    .join("&");

export function shareLinks(title: string, pageUrl: string): ShareLink[] {
  const text = `${title} ${pageUrl}`;
  return [
    { service: "Email", url: `mailto:?${q({ subject: title, body: pageUrl })}` },
    { service: "Mastodon", url: `https://mastodonshare.com/?${q({ text: title, url: pageUrl })}` },
    { service: "Bluesky", url: `https://bsky.app/intent/compose?${q({ text })}` },
    { service: "LinkedIn", url: `https://www.linkedin.com/sharing/share-offsite/?${q({ url: pageUrl })}` },
    { service: "X", url: `https://x.com/intent/post?${q({ text: title, url: pageUrl })}` },
  ];
}
