// Every code block in README.md and docs/**/*.md compiles or runs as written, so the docs cannot
// drift from the package: TypeScript and JavaScript blocks are type-checked against lib/ as an app
// imports it (typecheck.ts), JSON blocks parse, HTTP requests are well formed, SQL is the text the
// package generates, shell blocks name scripts, packages and paths that exist (shell.ts).
//
// A block that is a fragment says what it leaves out with `<!-- prelude: app, pg -->` on the line
// above its fence: test/docs/preludes/<name>.ts declares those names. A block that must not be
// checked says so with `<!-- unchecked: the reason -->`; each one is listed below with its reason.
// No block is skipped silently: a block of a language this file cannot check needs that marker.
import { expect } from "chai";
import { existsSync } from "node:fs";
import path from "node:path";
import { postgresTokenStoreSchema } from "../../lib/postgres.js";
import { mysqlTokenStoreSchema } from "../../lib/mysql.js";
import type { CodeBlock } from "./markdown.js";
import { codeBlocks, documentationFiles } from "./markdown.js";
import { checkShellBlock } from "./shell.js";
import type { BlockError } from "./typecheck.js";
import { PRELUDES, typecheckBlocks } from "./typecheck.js";

/** Fence languages and the check each gets. */
const LANGUAGES: Record<string, "typescript" | "json" | "http" | "shell" | "sql"> = {
  ts: "typescript",
  typescript: "typescript",
  js: "typescript",
  javascript: "typescript",
  json: "json",
  http: "http",
  sh: "shell",
  bash: "shell",
  shell: "shell",
  sql: "sql",
};

/** What a `<!-- same-as: name -->` block must equal. */
const GENERATED: Record<string, () => string> = {
  "postgres-schema": () => postgresTokenStoreSchema("password_reset_tokens"),
  "mysql-schema": () => mysqlTokenStoreSchema("password_reset_tokens"),
};

function where(block: CodeBlock): string {
  return `${block.file}:${block.line} (${block.lang || "no language"})`;
}

/** `ts` and `js` blocks are checked as `ts`/`js`; the long names are the same languages. */
function normalised(block: CodeBlock): CodeBlock {
  return {
    ...block,
    lang: block.lang === "typescript" ? "ts" : block.lang === "javascript" ? "js" : block.lang,
  };
}

function checkHttp(code: string): string[] {
  const [head = "", ...rest] = code.split("\n\n");
  const [requestLine = "", ...headers] = head.split("\n");
  const problems: string[] = [];
  if (!/^(GET|HEAD|POST|PUT|PATCH|DELETE|OPTIONS) \/\S* ?(HTTP\/\d(\.\d)?)?$/.test(requestLine)) {
    problems.push(`not a request line: ${requestLine}`);
  }
  for (const header of headers) if (!/^[\w-]+: .+$/.test(header)) problems.push(`not a header: ${header}`);
  const body = rest.join("\n\n").trim();
  if (headers.some((header) => /^content-type: application\/json/i.test(header))) {
    try {
      JSON.parse(body);
    } catch (error) {
      problems.push(`the JSON body does not parse: ${(error as Error).message}`);
    }
  }
  return problems;
}

function parseJson(code: string): string[] {
  try {
    JSON.parse(code);
    return [];
  } catch (error) {
    return [`does not parse as JSON: ${(error as Error).message}`];
  }
}

/** Misspells one option in a copy of a block, to prove a misspelling fails the check. */
function misspelt(block: CodeBlock, option: string, as: string): CodeBlock {
  expect(block.code, `the block at ${where(block)} sets ${option}`).to.include(option);
  return { ...block, file: `${block.file} (copy with \`${as}\`)`, code: block.code.replace(option, as) };
}

describe("docs: every code block in README.md and docs/ compiles or runs", function () {
  this.timeout(180_000);

  const files = documentationFiles();
  const blocks = files.flatMap((file) => codeBlocks(file)).map(normalised);
  const checked = blocks.filter((block) => block.unchecked === undefined);
  const typescript = checked.filter((block) => LANGUAGES[block.lang] === "typescript");
  // A copy of the README's options example with `codes.maxAttempts` and `resetUrl` misspelt:
  // the same program must refuse both, or the check proves nothing.
  const optionsExample = blocks.find(
    (block) => block.file === "README.md" && /codes: \{ maxAttempts/.test(block.code),
  );
  let errors: BlockError[] = [];
  let shimmed: string[] = [];

  before(() => {
    expect(optionsExample, "README.md has the options example (codes: { maxAttempts … })").to.not.equal(
      undefined,
    );
    ({ errors, shimmed } = typecheckBlocks([
      ...typescript,
      misspelt(optionsExample!, "maxAttempts", "maxAttemps"),
      misspelt(optionsExample!, "resetUrl:", "resetURL:"),
    ]));
  });

  it("finds the README and the docs pages, and blocks in them", () => {
    expect(files).to.include("README.md");
    expect(files.length).to.be.greaterThan(1);
    expect(typescript.length).to.be.greaterThan(10);
  });

  it("gives every block a language it checks, or a marker with the reason it is not checked", () => {
    const unknown = checked.filter((block) => LANGUAGES[block.lang] === undefined).map(where);
    expect(
      unknown,
      "blocks in a language the docs test cannot check, without <!-- unchecked: … -->",
    ).to.deep.equal([]);
  });

  it("names only preludes that exist", () => {
    const missing = blocks.flatMap((block) =>
      block.preludes
        .filter((prelude) => !existsSync(path.join(PRELUDES, `${prelude}.ts`)))
        .map((prelude) => `${where(block)}: prelude ${prelude}`),
    );
    expect(missing).to.deep.equal([]);
  });

  it("refuses a block whose option is misspelt (a copy of the README's options example)", () => {
    const copies = errors.filter((error) => error.where.includes("(copy with"));
    expect(copies.map((error) => error.message).join("\n")).to.match(/'maxAttemps' does not exist/);
    expect(copies.map((error) => error.message).join("\n")).to.match(/'resetURL' does not exist/);
  });

  describe("TypeScript and JavaScript blocks type-check against the package", () => {
    for (const block of typescript) {
      it(`${where(block)}${block.preludes.length ? ` with prelude ${block.preludes.join(", ")}` : ""}`, () => {
        const prefix = `${block.file}:`;
        const last = block.line + block.code.split("\n").length;
        const own = errors.filter((error) => {
          if (!error.where.startsWith(prefix)) return false;
          const line = Number(error.where.slice(prefix.length));
          return line >= block.line && line < last;
        });
        expect(own.map((error) => `${error.where} ${error.code} ${error.message}`)).to.deep.equal([]);
      });
    }

    it("leaves no compiler error outside the blocks", () => {
      expect(errors.filter((error) => error.where === "compiler options")).to.deep.equal([]);
    });

    it("checks against shims.ts only the packages this repository does not install (listed here)", function () {
      // Not a failure: the reader installs the package; the shim follows its documented API.
      this.test!.title += shimmed.length ? `: ${shimmed.join(", ")}` : ": none";
      for (const name of shimmed) {
        expect(
          typescript.some((block) => block.code.includes(`from "${name}"`)),
          `a block imports ${name}`,
        ).to.equal(true);
      }
    });
  });

  describe("JSON, HTTP, SQL and shell blocks", () => {
    for (const block of checked.filter((b) => !["typescript", undefined].includes(LANGUAGES[b.lang]))) {
      it(`${where(block)}`, () => {
        switch (LANGUAGES[block.lang]) {
          case "json":
            return expect(parseJson(block.code)).to.deep.equal([]);
          case "http":
            return expect(checkHttp(block.code)).to.deep.equal([]);
          case "shell":
            return expect(checkShellBlock(block.code)).to.deep.equal([]);
          case "sql": {
            const generate = block.sameAs === undefined ? undefined : GENERATED[block.sameAs];
            expect(generate, "an SQL block says which generated text it shows: <!-- same-as: … -->").to.be.a(
              "function",
            );
            return expect(block.code.trim()).to.equal(generate!().trim());
          }
        }
      });
    }
  });

  describe("blocks deliberately left unchecked, each with its reason", () => {
    for (const block of blocks.filter((b) => b.unchecked !== undefined)) {
      it(`${where(block)}: ${block.unchecked}`, () => {
        expect(block.unchecked!.length, "a reason a reader can follow").to.be.greaterThan(15);
      });
    }
  });
});
