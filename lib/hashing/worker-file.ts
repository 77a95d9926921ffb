/**
 * Where the bcrypt worker lives: beside this module. This is the CommonJS (and TypeScript source)
 * form; the build writes the ESM form of this one file, which reads `import.meta.url` instead
 * (see scripts/build.mjs), so neither build needs a trick to find its own folder.
 */
import { join } from "node:path";

/** Absolute path of `bcrypt-worker.cjs`. */
export const BCRYPT_WORKER_FILE: string = join(__dirname, "bcrypt-worker.cjs");
