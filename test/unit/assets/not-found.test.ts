import { describe, expect, it } from "vitest";
import { wordsOfAddress } from "../../../src/assets/not-found.ts";

describe("the words of a missing page's address", () => {
  it("takes the last segment with words, split at hyphens, underscores, dots and plus signs", () => {
    expect(wordsOfAddress("/2025/03/12/harbour-tarifs/")).toBe("harbour tarifs");
    expect(wordsOfAddress("/news/dock_shifts.html")).toBe("dock shifts");
    expect(wordsOfAddress("/tag/coastal+erosion")).toBe("coastal erosion");
    expect(wordsOfAddress("/2025/03/12/état-d%27urgence/")).toBe("état d'urgence");
  });

  it("leaves out numbers, file extensions and the site's own structure", () => {
    expect(wordsOfAddress("/2024/10/05/harbour-log-5/")).toBe("harbour log");
    expect(wordsOfAddress("/tag/ferries/page/99/")).toBe("ferries");
    expect(wordsOfAddress("/guides/index.html")).toBe("guides");
  });

  it("gives nothing when the address has no words, and reads a stray % as typed", () => {
    expect(wordsOfAddress("/2025/03/12/")).toBe("");
    expect(wordsOfAddress("/404.html")).toBe("");
    expect(wordsOfAddress("/")).toBe("");
    expect(wordsOfAddress("/100%-rise/")).toBe("rise");
  });

  it("keeps at most eight words", () => {
    expect(wordsOfAddress(`/${"word-".repeat(12)}end/`).split(" ")).toHaveLength(8);
  });
});
