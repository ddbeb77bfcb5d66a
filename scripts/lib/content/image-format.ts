/**
 * Recognises an image file by its first bytes, so content checks catch a file
 * that is not an image (or not the kind its name says) without decoding it.
 */
export type ImageFormat = "jpeg" | "png" | "gif" | "webp" | "avif";

const ascii = (bytes: Uint8Array, from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));

export function imageFormat(bytes: Uint8Array): ImageFormat | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "jpeg";
  if (ascii(bytes, 0, 8) === "\x89PNG\r\n\x1a\n") return "png";
  if (ascii(bytes, 0, 4) === "GIF8") return "gif";
  if (ascii(bytes, 0, 4) === "RIFF" && ascii(bytes, 8, 12) === "WEBP") return "webp";
  if (ascii(bytes, 4, 8) === "ftyp" && ["avif", "avis"].includes(ascii(bytes, 8, 12))) return "avif";
  return undefined;
}

/** The format a file name promises: `.jpg` and `.jpeg` are both JPEG. */
export function formatOfName(name: string): ImageFormat | undefined {
  const ext = name.slice(name.lastIndexOf(".") + 1).toLowerCase();
  return ext === "jpg" || ext === "jpeg" ? "jpeg" : (["png", "gif", "webp", "avif"] as const).find((f) => f === ext);
}
