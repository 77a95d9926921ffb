// The packages only CI and releases need live in integrations/, a package of its own that the root
// does not list as a workspace (a root `npm install` would install every workspace): the products
// the integration suites drive (better-auth, Firebase and SuperTokens clients; Drizzle, Knex,
// Kysely, Sequelize, TypeORM, express-session) and the tools of the packaging test and the API
// reference. This script installs it on first use, and again whenever its lockfile changes.
//
//   node scripts/integrations.mjs test [mocha arguments]   the integration suites (those given as
//                                                          *.ts files or globs, else all)
//   node scripts/integrations.mjs typecheck                 tsc on them
//   node scripts/integrations.mjs run <bin> [arguments]     one of its tools, from the root
//   node scripts/integrations.mjs install                   only the install
import { spawnSync } from "node:child_process";
import { existsSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import path from "node:path";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const dir = path.join(root, "integrations");
const [command, ...rest] = process.argv.slice(2);

/** Exits with the child's status when it fails. */
function run(file, args, cwd = root) {
  const result = spawnSync(file, args, { cwd, stdio: "inherit", shell: process.platform === "win32" });
  if (result.error) throw result.error;
  if (result.status !== 0) process.exit(result.status ?? 1);
}

// npm ci writes node_modules/.package-lock.json; older than the lockfile means a stale install.
function installed() {
  const hidden = path.join(dir, "node_modules/.package-lock.json");
  return (
    existsSync(hidden) && statSync(hidden).mtimeMs >= statSync(path.join(dir, "package-lock.json")).mtimeMs
  );
}

const COMMANDS = ["test", "typecheck", "run", "install"];
if (!COMMANDS.includes(command) || (command === "run" && !rest[0])) {
  console.error(
    "usage: node scripts/integrations.mjs test [mocha arguments] | typecheck | run <bin> [arguments] | install",
  );
  process.exit(2);
}
if (!installed()) {
  console.log("integrations/: installing its own dependencies (npm ci in integrations/) ...");
  run("npm", ["ci", "--no-audit", "--no-fund"], dir);
}
if (command === "test") {
  run(process.execPath, [
    path.join(root, "node_modules/mocha/bin/mocha.js"),
    "--config",
    "integrations/.mocharc.json",
    // mocha adds a config's `spec` to the files given, so the default lives here instead.
    ...(rest.some((arg) => arg.endsWith(".ts")) ? [] : ["integrations/test/**/*.test.ts"]),
    ...rest,
  ]);
} else if (command === "run") {
  const [bin, ...args] = rest;
  run(path.join(dir, "node_modules/.bin", bin), args);
} else if (command === "typecheck") {
  run(process.execPath, [
    path.join(root, "node_modules/typescript/bin/tsc"),
    "-p",
    "integrations/tsconfig.json",
    "--noEmit",
  ]);
}
