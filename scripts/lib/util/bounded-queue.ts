/**
 * Work on items as they arrive, at most `limit` at a time, in arrival order:
 * the caller queues items and goes on, and `done()` settles once every item
 * pushed so far is finished, or with the first failure (after which nothing
 * new starts). An item is let go of once its work starts, so the queue holds
 * no more than what waits; a producer faster than the work awaits `done()`
 * before pushing more, so that stays bounded too.
 */
export interface BoundedQueue<T> {
  push(items: readonly T[]): void;
  done(): Promise<void>;
}

export function boundedQueue<T>(limit: number, work: (item: T, index: number) => Promise<void>): BoundedQueue<T> {
  let queue: (T | undefined)[] = [];
  let taken = 0;
  let started = 0;
  let running = 0;
  let failure: { error: unknown } | undefined;
  const drained: (() => void)[] = [];
  const pump = () => {
    while (running < limit && taken < queue.length && failure === undefined) {
      const item = queue[taken] as T;
      queue[taken++] = undefined;
      const at = started++;
      // Drops the emptied slots once they are half the array, so each item is copied O(1) times
      // however large the batches pushed (shifting one at a time would be O(length) each).
      if (taken >= 1024 && taken * 2 >= queue.length) [queue, taken] = [queue.slice(taken), 0];
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
    if (running === 0) for (const resolve of drained.splice(0)) resolve();
  };
  return {
    push(items) {
      for (const item of items) queue.push(item);
      pump();
    },
    async done() {
      if (running > 0) await new Promise<void>((resolve) => drained.push(resolve));
      if (failure) throw failure.error;
    },
  };
}
