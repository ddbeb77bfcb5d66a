import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PAGES_CACHE } from "../../src/assets/offline/offline-caches.ts";
import type { StaticServer } from "../../scripts/lib/serve/static-server.ts";
import { hasBrowser, launch } from "../helpers/browser.ts";
import { serveFixtureSite } from "../helpers/served-site.ts";

let server: StaticServer;
beforeAll(async () => {
  server = await serveFixtureSite();
});
afterAll(() => server?.close());

describe.skipIf(!hasBrowser)("what a page loads first", () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  beforeAll(async () => {
    browser = await launch();
    // When the page asks for its service worker, and how far it had loaded then.
    await browser.context.addInitScript(() => {
      const asked: string[] = [];
      Object.assign(window, { workerAsked: asked });
      const register = ServiceWorkerContainer.prototype.register;
      ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, ...args: Parameters<typeof register>) {
        asked.push(document.readyState);
        return register.apply(this, args);
      };
    });
  });
  afterAll(() => browser?.close());

  it("fetches the stylesheet first and its scripts at low priority, on an article and the search page", async () => {
    for (const path of ["/2025/03/12/lighthouse-keepers-strike/", "/search/?q=harbour"]) {
      const page = await browser.context.newPage();
      const cdp = await browser.context.newCDPSession(page);
      const priorities = new Map<string, string>();
      cdp.on("Network.requestWillBeSent", (e) => priorities.set(new URL(e.request.url).pathname, e.request.initialPriority));
      await cdp.send("Network.enable");
      await page.goto(new URL(path, server.url).href);
      await page.waitForLoadState("load");
      const of = (pattern: RegExp) => [...priorities].filter(([p]) => pattern.test(p)).map(([, priority]) => priority);
      expect(of(/^\/assets\/site\.[0-9a-f]+\.css$/), path).toEqual(["VeryHigh"]);
      const scripts = of(/^\/assets\/[a-z]+\.[0-9a-f]+\.js$/);
      expect(scripts.length, path).toBe(path.startsWith("/search/") ? 2 : 1);
      expect(new Set(scripts), path).toEqual(new Set(["Low"]));
      await page.close();
    }
  });

  it("installs the offline worker only once the page has loaded, and it still takes control", async () => {
    const page = await browser.context.newPage();
    await page.goto(server.url);
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { workerAsked: string[] }).workerAsked)).toEqual(["complete"]);
    await page.close();
  });

  it("takes control of a page whose navigation was under way while the worker activated, and keeps it offline", async () => {
    // A proxy that holds one page's navigation until the worker is active: it began with no worker to answer it. The worker's own fetches pass.
    let release = () => {};
    const activated = new Promise<void>((resolve) => (release = resolve));
    const proxy = createServer((request, response) => {
      const forward = () =>
        fetch(new URL(request.url ?? "/", server.url), { headers: { accept: request.headers.accept ?? "*/*" }, redirect: "manual" }).then(
          async (upstream) => {
            const body = Buffer.from(await upstream.arrayBuffer());
            const headers = Object.fromEntries(
              [...upstream.headers].filter(([name]) => !/^(content-(length|encoding)|transfer-encoding)$/.test(name)),
            );
            response.writeHead(upstream.status, headers).end(body);
          },
        );
      const held = request.url === "/about/" && request.headers["sec-fetch-mode"] === "navigate";
      void (held ? activated.then(forward) : forward());
    });
    await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
    const origin = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    const fresh = await launch();
    try {
      const first = await fresh.context.newPage();
      await first.exposeFunction("workerActivated", release);
      await first.addInitScript(() => {
        const register = ServiceWorkerContainer.prototype.register;
        ServiceWorkerContainer.prototype.register = async function (this: ServiceWorkerContainer, ...args: Parameters<typeof register>) {
          const registration = await register.apply(this, args);
          const worker = registration.installing;
          worker?.addEventListener("statechange", () => {
            if (worker.state === "activated") (window as unknown as { workerActivated: () => void }).workerActivated();
          });
          return registration;
        };
      });
      await first.goto(`${origin}/2025/03/12/lighthouse-keepers-strike/`);
      const second = await fresh.context.newPage();
      await second.goto(`${origin}/about/`);
      await second.waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 15_000 });
      const kept = () =>
        second.evaluate(async (name) => (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname), PAGES_CACHE);
      await expect.poll(kept).toContain("/about/");
    } finally {
      await fresh.close();
      proxy.close();
    }
  });
});
