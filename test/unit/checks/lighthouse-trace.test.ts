import { describe, expect, it } from "vitest";
import { isLighthouseTask, pageWorkTrace, type TraceEvent } from "../../../scripts/lib/checks/lighthouse-trace.ts";

const PAGE = { pid: 7, tid: 1 };
const OTHER = { pid: 7, tid: 2 };
const ms = 1000;

const thread = (where: { pid: number; tid: number }, name: string): TraceEvent => ({
  name: "thread_name",
  ph: "M",
  ts: 0,
  ...where,
  args: { name },
});
const task = (ts: number, dur: number, tdur?: number): TraceEvent => ({
  name: "RunTask",
  ph: "X",
  cat: "disabled-by-default-devtools.timeline",
  ...PAGE,
  ts,
  dur,
  ...(tdur === undefined ? {} : { tdur }),
});
const work = (name: string, ts: number, dur: number, args?: TraceEvent["args"]): TraceEvent => ({
  name,
  ph: "X",
  cat: "devtools.timeline",
  ...PAGE,
  ts,
  dur,
  ...(args ? { args } : {}),
});
const instant = (name: string, ts: number, cat = "devtools.timeline"): TraceEvent => ({ name, ph: "I", cat, ...PAGE, ts });

const metadata = [thread(PAGE, "CrRendererMain"), thread(OTHER, "Compositor")];

describe("pageWorkTrace", () => {
  it("charges a descheduled task its CPU time, its work and requests scaled inside it, what the reader saw left where it was", () => {
    const events = [
      ...metadata,
      task(1000 * ms, 100 * ms, 20 * ms),
      work("Layout", 1010 * ms, 60 * ms),
      instant("ResourceSendRequest", 1080 * ms),
      { name: "firstContentfulPaint", ph: "R", cat: "loading,rail,devtools.timeline", ...PAGE, ts: 1050 * ms },
      instant("LayoutShift", 1070 * ms, "loading"),
    ];
    const out = pageWorkTrace({ traceEvents: events }).traceEvents;
    const find = (name: string) => out.find((e) => e.name === name);
    expect(find("RunTask")).toMatchObject({ ts: 1000 * ms, dur: 20 * ms });
    expect(find("Layout")).toMatchObject({ ts: 1002 * ms, dur: 12 * ms });
    // Still inside its task, so the request still depends on the work that sent it.
    expect(find("ResourceSendRequest")?.ts).toBe(1016 * ms);
    expect(find("firstContentfulPaint")?.ts).toBe(1050 * ms);
    expect(find("LayoutShift")?.ts).toBe(1070 * ms);
    // The input is not changed.
    expect(events.find((e) => e.name === "RunTask")?.dur).toBe(100 * ms);
  });

  it("keeps a task that was on the CPU throughout, or has no CPU time recorded, as it was", () => {
    const busy = task(1000 * ms, 80 * ms, 80 * ms);
    const unknown = task(2000 * ms, 80 * ms);
    const script = work("EvaluateScript", 1001 * ms, 70 * ms, { data: { url: "https://example.com/site.js" } });
    const out = pageWorkTrace({ traceEvents: [...metadata, busy, script, unknown] }).traceEvents;
    expect(out).toContain(busy);
    expect(out).toContain(script);
    expect(out).toContain(unknown);
  });

  it("removes Lighthouse's own tasks with everything in them, and keeps the page's", () => {
    const lighthouseScript = [
      task(3000 * ms, 40 * ms, 40 * ms),
      work("FunctionCall", 3001 * ms, 30 * ms, { data: { url: "_lighthouse-eval.js" } }),
    ];
    const protocolEvaluation = [
      task(3100 * ms, 40 * ms, 40 * ms),
      work("EvaluateScript", 3101 * ms, 35 * ms),
      work("v8.compile", 3102 * ms, 5 * ms),
    ];
    const isolatedWorld = [
      task(3200 * ms, 30 * ms, 30 * ms),
      work("LocalWindowProxy::Initialize", 3201 * ms, 28 * ms),
      work("LocalWindowProxy::CreateContext", 3202 * ms, 15 * ms),
      work("V8.DeserializeContext", 3203 * ms, 5 * ms),
      work("ContextCreatedNotification", 3220 * ms, 5 * ms),
    ];
    const commit = [
      task(100 * ms, 60 * ms, 60 * ms),
      work("DocumentLoader::CommitNavigation", 101 * ms, 50 * ms),
      work("LocalWindowProxy::Initialize", 102 * ms, 20 * ms),
    ];
    const pageScript = [
      task(500 * ms, 30 * ms, 30 * ms),
      work("EvaluateScript", 501 * ms, 28 * ms, { data: { url: "http://localhost/assets/site.js" } }),
    ];
    const elsewhere = { ...work("EvaluateScript", 3101 * ms, 35 * ms), ...OTHER };
    const out = pageWorkTrace({
      traceEvents: [...metadata, ...lighthouseScript, ...protocolEvaluation, ...isolatedWorld, ...commit, ...pageScript, elsewhere],
    }).traceEvents;
    expect(out).toEqual([...metadata, ...commit, ...pageScript, elsewhere]);
  });
});

describe("isLighthouseTask", () => {
  it("tells a context created for a navigation or a script from one created on its own", () => {
    const context = [work("LocalWindowProxy::Initialize", 0, 10), work("V8.DeserializeContext", 1, 3)];
    expect(isLighthouseTask(context)).toBe(true);
    expect(isLighthouseTask([...context, work("ParseHTML", 5, 2)])).toBe(false);
    expect(isLighthouseTask([...context, work("EventDispatch", 5, 2)])).toBe(false);
    expect(isLighthouseTask([work("Layout", 0, 10)])).toBe(false);
    expect(isLighthouseTask([])).toBe(false);
  });
});
