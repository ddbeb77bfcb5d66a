// Eleventy 3 ships JSDoc, not declarations; this covers the part of its API the project uses.
declare module "@11ty/eleventy" {
  export interface UserConfig {
    ignores: Set<string>;
    addGlobalData(name: string, data: unknown): void;
    addWatchTarget(target: string): void;
    addPassthroughCopy(paths: string | Record<string, string>): void;
    addFilter(name: string, fn: (...args: never[]) => unknown): void;
    addShortcode(name: string, fn: (...args: never[]) => string): void;
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

  export default class Eleventy {
    constructor(input?: string, output?: string, options?: EleventyOptions);
    write(): Promise<[unknown[], WrittenPage[]]>;
    /** Renders every page to memory instead of writing it (passthrough copies are not made). */
    toJSON(): Promise<RenderedPage[]>;
  }
}
