// What a documentation shell block names must exist: the npm scripts it runs, the packages it
// installs (the project's own dependencies, so the docs name what the tests use), the binaries it
// runs with npx, the repository paths it passes, and the JSON a curl sends must parse. A command
// this file does not know is a problem too, so a new kind of command is taught here, not skipped.
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { ROOT } from "./markdown.js";

interface Manifest {
  scripts: Record<string, string>;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as Manifest;
const PACKAGES = new Set(
  [manifest.dependencies, manifest.devDependencies, manifest.peerDependencies].flatMap((deps) =>
    Object.keys(deps ?? {}),
  ),
);

/** Commands whose arguments are only checked for the repository paths they name. */
const PLAIN_COMMANDS = new Set(["cd", "git", "node", "open", "psql", "redis-cli", "export", "echo"]);
const REPOSITORY_PATH = /^(?:\.\/)?(?:examples|test|lib|docs|bench|scripts|\.ci)\//;

/** Splits a shell line into words (quotes honoured) and drops its comment. */
function words(line: string): string[] {
  const result: string[] = [];
  let word = "";
  let started = false;
  let quote: string | undefined;
  for (const char of line) {
    if (quote) {
      if (char === quote) quote = undefined;
      else word += char;
    } else if (char === "'" || char === '"') {
      quote = char;
      started = true;
    } else if (/\s/.test(char)) {
      if (started) result.push(word);
      word = "";
      started = false;
    } else if (char === "#" && !started) {
      break;
    } else {
      word += char;
      started = true;
    }
  }
  if (started) result.push(word);
  return result;
}

/** The commands of a block: continuation lines joined, split at `&&`, `||`, `;` and `|`. */
function commands(code: string): string[][] {
  const lines = code.replace(/\\\n/g, " ").split("\n");
  const result: string[][] = [];
  for (const line of lines) {
    let current: string[] = [];
    for (const word of words(line)) {
      if (["&&", "||", ";", "|"].includes(word)) {
        if (current.length) result.push(current);
        current = [];
      } else {
        current.push(word);
      }
    }
    if (current.length) result.push(current);
  }
  return result;
}

function packageName(spec: string): string {
  const at = spec.indexOf("@", 1);
  return at === -1 ? spec : spec.slice(0, at);
}

function checkPath(word: string): string[] {
  if (!REPOSITORY_PATH.test(word)) return [];
  // A glob is checked up to the folder it searches.
  const fixed = word.includes("*") ? word.slice(0, word.indexOf("*")).replace(/[^/]*$/, "") : word;
  return existsSync(path.join(ROOT, fixed)) ? [] : [`\`${word}\` does not exist`];
}

function checkNpm(args: string[]): string[] {
  const [sub, ...rest] = args;
  const names = rest.filter((arg) => !arg.startsWith("-"));
  switch (sub) {
    case "install":
    case "i":
    case "ci":
      return names
        .map(packageName)
        .filter((name) => !PACKAGES.has(name))
        .map((name) => `\`npm install ${name}\`: not a dependency, peer or devDependency in package.json`);
    case "run":
      return names[0] && manifest.scripts[names[0]] ? [] : [`\`npm run ${names[0] ?? ""}\`: no such script`];
    case "test":
    case "start":
      return manifest.scripts[sub] ? [] : [`\`npm ${sub}\`: no such script`];
    default:
      return [`\`npm ${sub ?? ""}\`: not a command the docs test knows`];
  }
}

function checkCurl(args: string[]): string[] {
  const problems: string[] = [];
  const json = args.some((arg, i) => args[i - 1] === "-H" && /content-type:\s*application\/json/i.test(arg));
  args.forEach((arg, i) => {
    if (!json || !["-d", "--data", "--data-raw"].includes(args[i - 1] ?? "")) return;
    try {
      JSON.parse(arg);
    } catch (error) {
      problems.push(`curl sends JSON that does not parse (${(error as Error).message}): ${arg}`);
    }
  });
  return problems;
}

/** Every problem of one shell block, as sentences. */
export function checkShellBlock(code: string): string[] {
  const problems: string[] = [];
  for (const command of commands(code)) {
    const start = command.findIndex((word) => !/^\w+=/.test(word)); // after `CI=true` and the like
    if (start === -1) continue;
    const [program, ...args] = command.slice(start) as [string, ...string[]];
    problems.push(...args.flatMap(checkPath));
    if (program === "npm") problems.push(...checkNpm(args));
    else if (program === "npx") {
      if (!existsSync(path.join(ROOT, "node_modules", ".bin", args[0] ?? ""))) {
        problems.push(`\`npx ${args[0] ?? ""}\`: no such binary in node_modules/.bin`);
      }
    } else if (program === "curl") problems.push(...checkCurl(args));
    else if (!PLAIN_COMMANDS.has(program)) {
      problems.push(`\`${program}\`: not a command the docs test knows (teach test/docs/shell.ts)`);
    }
  }
  return problems;
}
