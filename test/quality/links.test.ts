import { expect, inject, it } from "vitest";
import { checkLinks, formatBrokenLink } from "../../scripts/lib/checks/link-check.ts";

it("has no broken internal link, fragment or asset on any page of the fixture build", async () => {
  // The fixture's public address: canonical links to it are checked as internal.
  const broken = await checkLinks(inject("fixtureSite"), { siteUrl: "https://broadsheet.netlify.app" });
  expect(broken.map(formatBrokenLink)).toEqual([]);
});
