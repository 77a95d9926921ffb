/**
 * The packaging test: builds and packs the package the way it is published, installs the tarball
 * into small consumer projects (ESM and CommonJS, each on Express 4 and Express 5, and TypeScript
 * on both), and uses it there as a user would. Also runs publint and arethetypeswrong on the
 * tarball. Run it with `npm run test:package`; it needs the npm registry or a warm npm cache.
 */
import { expect } from "chai";
import { execFile, spawn } from "node:child_process";
import { closeSync, openSync } from "node:fs";
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { EXPECTED_ERRORS, TS_CONSUMER_FILES } from "./ts-consumer.js";

const ROOT = path.resolve(__dirname, "../..");
const FIXTURES = path.resolve(__dirname, "fixtures");
const NPM = process.platform === "win32" ? "npm.cmd" : "npm";
const TSC = path.join(ROOT, "node_modules/typescript/bin/tsc");
// Installed in integrations/ (by `npm run test:package`), out of the quick start's install.
const PUBLINT = path.join(ROOT, "integrations/node_modules/publint/src/cli.js");
const ATTW = path.join(ROOT, "integrations/node_modules/@arethetypeswrong/cli/dist/index.js");

/** Entry points CONTRACT.md names, as keys of package.json `exports`. */
const ENTRY_POINTS = [".", "./redis", "./postgres", "./mysql", "./nodemailer", "./testing"];

interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * The environment for child processes. `npm run test:package` puts its own `npm_*` variables in
 * the environment, `npm_config_local_prefix` (this checkout) among them; a nested `npm install`
 * must not see them, or it may act on the repository instead of the consumer project.
 */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (!key.startsWith("npm_") && key !== "INIT_CWD") env[key] = value;
  }
  return env;
}

/** Runs a command to completion; never rejects, so a test can assert on a failure's output. */
function run(command: string, args: string[], cwd: string, timeoutMs = 120_000): Promise<RunResult> {
  return new Promise((resolve) => {
    execFile(
      command,
      args,
      // npm is a .cmd file on Windows, which execFile can only start through a shell.
      { cwd, env: childEnv(), timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, shell: command === "npm.cmd" },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : -1) : 0;
        const killed = error?.killed ? `\n[killed after ${timeoutMs} ms: ${String(error.signal)}]` : "";
        resolve({ code, stdout, stderr: stderr + killed });
      },
    );
  });
}

/**
 * Like {@link run}, with stdout written to `file` and read back. For a command that exits right
 * after writing a large output (arethetypeswrong's JSON report calls `process.exit`): what it
 * wrote to a pipe and the reader had not drained yet is lost, a write to a file never is.
 */
async function runWithStdoutInFile(
  command: string,
  args: string[],
  cwd: string,
  file: string,
): Promise<RunResult> {
  const fd = openSync(file, "w");
  try {
    const { code, stderr } = await new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = spawn(command, args, { cwd, env: childEnv(), stdio: ["ignore", fd, "pipe"] });
      let stderr = "";
      child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
      child.on("error", reject);
      child.on("close", (exitCode) => resolve({ code: exitCode ?? -1, stderr }));
    });
    return { code, stdout: await readFile(file, "utf8"), stderr };
  } finally {
    closeSync(fd);
  }
}

/** Like {@link run}, but throws unless the command exits 0. */
async function runOk(command: string, args: string[], cwd: string): Promise<RunResult> {
  const result = await run(command, args, cwd);
  if (result.code !== 0) {
    throw new Error(`${command} ${args.join(" ")} exited ${result.code}\n${result.stdout}\n${result.stderr}`);
  }
  return result;
}

function describeRun(result: RunResult): string {
  return `exit ${result.code}\n--- stdout\n${result.stdout}\n--- stderr\n${result.stderr}`;
}

/** What `npm pack --json` reports about the tarball. */
interface PackInfo {
  filename: string;
  files: Array<{ path: string }>;
}

/** A consumer project: what it installs besides the tarball, and the files it is made of. */
interface Consumer {
  dir: string;
  /** Packages installed next to the tarball. */
  install: string[];
  /** package.json fields besides name, version and private. */
  packageJson: Record<string, unknown>;
  /** Files copied from fixtures/. */
  fixtures: string[];
  /** Files written from text, by path inside the project. */
  files: Record<string, string>;
}

const JS_CONSUMERS = [
  { format: "esm", main: "esm-app.mjs", type: "module" },
  { format: "cjs", main: "cjs-app.cjs", type: "commonjs" },
] as const;
const EXPRESS_MAJORS = ["5", "4"] as const;

describe("packed tarball", function () {
  let work = "";
  let tarball = "";
  let pack: PackInfo;
  const consumers = new Map<string, Consumer>();

  before(async function () {
    await runOk(NPM, ["run", "build"], ROOT);
    work = await mkdtemp(path.join(tmpdir(), "epr-package-"));
    const packed = await runOk(NPM, ["pack", "--json", "--pack-destination", work], ROOT);
    // The same JSON as `npm pack --dry-run --json`, taken from the real pack so the file list
    // describes the very tarball the consumers install.
    pack = (JSON.parse(packed.stdout) as PackInfo[])[0]!;
    tarball = path.join(work, pack.filename);

    for (const major of EXPRESS_MAJORS) {
      for (const js of JS_CONSUMERS) {
        consumers.set(`${js.format}-app-express${major}`, {
          dir: path.join(work, `${js.format}-app-express${major}`),
          install: [`express@${major}`],
          packageJson: { type: js.type },
          fixtures: [js.main, "link-flow.cjs", "config-errors.cjs"],
          files: {},
        });
      }
      consumers.set(`ts-app-express${major}`, {
        dir: path.join(work, `ts-app-express${major}`),
        // A TypeScript user has the Express and Node types; the package's declarations use both.
        install: [`express@${major}`, `@types/express@${major}`, "@types/node@20"],
        packageJson: {},
        fixtures: [],
        files: TS_CONSUMER_FILES,
      });
    }

    // One install per consumer, all at once: each is a separate npm process with its own
    // node_modules, and npm's cache is safe to share between them.
    await Promise.all(
      [...consumers.entries()].map(async ([name, consumer]) => {
        await mkdir(path.join(consumer.dir, "src"), { recursive: true });
        const manifest = { name, version: "1.0.0", private: true, ...consumer.packageJson };
        await writeFile(path.join(consumer.dir, "package.json"), JSON.stringify(manifest, null, 2) + "\n");
        for (const [file, text] of Object.entries(consumer.files)) {
          await writeFile(path.join(consumer.dir, file), text);
        }
        for (const file of consumer.fixtures) {
          await copyFile(path.join(FIXTURES, file), path.join(consumer.dir, file));
        }
        await runOk(
          NPM,
          [
            "install",
            "--no-audit",
            "--no-fund",
            "--prefer-offline",
            "--no-package-lock",
            tarball,
            ...consumer.install,
          ],
          consumer.dir,
        );
      }),
    );
  });

  after(async function () {
    if (work) await rm(work, { recursive: true, force: true });
  });

  describe("contents", function () {
    it("ships only dist/, package.json, README.md, LICENSE and CHANGELOG.md", function () {
      const files = pack.files.map((file) => file.path).sort();
      const outside = files.filter(
        (file) =>
          !file.startsWith("dist/") &&
          !["package.json", "README.md", "LICENSE", "CHANGELOG.md"].includes(file),
      );
      expect(outside, "files outside dist/").to.deep.equal([]);
      expect(files).to.include.members(["package.json", "README.md", "LICENSE", "CHANGELOG.md"]);
      // Sources, source maps and tests stay home; declarations ship.
      expect(
        files.filter((file) => /\.[cm]?ts$/.test(file) && !/\.d\.[cm]?ts$/.test(file)),
        "TS sources",
      ).to.deep.equal([]);
      expect(
        files.filter((file) => file.endsWith(".map")),
        "source maps",
      ).to.deep.equal([]);
      // Without these markers Node reads dist/esm as CommonJS (the package has no "type").
      expect(files).to.include.members(["dist/esm/package.json", "dist/cjs/package.json"]);
    });

    it("has a JavaScript and a declaration file for every entry point in both formats", async function () {
      const manifest = JSON.parse(await readFile(path.join(ROOT, "package.json"), "utf8")) as {
        exports: Record<string, unknown>;
      };
      const exportsMap = manifest.exports;
      expect(Object.keys(exportsMap).sort()).to.deep.equal([...ENTRY_POINTS, "./package.json"].sort());
      const targets = ENTRY_POINTS.flatMap((entry) => leaves(exportsMap[entry]));
      expect(targets).to.have.length(ENTRY_POINTS.length * 4);
      const files = new Set(pack.files.map((file) => file.path));
      expect(
        targets.filter((target) => !files.has(target.replace(/^\.\//, ""))),
        "missing targets",
      ).to.deep.equal([]);
    });
  });

  describe("linters", function () {
    it("publint --strict finds no error or warning", async function () {
      const result = await run(process.execPath, [PUBLINT, "run", tarball, "--strict"], work);
      expect(result.code, describeRun(result)).to.equal(0);
      expect(result.stdout, describeRun(result)).not.to.match(/Errors:|Warnings:/);
    });

    it("arethetypeswrong passes for node16 (CJS and ESM) and bundler resolution", async function () {
      // --no-definitely-typed: the package ships its own types; don't ask the registry for @types.
      const result = await run(
        process.execPath,
        [ATTW, tarball, "--profile", "node16", "--no-definitely-typed"],
        work,
      );
      expect(result.code, describeRun(result)).to.equal(0);
    });

    it("arethetypeswrong's only complaint otherwise is subpaths under TypeScript's legacy node10 resolution", async function () {
      // TypeScript's `moduleResolution: node10` ignores `exports`, so it cannot see subpath entry
      // points at all; Node itself (>= 20.19, see engines) and TS node16/nodenext/bundler do.
      // Anything else attw reports is a real problem.
      const result = await runWithStdoutInFile(
        process.execPath,
        [ATTW, tarball, "--format", "json", "--no-definitely-typed"],
        work,
        path.join(work, "attw.json"),
      );
      const report = JSON.parse(result.stdout) as {
        problems?: Record<string, Array<{ kind: string; entrypoint?: string; resolutionKind?: string }>>;
      };
      const problems = Object.values(report.problems ?? {}).flat();
      const unexpected = problems.filter(
        (problem) =>
          !(
            problem.kind === "NoResolution" &&
            problem.resolutionKind === "node10" &&
            problem.entrypoint !== "."
          ),
      );
      expect(unexpected, JSON.stringify(problems, null, 2)).to.deep.equal([]);
    });
  });

  for (const major of EXPRESS_MAJORS) {
    for (const js of JS_CONSUMERS) {
      const name = `${js.format}-app-express${major}`;
      it(`${name}: loads every entry point without optional peers and runs the link flow over HTTP`, async function () {
        const consumer = consumers.get(name)!;
        const result = await run(process.execPath, [js.main], consumer.dir, 60_000);
        expect(result.code, describeRun(result)).to.equal(0);
        expect(result.stdout).to.match(new RegExp(`^entry points OK \\(${js.format}\\b`, "m"));
        expect(result.stdout).to.match(
          new RegExp(
            `^link flow OK \\(${js.format}, express ${major}\\.\\d+\\.\\d+\\): .*replay 400 INVALID_TOKEN$`,
            "m",
          ),
        );
        // CONTRACT.md: with a `logger` unset the package writes nothing to the console itself.
        expect(result.stderr, describeRun(result)).to.equal("");
      });
    }

    for (const js of JS_CONSUMERS) {
      const name = `${js.format}-app-express${major}`;
      it(`${name}: production with a shared store and no secret throws PasswordResetConfigError naming \`secret\` and the fix`, async function () {
        const consumer = consumers.get(name)!;
        const result = await run(process.execPath, ["config-errors.cjs", js.format], consumer.dir, 60_000);
        expect(result.code, describeRun(result)).to.equal(0);
        expect(result.stdout).to.match(new RegExp(`^config errors OK \\(${js.format}\\)$`, "m"));
        expect(result.stderr, describeRun(result)).to.equal("");
      });
    }

    const modes = major === "5" ? ["tsconfig.json", "tsconfig.bundler.json"] : ["tsconfig.json"];
    for (const config of modes) {
      const mode = config === "tsconfig.json" ? "nodenext (CJS app.ts + ESM app.mts)" : "bundler";
      it(`ts-app-express${major}: type-checks under ${mode}; each marked mistake fails, nothing else`, async function () {
        const result = await run(
          process.execPath,
          [TSC, "-p", config],
          consumers.get(`ts-app-express${major}`)!.dir,
        );
        const output = result.stdout + result.stderr;
        const errors = [...output.matchAll(/^(.+?)\((\d+),\d+\): error (TS\d+):/gm)].map((m) => ({
          file: m[1]!,
          line: Number(m[2]),
          code: m[3]!,
        }));
        expect(errors.length, `every error has a location\n${output}`).to.equal(
          output.match(/error TS\d+/g)?.length ?? 0,
        );
        expect(errors, output).to.deep.equal(EXPECTED_ERRORS.map((e) => ({ file: "src/wrong.ts", ...e })));
        expect(result.code, output).not.to.equal(0);
      });
    }
  }
});

/** The file paths at the leaves of an `exports` condition object. */
function leaves(target: unknown): string[] {
  if (typeof target === "string") return [target];
  if (target && typeof target === "object") return Object.values(target).flatMap(leaves);
  return [];
}
