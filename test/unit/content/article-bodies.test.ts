import { readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { describe, expect, it } from "vitest";
import { bodyKey, memoryBodies, spooledBodies } from "../../../scripts/lib/content/article-bodies.ts";

const spoolFiles = () => readdirSync(tmpdir()).filter((name) => name.startsWith(`broadsheet-bodies-${process.pid}-`));

describe("spooledBodies", () => {
  it("reads back every body as written, multi-byte text included, from a spool no other process can find", () => {
    const spool = spooledBodies();
    const bodies = ["<p>Plain.</p>", "<p>Zürich – “quoted” 東京 🗞️</p>", "", "<p>" + "long ".repeat(20_000) + "</p>"];
    const keys = bodies.map((html, i) => spool.put(`ignored-${i}`, html));
    expect(new Set(keys).size).toBe(bodies.length);
    expect(keys.map((key) => spool.html(key))).toEqual(bodies);
    expect(spoolFiles()).toEqual([]);
    spool.close();
  });

  it("takes bodies from a second handle on the same spool, as a parsing worker adds them", () => {
    const spool = spooledBodies();
    const other = spooledBodies(spool.shared);
    const first = spool.put("a", "<p>first</p>");
    const second = other.put("b", "<p>second</p>");
    expect([spool.html(second), other.html(first)]).toEqual(["<p>second</p>", "<p>first</p>"]);
    other.close();
    expect(spool.html(first)).toBe("<p>first</p>");
    spool.close();
  });

  it("refuses a key it did not give", () => {
    const spool = spooledBodies();
    expect(() => spool.html("0123abc")).toThrow(/not an article body key/);
    expect(() => spool.html("999999+10")).toThrow(/past the end of the spool/);
    spool.close();
  });
});

describe("memoryBodies", () => {
  it("keeps a body under the key of its file's bytes and forgets those a load no longer names", () => {
    const store = memoryBodies();
    const kept = store.put(bodyKey("digest-1"), "<p>kept</p>");
    const dropped = store.put(bodyKey("digest-2"), "<p>dropped</p>");
    expect(kept).toBe(bodyKey("digest-1"));
    store.retainOnly(new Set([kept]));
    expect(store.html(kept)).toBe("<p>kept</p>");
    expect(() => store.html(dropped)).toThrow(/no article body/);
  });
});
