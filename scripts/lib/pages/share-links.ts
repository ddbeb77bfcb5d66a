/**
 * Share links: plain links to each service's own "share" address. Nothing is
 * loaded from those services unless a reader follows a link, so a page makes
 * no third-party request and sets no third-party cookie.
 */
export interface ShareLink {
  service: string;
  url: string;
}

export function shareLinks(title: string, pageUrl: string): ShareLink[] {
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString().replaceAll("+", "%20");
  const text = `${title} ${pageUrl}`;
  return [
    { service: "Email", url: `mailto:?${q({ subject: title, body: pageUrl })}` },
    { service: "Mastodon", url: `https://mastodonshare.com/?${q({ text: title, url: pageUrl })}` },
    { service: "Bluesky", url: `https://bsky.app/intent/compose?${q({ text })}` },
    { service: "LinkedIn", url: `https://www.linkedin.com/sharing/share-offsite/?${q({ url: pageUrl })}` },
    { service: "X", url: `https://x.com/intent/post?${q({ text: title, url: pageUrl })}` },
  ];
}
