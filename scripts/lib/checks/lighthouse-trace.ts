/**
 * What a Lighthouse gathering's trace says the page did, made fit to score on
 * a shared build machine. Simulated throttling multiplies each main-thread
 * task's duration by the CPU slowdown, so whatever stretches a task on the
 * host is scored as if the page had asked for it. Two things do:
 *
 * - Lighthouse's own work on the page's main thread: the isolated world it
 *   evaluates in and the scripts it runs there while it waits for the page to
 *   settle. Lighthouse leaves its scripts out of its own script timings
 *   (`bootup-time`) but not out of the simulation, where on a slow host they
 *   become long tasks after the page's first paint. Those tasks are removed.
 * - Time the renderer's main thread spent descheduled inside a task, while
 *   Chromium's other processes and Lighthouse itself had the machine's few
 *   cores. Each task is charged the thread CPU time Chromium recorded for it
 *   (`tdur`), its events scaled into that span, so a task is as long as the
 *   work the page gave the processor.
 *
 * Markers of what the reader saw (paints, navigation timing, layout shifts)
 * keep their times.
 */

export interface TraceEvent {
  name: string;
  /** Trace event phase: "X" a complete event with a duration, "I" an instant, "M" metadata, "R" a mark… */
  ph: string;
  cat?: string;
  pid: number;
  tid: number;
  /** Start, microseconds. */
  ts: number;
  /** Wall-clock duration, microseconds. */
  dur?: number;
  /** Thread CPU time, microseconds, where Chromium recorded it. */
  tdur?: number;
  args?: { name?: string; data?: { url?: string } };
}

export interface Trace {
  traceEvents: TraceEvent[];
}

/** Lantern's top-level tasks (`PageDependencyGraph.isScheduleableTask`). */
const TOP_LEVEL_TASKS = new Set([
  "RunTask",
  "ThreadControllerImpl::RunTask",
  "ThreadControllerImpl::DoWork",
  "TaskQueueManager::ProcessTaskFromWorkQueue",
]);

/** The URL Lighthouse gives every script it evaluates in the page. */
const LIGHTHOUSE_SCRIPT = "_lighthouse-eval.js";

/** Creating a script context and nothing else: V8's part of a new world. */
const CONTEXT_SET_UP = /^(LocalWindowProxy::|V8\.|ContextCreatedNotification$|InstallConditionalFeatures$)/;

/** Events whose time is what the reader saw, not work: they are never moved. */
const READER_MARKERS = /\b(loading|rail|blink\.user_timing)\b/;

const isComplete = (e: TraceEvent) => e.ph === "X";

/**
 * A task Lighthouse ran, not the page: it evaluates Lighthouse's scripts (named
 * by their URL, or started by the DevTools protocol, which gives an evaluation
 * no script data), or it only creates a script context, outside any
 * navigation, parsing or script of the page: the isolated world Lighthouse
 * evaluates in.
 */
export function isLighthouseTask(children: readonly TraceEvent[]): boolean {
  const work = children.filter(isComplete);
  if (work.some((e) => e.args?.data?.url === LIGHTHOUSE_SCRIPT || (e.name === "EvaluateScript" && !e.args?.data))) return true;
  return work.some((e) => e.name === "LocalWindowProxy::Initialize") && work.every((e) => CONTEXT_SET_UP.test(e.name));
}

/** The names of the renderers' main threads, as `pid:tid`. */
function rendererMainThreads(events: readonly TraceEvent[]): Set<string> {
  return new Set(
    events.filter((e) => e.ph === "M" && e.name === "thread_name" && e.args?.name === "CrRendererMain").map((e) => `${e.pid}:${e.tid}`),
  );
}

/**
 * The trace with Lighthouse's own tasks removed from the renderers' main
 * threads and every other task there charged its thread CPU time. Events of
 * other threads are returned as they were; changed events are copies.
 */
export function pageWorkTrace<T extends Trace>(trace: T): T {
  const mains = rendererMainThreads(trace.traceEvents);
  const byThread = new Map<string, TraceEvent[]>();
  for (const e of trace.traceEvents) {
    const thread = `${e.pid}:${e.tid}`;
    if (!mains.has(thread)) continue;
    const events = byThread.get(thread);
    if (events) events.push(e);
    else byThread.set(thread, [e]);
  }
  const dropped = new Set<TraceEvent>();
  const replaced = new Map<TraceEvent, TraceEvent>();
  for (const events of byThread.values()) {
    events.sort((a, b) => a.ts - b.ts);
    for (let i = 0; i < events.length;) {
      const task = events[i] as TraceEvent;
      i++;
      if (!isComplete(task) || !TOP_LEVEL_TASKS.has(task.name) || !task.dur) continue;
      const end = task.ts + task.dur;
      const first = i;
      while (i < events.length && (events[i] as TraceEvent).ts < end) i++;
      const children = events.slice(first, i);
      if (isLighthouseTask(children)) {
        for (const e of [task, ...children]) dropped.add(e);
        continue;
      }
      if (task.tdur === undefined || task.tdur >= task.dur) continue;
      const scale = Math.max(task.tdur, 1) / task.dur;
      const at = (ts: number) => task.ts + Math.round((ts - task.ts) * scale);
      replaced.set(task, { ...task, dur: Math.max(1, Math.round(task.tdur)) });
      for (const e of children) {
        if (READER_MARKERS.test(e.cat ?? "") || (e.ph !== "X" && e.ph !== "I")) continue;
        replaced.set(e, { ...e, ts: at(e.ts), ...(e.dur === undefined ? {} : { dur: Math.round(e.dur * scale) }) });
      }
    }
  }
  return {
    ...trace,
    traceEvents: trace.traceEvents.filter((e) => !dropped.has(e)).map((e) => replaced.get(e) ?? e),
  };
}
