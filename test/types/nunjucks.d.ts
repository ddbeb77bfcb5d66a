// nunjucks 3 ships no declarations; this covers the part the tests use (Eleventy renders the site's templates with it).
declare module "nunjucks" {
  /** Renders template text with the default environment (autoescaping on, as Eleventy configures it). */
  export function renderString(source: string, context: object): string;
}
