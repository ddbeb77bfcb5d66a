import { describe, expect, it } from "vitest";
import { decodeEntities, pageLabel } from "../../../../src/assets/offline/saved-pages.ts";

describe("pageLabel", () => {
  const head = (title: string) => `<!doctype html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n<title>${title}</title>`;

  it("names a saved page by its title without the site's name", () => {
    expect(pageLabel("/2025/03/12/strike/", head("Lighthouse keepers strike over “automation” | Broadsheet"), "Broadsheet")).toBe(
      "Lighthouse keepers strike over “automation”",
    );
    expect(pageLabel("/tag/coasts/", head("Coasts (tag) | Broadsheet"), "Broadsheet")).toBe("Coasts (tag)");
  });

  it("calls the front page so, and falls back to the address when there is no title", () => {
    expect(pageLabel("/", head("Broadsheet"), "Broadsheet")).toBe("Front page");
    expect(pageLabel("/about/", "<html><head>", "Broadsheet")).toBe("/about/");
  });

  it("decodes what the templates escape", () => {
    expect(pageLabel("/a/", head("Fish &amp; chips: &quot;cheap&quot; &#39;n&#39; &lt;good&gt; | The &amp; Times"), "The & Times")).toBe(
      `Fish & chips: "cheap" 'n' <good>`,
    );
  });
});

describe("decodeEntities", () => {
  it("reads named, decimal and hexadecimal references, and leaves unknown ones alone", () => {
    expect(decodeEntities("&AMP; &#8220;x&#x201D; &#X1F600; &nbsp; &#0; &#xFFFFFFF;")).toBe("& “x” 😀 &nbsp; &#0; &#xFFFFFFF;");
  });
});
