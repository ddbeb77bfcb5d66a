import { describe, expect, it } from "vitest";
import { altTextProblem } from "../../../scripts/lib/content/alt-text.ts";

describe("alt text that describes nothing", () => {
  it("is a file name: with an image file's ending, a camera's name, or the image's own name as files are named", () => {
    const fileName = "is a file name, which tells a reader who cannot see the image nothing";
    expect(altTextProblem("harbour.JPG", "/images/x.png")).toBe(fileName);
    expect(altTextProblem("IMG_2034", "/images/x.png")).toBe(fileName);
    expect(altTextProblem("DSC01234", "x.jpg")).toBe(fileName);
    expect(altTextProblem("PXL_20250312_101500123", "x.jpg")).toBe(fileName);
    expect(altTextProblem("Northern-Light", "northern-light.jpg")).toBe(fileName);
    expect(altTextProblem(" harbour_2 ", "/images/harbour_2.webp?v=3")).toBe(fileName);
  });

  it("is a word that only says there is an image", () => {
    for (const alt of ["image", "Photo.", "picture", "IMG", "Alt text", "placeholder"])
      expect(altTextProblem(alt, "x.jpg"), alt).toBe("says only that there is an image, not what it shows");
  });

  it("is not a description, however short, nor a file's name inside one", () => {
    for (const alt of [
      "Lighthouse",
      "A striped lighthouse on a rock casts its beam across the sea at sunset.",
      "Photo of the harbour at dawn",
      "The 2034 budget, in a chart",
      "Chart: tariffs.jpg and what they cost",
    ])
      expect(altTextProblem(alt, "lighthouse.jpg"), alt).toBeUndefined();
  });
});
