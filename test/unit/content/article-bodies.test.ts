import { writeSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  bodyKey,
  memoryBodies,
  sharedSpool,
  spooledBodies,
  spooledLength,
  wholeSpooledBody,
  wholeSpooledKeys,
} from "../../../scripts/lib/content/article-bodies.ts";
import { scratchSpool } from "../../helpers/scratch-spool.ts";

describe("spooledBodies", () => {
  it("reads back every body as written, multi-byte text included", () => {
    const spool = scratchSpool();
    const bodies = ["<p>Plain.</p>", "<p>Zürich – “quoted” 東京 🗞️</p>", "", "<p>" + "long ".repeat(20_000) + "</p>"];
    const keys = bodies.map((html, i) => spool.put(`ignored-${i}`, html));
    expect(new Set(keys).size).toBe(bodies.length);
    expect(keys.map((key) => spool.html(key))).toEqual(bodies);
    expect(keys.map(spooledLength)).toEqual(bodies.map((html) => Buffer.byteLength(html)));
    spool.close();
  });

  it("takes bodies from a second handle on the same spool, as a parsing worker adds them", () => {
    const spool = scratchSpool();
    const other = spooledBodies(spool.shared);
    const first = spool.put("a", "<p>first</p>");
    const second = other.put("b", "<p>second</p>");
    expect([spool.html(second), other.html(first)]).toEqual(["<p>second</p>", "<p>first</p>"]);
    spool.close();
  });

  it("appends after the bodies a file already holds, which stay readable under their keys", () => {
    const first = scratchSpool();
    const kept = first.put("a", "<p>kept from the last build</p>");
    const end = Number(kept.split("+")[0]) + spooledLength(kept);
    writeSync(first.fd, Buffer.from("<p>a body no file uses</p>"), 0, undefined, end);
    const taken = spooledBodies(sharedSpool(first.fd, end + Buffer.byteLength("<p>a body no file uses</p>")));
    const added = taken.put("b", "<p>added</p>");
    expect([taken.html(kept), taken.html(added)]).toEqual(["<p>kept from the last build</p>", "<p>added</p>"]);
    expect(Number(added.split("+")[0])).toBe(end + Buffer.byteLength("<p>a body no file uses</p>"));
    first.close();
  });

  it("checks bodies in one pass whatever their order, sizes and the room of a read: bodies past the end are not whole", () => {
    const spool = scratchSpool();
    const bodies = Array.from({ length: 40 }, (_, i) => `<p>${"x".repeat(i === 20 ? 5_000_000 : (i * 7919) % 300_000)}${i}</p>`);
    const keys = bodies.map((html, i) => spool.put(String(i), html));
    const beyond = keys.map((key) => key.replace(/^\d+/, (at) => String(Number(at) + 10_000_000)));
    const checked = wholeSpooledKeys(spool.shared, [...keys].reverse().concat(beyond));
    expect(checked).toEqual(new Set(keys));
    spool.close();
  });

  it("refuses a key it did not give", () => {
    const spool = scratchSpool();
    expect(() => spool.html("0123abc")).toThrow(/not an article body key/);
    expect(() => spool.html("999999+10")).toThrow(/not an article body key/);
    expect(() => spool.html("999999+10~0badc0de")).toThrow(/past the end of the spool/);
    spool.close();
  });

  it("tells a body damaged in its file from a whole one, and will not read the damaged one", () => {
    const spool = scratchSpool();
    const whole = spool.put("a", "<p>The council met.</p>");
    const damaged = spool.put("b", "<p>The tide turned.</p>");
    writeSync(spool.fd, Buffer.from("\0\0\0"), 0, undefined, Number(damaged.split("+")[0]) + 4);
    expect(wholeSpooledKeys(spool.shared, [damaged, whole])).toEqual(new Set([whole]));
    expect([wholeSpooledBody(spool.shared, whole), wholeSpooledBody(spool.shared, damaged)]).toEqual([
      "<p>The council met.</p>",
      undefined,
    ]);
    expect(() => spool.html(damaged)).toThrow(/is damaged/);
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
