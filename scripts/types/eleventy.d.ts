// Eleventy 3 ships JSDoc, not declarations; this covers the part of its API the project uses.
declare module "@11ty/eleventy" {
  export interface UserConfig {
    ignores: Set<string>;
    addGlobalData(name: string, data: unknown): void;
    addWatchTarget(target: string): void;
    addPassthroughCopy(paths: string | Record<string, string>): void;
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
    addShortcode(name: string, fn: (...args: never[]) => string): void;
    /** Runs on each page's final text (after its layouts); what it returns is the page. */
    addTransform(name: string, fn: (content: string, outputPath: string | false) => string | Promise<string>): void;
    setServerOptions(options: Record<string, unknown>): void;
    setQuietMode(quiet: boolean): void;
    setUseGitIgnore(use: boolean): void;
    setWatchThrottleWaitTime(ms: number): void;
    on(
      event: "eleventy.before" | "eleventy.after",
      fn: (arg: { dir: { input: string; output: string }; directories: { input: string; output: string }; runMode: string }) => unknown,
    ): void;
    /** Before a watch rebuild, with the changed files (paths as Eleventy's watcher saw them). */
    on(event: "eleventy.beforeWatch", fn: (changedFiles: string[]) => unknown): void;
    directories: { input: string; output: string; includes: string; data: string };
  }

  export interface EleventyOptions {
    configPath?: string;
    quietMode?: boolean;
    source?: "cli" | "script";
    runMode?: "build" | "watch" | "serve";
    config?: (eleventyConfig: UserConfig) => void | Promise<void>;
  }

  export interface WrittenPage {
    url: string | false;
    outputPath: string | false;
    inputPath: string;
  }

  export interface RenderedPage extends WrittenPage {
    content: string;
  }

  /** Eleventy's dev server 2.x (@11ty/eleventy-dev-server): the part `npm start` binds to an address. */
  export interface DevServer {
    server: import("node:http").Server;
    _serverListen(port: number): void;
  }

  export interface EleventyServe {
    init(): Promise<void>;
    initServerInstance(): Promise<void>;
    readonly server: DevServer;
    /** Tells the browsers the dev server has open to reload (Eleventy passes what a rebuild changed). */
    reload(event: Record<string, unknown>): Promise<void>;
    /** Tells the browsers a rebuild failed (Eleventy's client logs it in the console). */
    sendError(event: { error: unknown }): Promise<void>;
  }

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<[unknown[], WrittenPage[]]>;
    /** Renders every page to memory instead of writing it (passthrough copies are not made). */
    toJSON(): Promise<RenderedPage[]>;
    init(): Promise<void>;
    /** Forgets what the last build read, as before each rebuild (then `init()`). */
    restart(): Promise<void>;
    /** Builds, then watches; resolves with the function that rebuilds for a changed path. */
    watch(): Promise<(changedPath: string) => Promise<void>>;
    watcher?: { on(event: "unlink" | "change" | "add", fn: (path: string) => void): void };
    eleventyServe: EleventyServe;
    serve(port?: number): Promise<void>;
    stopWatch(): Promise<void>;
  }
}
