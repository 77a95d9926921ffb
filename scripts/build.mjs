// Builds the dual package: ESM in dist/esm and CommonJS in dist/cjs, each with its own
// declarations. Each folder gets a one-line package.json naming its module type, so Node and
// TypeScript read the .js and .d.ts files in it as the right format.
//
// The bcrypt worker is one plain CommonJS file that both builds share (copied beside each), and
// the module naming its path (and the one loading `@opentelemetry/api`) is written per format: `__dirname` in CommonJS, `import.meta.url`
// in ESM (which tsc cannot emit from one source that also compiles to CommonJS).
import { execFileSync } from "node:child_process";
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from "node:fs";

const tsc = (args) =>
  execFileSync(process.execPath, ["node_modules/typescript/bin/tsc", ...args], { stdio: "inherit" });

rmSync("dist", { recursive: true, force: true });
const builds = [
  { dir: "dist/esm", module: "ES2022", resolution: "Bundler", type: "module" },
  { dir: "dist/cjs", module: "CommonJS", resolution: "Node10", type: "commonjs" },
];
for (const { dir, module, resolution, type } of builds) {
  tsc(["-p", "tsconfig.build.json", "--outDir", dir, "--module", module, "--moduleResolution", resolution]);
  mkdirSync(dir, { recursive: true });
  writeFileSync(`${dir}/package.json`, JSON.stringify({ type }) + "\n");
  copyFileSync("lib/hashing/bcrypt-worker.cjs", `${dir}/hashing/bcrypt-worker.cjs`);
}
writeFileSync(
  "dist/esm/hashing/worker-file.js",
  `import { fileURLToPath } from "node:url";
/** Absolute path of \`bcrypt-worker.cjs\`. */
export const BCRYPT_WORKER_FILE = fileURLToPath(new URL("./bcrypt-worker.cjs", import.meta.url));
`,
);
// `advanced.telemetry` loads `@opentelemetry/api` synchronously, at construction, only when on:
// `require` in CommonJS, a `require` made from `import.meta.url` in ESM.
writeFileSync(
  "dist/esm/telemetry/load-api.js",
  `import { createRequire } from "node:module";
const require = createRequire(import.meta.url);
/** The \`@opentelemetry/api\` module, as the app installed it; throws when it is absent. */
export function loadOpenTelemetryApi() {
  return require("@opentelemetry/api");
}
`,
);
