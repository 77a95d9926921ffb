// The structure a newcomer can rely on without opening every file (STYLE.md, "helmet's size" and
// "the map is checked"): no import circle in lib/, type imports included; no lib file over 400
// lines but the public types; and an ARCHITECTURE.md whose paths and links all exist.
import { expect } from "chai";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { findCycles, importGraph } from "./import-graph.js";

const ROOT = path.resolve(__dirname, "../..");
const MAX_LINES = 400;

// The public types may stay one file (or be split per option group): a reader looks an option
// up there rather than reading it top to bottom.
const PUBLIC_TYPES_FILES = new Set(["lib/types.ts"]);

/** Every file below `dir` (repository-relative, posix separators) with its text. */
function readTree(dir: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const entry of readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const file = path.relative(ROOT, path.join(entry.parentPath, entry.name)).split(path.sep).join("/");
    files.set(file, readFileSync(path.join(ROOT, file), "utf8"));
  }
  return files;
}

function lineCount(text: string): number {
  return text.split("\n").length - (text.endsWith("\n") ? 1 : 0);
}

describe("structure", () => {
  const lib = readTree("lib");

  describe("the import graph", () => {
    it("resolves every relative import in lib/ to a file there", () => {
      expect(importGraph(lib).unresolved).to.deep.equal([]);
    });

    it("has no circle in lib/, type imports counted", () => {
      const cycles = findCycles(importGraph(lib).graph).map((cycle) => `import circle: ${cycle}`);
      expect(cycles).to.deep.equal([]);
    });

    it("finds a circle made of type imports alone, and one through `export … from`", () => {
      const { graph } = importGraph(
        new Map([
          ["lib/a.ts", 'import type { B } from "./b.js";\nexport type A = B[];'],
          ["lib/b.ts", 'export type * from "./c/index.js";\nexport type B = string;'],
          ["lib/c/index.ts", 'import type { A } from "../a.js";\nexport type C = A;'],
          ["lib/d.ts", 'import { a } from "./a.js"; import express from "express";'],
          ["lib/e.ts", 'export { e } from "./e";'],
        ]),
      );
      expect(findCycles(graph)).to.deep.equal([
        "lib/a.ts → lib/b.ts → lib/c/index.ts → lib/a.ts",
        "lib/e.ts → lib/e.ts",
      ]);
    });
  });

  it(`keeps every lib file but the public types within ${MAX_LINES} lines`, () => {
    const long = [...lib]
      .filter(([file, text]) => !PUBLIC_TYPES_FILES.has(file) && lineCount(text) > MAX_LINES)
      .map(([file, text]) => `${file}: ${lineCount(text)} lines`);
    expect(long).to.deep.equal([]);
  });

  it("has a public types file for each exemption it grants", () => {
    expect([...PUBLIC_TYPES_FILES].filter((file) => !lib.has(file))).to.deep.equal([]);
  });

  describe("ARCHITECTURE.md", () => {
    const text = readFileSync(path.join(ROOT, "ARCHITECTURE.md"), "utf8");

    it("names only paths that exist", () => {
      const named = [...text.matchAll(/`((?:lib|test|examples|bench)\/[^`\s():#]*)/g)].map((m) => m[1]!);
      expect(named.length, "paths named in backticks").to.be.greaterThan(0);
      expect(named.filter((name) => !existsSync(path.join(ROOT, name)))).to.deep.equal([]);
    });

    it("links only to files that exist", () => {
      const targets = [...text.matchAll(/\]\(([^)\s]+)\)/g)]
        .map((m) => m[1]!)
        .filter((target) => !/^(?:[a-z]+:|#)/i.test(target))
        .map((target) => decodeURIComponent(target.replace(/[#?].*$/, "")));
      expect(targets.filter((target) => !existsSync(path.join(ROOT, target)))).to.deep.equal([]);
    });
  });
});
