import { describe, expect, it } from "vitest";
import { stoppedMessage } from "../../../../src/assets/offline/offline-save.ts";

describe("stoppedMessage", () => {
  it("says storage is full when the quota is exceeded, since trying again online cannot help", () => {
    expect(stoppedMessage(new DOMException("Quota exceeded.", "QuotaExceededError"))).toBe(
      "Saving stopped: this device's storage is full. Free some space, then try again.",
    );
  });

  it("blames the connection for anything else", () => {
    expect(stoppedMessage(new TypeError("Failed to fetch"))).toBe(
      "Saving stopped: the connection was lost. Try again when you are online.",
    );
    expect(stoppedMessage(new DOMException("Aborted.", "AbortError"))).toMatch(/connection was lost/);
  });
});
