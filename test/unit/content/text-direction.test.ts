import { describe, expect, it } from "vitest";
import { textDirection } from "../../../scripts/lib/content/text-direction.ts";
import { pageMeta } from "../../../scripts/lib/pages/page-meta.ts";
import { webManifest } from "../../../scripts/lib/pages/site-icons.ts";
import { makeSite } from "../../helpers/model.ts";

describe("textDirection", () => {
  it("is right to left for languages written in Arabic, Hebrew, Thaana and other right-to-left scripts", () => {
    for (const tag of ["ar", "ar-EG", "he", "fa-IR", "ur-PK", "ps", "ckb", "sd", "ug", "yi", "dv", "az-Arab", "pa-Arab", "syr"])
      expect(textDirection(tag), tag).toBe("rtl");
  });

  it("is left to right for the others, and for a right-to-left language written in a left-to-right script", () => {
    for (const tag of ["en-GB", "fr", "de-CH-1996", "zh-Hant-TW", "ja", "ru", "el", "hi", "az", "ar-Latn", "tr"])
      expect(textDirection(tag), tag).toBe("ltr");
  });
});

describe("a site in a right-to-left language", () => {
  const site = (language: string) => {
    const made = makeSite([]);
    return { ...made, settings: { ...made.settings, language } };
  };

  it("says so to every page's <html dir> and in its web manifest", () => {
    expect(pageMeta(site("ar"), { path: "/" }).direction).toBe("rtl");
    expect(pageMeta(site("en-GB"), { path: "/" }).direction).toBe("ltr");
    expect(JSON.parse(webManifest(site("he")))).toMatchObject({ lang: "he", dir: "rtl" });
    expect(JSON.parse(webManifest(site("en-GB")))).toMatchObject({ lang: "en-GB", dir: "ltr" });
  });
});
