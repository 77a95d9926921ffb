// The import graph of a set of TypeScript sources, and the circles in it. Built with the
// TypeScript compiler's own pre-processor, which lists every module a file names: `import`,
// `import type`, `export … from`, `export type * from`, `import("…")` and `require("…")` alike, so
// a circle made only of type imports counts too (neither file can be read without the other).
import path from "node:path";
import ts from "typescript";

/** Imported files by importing file, both as keys of the sources given. */
export type ImportGraph = Map<string, string[]>;

// What a specifier's extension stands for in the source tree (`./x.js` is `./x.ts` on disk).
const SOURCE_EXTENSIONS: Record<string, string[]> = {
  ".js": [".ts", ".tsx", ".js"],
  ".mjs": [".mts", ".mjs"],
  ".cjs": [".cts", ".cjs"],
  "": [".ts", ".tsx", "/index.ts"],
};
const PARSED = /\.(?:ts|tsx|mts|cts)$/;

/**
 * The graph of relative imports between `sources` (posix paths → text). Bare specifiers (packages,
 * `node:`) are left out; a relative one that names no source is listed in `unresolved`, so the
 * graph is never silently incomplete. Files that are not TypeScript (a `.cjs` worker, JSON) are
 * nodes without edges.
 */
export function importGraph(sources: ReadonlyMap<string, string>): {
  graph: ImportGraph;
  unresolved: string[];
} {
  const graph: ImportGraph = new Map();
  const unresolved: string[] = [];
  for (const [file, text] of sources) {
    const targets = new Set<string>();
    if (PARSED.test(file)) {
      for (const { fileName: specifier } of ts.preProcessFile(text, true, true).importedFiles) {
        if (!specifier.startsWith("./") && !specifier.startsWith("../")) continue;
        const target = resolve(file, specifier, sources);
        if (target === undefined) unresolved.push(`${file}: ${specifier}`);
        else targets.add(target);
      }
    }
    graph.set(file, [...targets].sort());
  }
  return { graph, unresolved };
}

function resolve(from: string, specifier: string, sources: ReadonlyMap<string, string>): string | undefined {
  const joined = path.posix.join(path.posix.dirname(from), specifier);
  if (sources.has(joined) && !/\.(?:js|mjs|cjs)$/.test(joined)) return joined;
  const extension = /\.(?:js|mjs|cjs)$/.exec(joined)?.[0] ?? "";
  const stem = joined.slice(0, joined.length - extension.length);
  return (SOURCE_EXTENSIONS[extension] ?? [])
    .map((candidate) => stem + candidate)
    .find((candidate) => sources.has(candidate));
}

/**
 * Every elementary circle of `graph`, each written `a → b → … → a` from its first file in sorted
 * order, so the same circle is always spelled the same way; at most `limit` of them.
 */
export function findCycles(graph: ImportGraph, limit = 100): string[] {
  const cycles: string[] = [];
  for (const component of stronglyConnected(graph)) {
    const members = [...component].sort();
    const rank = new Map(members.map((file, i) => [file, i]));
    for (const start of members) {
      const trail = [start];
      const visit = (file: string): void => {
        for (const next of graph.get(file) ?? []) {
          if (cycles.length >= limit) return;
          if (next === start) cycles.push([...trail, start].join(" → "));
          else if ((rank.get(next) ?? -1) > rank.get(start)! && !trail.includes(next)) {
            trail.push(next);
            visit(next);
            trail.pop();
          }
        }
      };
      visit(start);
    }
  }
  return cycles;
}

// Tarjan's strongly connected components, keeping those that hold a circle (two or more files,
// or one file that imports itself). Only files inside one component can lie on a circle together,
// which keeps the circle search above away from the (acyclic, but path-rich) rest of the graph.
function stronglyConnected(graph: ImportGraph): Set<string>[] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: Set<string>[] = [];
  const connect = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file)!);
    stack.push(file);
    onStack.add(file);
    for (const next of graph.get(file) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(file, Math.min(low.get(file)!, low.get(next)!));
      } else if (onStack.has(next)) {
        low.set(file, Math.min(low.get(file)!, index.get(next)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component = new Set<string>();
    let member: string;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.add(member);
    } while (member !== file);
    if (component.size > 1 || graph.get(file)?.includes(file)) components.push(component);
  };
  for (const file of [...graph.keys()].sort()) if (!index.has(file)) connect(file);
  return components;
}
