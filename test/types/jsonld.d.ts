// jsonld 9 ships no declarations; this covers the part the tests use.
declare module "jsonld" {
  export interface RemoteDocument {
    contextUrl: string | null;
    documentUrl: string;
    document: unknown;
  }
  export interface Options {
    documentLoader?: (url: string) => Promise<RemoteDocument>;
    /** Fail on anything expansion would drop (an unknown term, a malformed value) instead of dropping it. */
    safe?: boolean;
  }
  const jsonld: {
    expand(input: object, options?: Options): Promise<Record<string, unknown>[]>;
  };
  export default jsonld;
}
