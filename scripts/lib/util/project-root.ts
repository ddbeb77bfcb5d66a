import path from "node:path";
import { fileURLToPath } from "node:url";

/** The project folder, wherever a script is started from. */
export const PROJECT_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
