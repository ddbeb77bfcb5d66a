/** Whether anything is at a path, a dangling symbolic link included: lstat does not follow links, as access and stat do. */
import { lstat } from "node:fs/promises";

export const pathExists = (file: string): Promise<boolean> =>
  lstat(file).then(
    () => true,
    () => false,
  );
