/**
 * Alt text that tells a reader who cannot see the image nothing: a file
 * name (`harbour.jpg`, the image's own name, a camera's `IMG_2034`), or a
 * word that only says there is an image (`photo`). A screen reader reads it
 * out in place of the image, so it is as good as none.
 */

/** Endings of image files, as an alt text copied from one would have them. */
const IMAGE_FILE = /\.(?:jpe?g|png|gif|webp|avif|svg|tiff?|bmp|heic)$/i;
/** Names cameras and phones give their pictures: `IMG_2034`, `DSC01234`, `PXL_20250312_101500123`. */
const CAMERA_NAME = /^(?:img|dsc|dscn|dscf|dcim|pxl|gopr|mvimg|image|photo)[_ -]?\d[\d_ -]*$/i;
/** Words that say only that something is an image. */
const NOTHING_BUT_AN_IMAGE = new Set([
  "image",
  "img",
  "photo",
  "photograph",
  "picture",
  "pic",
  "graphic",
  "illustration",
  "alt",
  "alt text",
  "placeholder",
  "untitled",
  "thumbnail",
]);

/** The file name of `src` without its folders, query or ending: `/images/harbour-dawn.jpg?v=2` → `harbour-dawn`. */
const baseName = (src: string): string =>
  (
    src
      .replace(/[?#].*$/s, "")
      .split("/")
      .pop() ?? ""
  ).replace(/\.[^.]*$/, "");

/** Why `alt`, for the image at `src`, describes nothing; undefined when it may describe the image. */
export function altTextProblem(alt: string, src: string): string | undefined {
  const text = alt.trim();
  const name = baseName(src);
  // The image's own name, as a file is named (`northern-light`, `harbour_2`); one plain word ("Lighthouse") may be all the image shows.
  const ownName = text.toLowerCase() === name.toLowerCase() && /^[^\s]*[-_\d][^\s]*$/.test(text);
  if (IMAGE_FILE.test(text) || CAMERA_NAME.test(text) || ownName)
    return "is a file name, which tells a reader who cannot see the image nothing";
  if (NOTHING_BUT_AN_IMAGE.has(text.toLowerCase().replace(/[.:!]+$/, ""))) return "says only that there is an image, not what it shows";
  return undefined;
}
