/** Splits `items` into runs of `size`, in order; never an empty run, but always at least one. */
export function partition<T>(items: readonly T[], size: number): T[][] {
  const parts: T[][] = [];
  for (let start = 0; start < items.length; start += size) parts.push(items.slice(start, start + size));
  return parts.length ? parts : [[]];
}
