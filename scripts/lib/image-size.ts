/**
 * Pixel size of an image from its first bytes, so pages can give every <img>
 * its width and height and nothing shifts while it loads. JPEG, PNG, GIF,
 * WebP and SVG; undefined for anything else or a damaged header.
 */
export interface ImageSize {
  width: number;
  height: number;
}

export function imageSize(bytes: Uint8Array): ImageSize | undefined {
  const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const ascii = (start: number, end: number) => data.toString("latin1", start, end);
  const size = (width: number, height: number) => (width > 0 && height > 0 ? { width, height } : undefined);
  if (data.length >= 24 && ascii(1, 4) === "PNG" && ascii(12, 16) === "IHDR") return size(data.readUInt32BE(16), data.readUInt32BE(20));
  if (data.length >= 10 && (ascii(0, 6) === "GIF87a" || ascii(0, 6) === "GIF89a")) return size(data.readUInt16LE(6), data.readUInt16LE(8));
  if (data.length >= 30 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return webpSize(data, size);
  if (data.length >= 4 && data[0] === 0xff && data[1] === 0xd8) return jpegSize(data, size);
  const text = data.toString("utf8", 0, Math.min(data.length, 4096));
  if (/<svg[\s>]/u.test(text)) return svgSize(text, size);
  return undefined;
}

type Sizer = (width: number, height: number) => ImageSize | undefined;

function webpSize(data: Buffer, size: Sizer): ImageSize | undefined {
  const chunk = data.toString("latin1", 12, 16);
  if (chunk === "VP8X") return size(1 + data.readUIntLE(24, 3), 1 + data.readUIntLE(27, 3));
  if (chunk === "VP8L") {
    const bits = data.readUInt32LE(21);
    return size(1 + (bits & 0x3fff), 1 + ((bits >> 14) & 0x3fff));
  }
  if (chunk === "VP8 ") return size(data.readUInt16LE(26) & 0x3fff, data.readUInt16LE(28) & 0x3fff);
  return undefined;
}

/** Walks the JPEG segments to the first start-of-frame marker, which holds the size. */
function jpegSize(data: Buffer, size: Sizer): ImageSize | undefined {
  let offset = 2;
  while (offset + 9 < data.length) {
    if (data[offset] !== 0xff) return undefined;
    const marker = data[offset + 1] ?? 0;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isFrame) return size(data.readUInt16BE(offset + 7), data.readUInt16BE(offset + 5));
    offset += 2 + data.readUInt16BE(offset + 2);
  }
  return undefined;
}

function svgSize(text: string, size: Sizer): ImageSize | undefined {
  const tag = /<svg\b[^>]*>/u.exec(text)?.[0] ?? "";
  const attribute = (name: string) => new RegExp(`\\s${name}\\s*=\\s*["']\\s*([\\d.]+)(px)?\\s*["']`, "u").exec(tag)?.[1];
  const width = Number(attribute("width"));
  const height = Number(attribute("height"));
  if (width && height) return size(Math.round(width), Math.round(height));
  const viewBox = /\sviewBox\s*=\s*["']\s*[-\d.]+[\s,]+[-\d.]+[\s,]+([\d.]+)[\s,]+([\d.]+)\s*["']/u.exec(tag);
  return viewBox ? size(Math.round(Number(viewBox[1])), Math.round(Number(viewBox[2]))) : undefined;
}
