/**
 * Which way the site's language is written: Arabic, Hebrew, Persian, Urdu,
 * Yiddish, Dhivehi and the like right to left. A site in one of them is laid
 * out right to left (`<html dir>`, the web manifest's `dir`), its navigation
 * and rules mirrored, as its readers expect.
 */

/** Scripts written right to left (ISO 15924), for a runtime whose `Intl.Locale` cannot say so itself. */
const RTL_SCRIPTS = new Set(["Adlm", "Arab", "Hebr", "Mand", "Mend", "Nkoo", "Rohg", "Samr", "Syrc", "Thaa", "Yezi"]);

/** `Intl.Locale`'s text direction: `getTextInfo()` since V8 13, the `textInfo` getter before. */
type WithTextInfo = Intl.Locale & { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };

const directions = new Map<string, "ltr" | "rtl">();

/** `rtl` for a BCP 47 tag whose language (or script, when the tag names one) is written right to left; `ltr` otherwise. */
export function textDirection(language: string): "ltr" | "rtl" {
  let direction = directions.get(language);
  if (direction === undefined) {
    const locale = new Intl.Locale(language) as WithTextInfo;
    const said = locale.getTextInfo?.().direction ?? locale.textInfo?.direction;
    direction = (said ?? (RTL_SCRIPTS.has(locale.maximize().script ?? "") ? "rtl" : "ltr")) === "rtl" ? "rtl" : "ltr";
    directions.set(language, direction);
  }
  return direction;
}
