// @11ty/eleventy-img 6 ships JSDoc, not declarations; this covers the part of its API the project uses.
declare module "@11ty/eleventy-img" {
  export interface ImageOptions {
    widths?: (number | "auto")[];
    formats?: string[];
    outputDir?: string;
    urlPath?: string;
    sharpAvifOptions?: Record<string, unknown>;
    sharpWebpOptions?: Record<string, unknown>;
    sharpJpegOptions?: Record<string, unknown>;
  }

  export interface ImageFormatEntry {
    format: string;
    width: number;
    height: number;
    url: string;
    sourceType: string;
    srcset: string;
    filename: string;
    outputPath: string;
    size: number;
  }

  export type ImageMetadata = Record<string, ImageFormatEntry[]>;

  interface ImageFunction {
    (src: string, options?: ImageOptions): Promise<ImageMetadata>;
    concurrency: number;
    /** The outputs `Image` would make (their paths and URLs), from the source's dimensions alone; nothing is processed. */
    statsSync(src: string, options?: ImageOptions): ImageMetadata;
  }

  const Image: ImageFunction;
  export default Image;
}
