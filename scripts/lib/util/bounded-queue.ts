/**
 * Work on items as they arrive, at most `limit` at a time, in arrival order:
 * the caller queues items and goes on, and `done()` settles once all are
 * finished, or with the first failure (after which nothing new starts). An
 * item is let go of once its work starts, so the queue holds no more than
 * what waits.
 */
export interface BoundedQueue<T> {
  push(items: readonly T[]): void;
  done(): Promise<void>;
}

export function boundedQueue<T>(limit: number, work: (item: T, index: number) => Promise<void>): BoundedQueue<T> {
  const queue: (T | undefined)[] = [];
  let next = 0;
  let running = 0;
  let failure: { error: unknown } | undefined;
  let drained: (() => void) | undefined;
  const pump = () => {
    while (running < limit && next < queue.length && failure === undefined) {
      const at = next++;
      const item = queue[at] as T;
      queue[at] = undefined;
      running++;
      work(item, at).then(
        () => {
          running--;
          pump();
        },
        (error: unknown) => {
          failure ??= { error };
          running--;
          pump();
        },
      );
    }
    if (running === 0) drained?.();
  };
  return {
    push(items) {
      queue.push(...items);
      pump();
    },
    async done() {
      if (running > 0) await new Promise<void>((resolve) => (drained = resolve));
      if (failure) throw failure.error;
    },
  };
}
