// Type-checks the documentation's TypeScript and JavaScript blocks against the package's own source,
// in one TypeScript program, as an app would import it: `express-password-reset` and its subpaths
// resolve to lib/ (the `exports` of package.json, mapped from dist/ back to the source). A block
// is a module of its own; TypeScript blocks are ES modules (`.mts`: top-level `await`, `import`),
// JavaScript blocks that `require()` are CommonJS (`.cjs`, checked with `checkJs`). What a block
// uses without declaring comes from its preludes: test/docs/preludes/<name>.ts exports it, and the
// block is compiled with one `import { … }` line on top naming every export it does not declare.
import { readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import type { CodeBlock } from "./markdown.js";
import { ROOT, toPosix } from "./markdown.js";
import { SHIMS } from "./shims.js";

export const PRELUDES = path.join(ROOT, "test", "docs", "preludes");
/** Where the blocks pretend to live: inside the repository, so node_modules resolve as for the tests. */
const VIRTUAL_DIR = path.join(ROOT, "test", "docs", ".blocks");

/** A problem in a block, placed at its line in the Markdown file. */
export interface BlockError {
  /** `README.md:123`. */
  where: string;
  /** TypeScript's code, e.g. `TS2353`. */
  code: string;
  message: string;
}

/** The package's entry points as the compiler's `paths`: `express-password-reset/redis` → lib/redis.ts. */
function packagePaths(): Record<string, string[]> {
  const manifest = JSON.parse(readFileSync(path.join(ROOT, "package.json"), "utf8")) as {
    name: string;
    exports: Record<string, string | { require?: { default?: string } }>;
  };
  const paths: Record<string, string[]> = {};
  for (const [subpath, target] of Object.entries(manifest.exports)) {
    const built = typeof target === "string" ? target : target.require?.default;
    if (!built?.startsWith("./dist/cjs/")) continue;
    const source = built.replace("./dist/cjs/", "lib/").replace(/\.js$/, ".ts");
    paths[path.posix.join(manifest.name, subpath)] = [source];
  }
  return paths;
}

function compilerOptions(): ts.CompilerOptions {
  const file = path.join(ROOT, "tsconfig.json");
  const config = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  const { options } = ts.parseJsonConfigFileContent(config.config, ts.sys, ROOT, undefined, file);
  return {
    ...options,
    noEmit: true,
    allowJs: true,
    checkJs: true,
    types: ["node"],
    baseUrl: ROOT,
    paths: packagePaths(),
  };
}

/**
 * The names `source` declares at its top level, imports included (`exported`: only those it
 * exports). An interface and a value of one name count once.
 */
function topLevelNames(source: ts.SourceFile, exported: boolean): Set<string> {
  const names = new Set<string>();
  const addBinding = (name: ts.BindingName): void => {
    if (ts.isIdentifier(name)) names.add(name.text);
    else for (const element of name.elements) if (!ts.isOmittedExpression(element)) addBinding(element.name);
  };
  for (const statement of source.statements) {
    const modifiers = ts.canHaveModifiers(statement) ? ts.getModifiers(statement) : undefined;
    if (exported && !modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)) continue;
    if (ts.isImportDeclaration(statement) && statement.importClause) {
      const { name, namedBindings } = statement.importClause;
      if (name) names.add(name.text);
      if (namedBindings && ts.isNamespaceImport(namedBindings)) names.add(namedBindings.name.text);
      if (namedBindings && ts.isNamedImports(namedBindings)) {
        for (const element of namedBindings.elements) names.add(element.name.text);
      }
    } else if (ts.isVariableStatement(statement)) {
      for (const declaration of statement.declarationList.declarations) addBinding(declaration.name);
    } else if (
      (ts.isFunctionDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isEnumDeclaration(statement)) &&
      statement.name
    ) {
      names.add(statement.name.text);
    }
  }
  return names;
}

/** The names a block declares itself: those its preludes must not supply. */
function declaredNames(code: string): Set<string> {
  return topLevelNames(ts.createSourceFile("block.mts", code, ts.ScriptTarget.Latest, false), false);
}

/** The names a prelude exports. */
export function exportedNames(prelude: string): string[] {
  const file = path.join(PRELUDES, `${prelude}.ts`);
  return [
    ...topLevelNames(
      ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, false),
      true,
    ),
  ];
}

interface Unit {
  block: CodeBlock;
  fileName: string;
  text: string;
  /** Lines added above the block's first line. */
  header: number;
}

function unitOf(block: CodeBlock, index: number): Unit {
  const commonJs = block.lang === "js" && /\brequire\(/.test(block.code);
  const extension = block.lang === "js" ? (commonJs ? "cjs" : "mjs") : "mts";
  const fileName = path.join(
    VIRTUAL_DIR,
    `${block.file.replace(/[/.]/g, "_")}-${block.line}-${index}.${extension}`,
  );
  const declared = declaredNames(block.code);
  const imports = block.preludes.map((prelude) => {
    const names = exportedNames(prelude).filter((name) => !declared.has(name));
    const specifier = toPosix(path.relative(VIRTUAL_DIR, path.join(PRELUDES, `${prelude}.js`)));
    return commonJs
      ? `const { ${names.join(", ")} } = require(${JSON.stringify(specifier)});`
      : `import { ${names.join(", ")} } from ${JSON.stringify(specifier)};`;
  });
  // `export {}` makes a block without imports a module too, so blocks never share a scope.
  const footer = commonJs ? "" : "\nexport {};\n";
  return {
    block,
    fileName,
    text: `${imports.join("\n")}${imports.length ? "\n" : ""}${block.code}${footer}`,
    header: imports.length,
  };
}

/** What {@link typecheckBlocks} found. */
export interface TypecheckResult {
  errors: BlockError[];
  /** The packages declared by a shim (shims.ts) because they are not installed. */
  shimmed: string[];
}

/** Type-checks `blocks` (languages `ts` and `js`) and returns every error, placed in its Markdown file. */
export function typecheckBlocks(blocks: readonly CodeBlock[]): TypecheckResult {
  const units = new Map(
    blocks.map((block, index) => unitOf(block, index)).map((unit) => [unit.fileName, unit]),
  );
  const options = compilerOptions();
  const host = ts.createCompilerHost(options, true);
  const { getSourceFile, fileExists, readFile } = host;
  const files = new Map<string, string>([...units].map(([name, unit]) => [name, unit.text]));
  const importer = path.join(VIRTUAL_DIR, "importer.mts");
  const shimmed = Object.keys(SHIMS).filter(
    (name) => !ts.resolveModuleName(name, importer, options, host).resolvedModule,
  );
  for (const name of shimmed) files.set(path.join(VIRTUAL_DIR, `shim-${name}.d.ts`), SHIMS[name]!);
  host.fileExists = (name) => files.has(path.resolve(name)) || fileExists.call(host, name);
  host.readFile = (name) => files.get(path.resolve(name)) ?? readFile.call(host, name);
  host.getSourceFile = (name, languageVersion, onError, shouldCreate) => {
    const text = files.get(path.resolve(name));
    return text !== undefined
      ? ts.createSourceFile(name, text, languageVersion, true)
      : getSourceFile.call(host, name, languageVersion, onError, shouldCreate);
  };
  const program = ts.createProgram([...files.keys()], options, host);
  const errors: BlockError[] = ts.sortAndDeduplicateDiagnostics(program.getOptionsDiagnostics()).map((d) => ({
    where: "compiler options",
    code: `TS${d.code}`,
    message: ts.flattenDiagnosticMessageText(d.messageText, "\n"),
  }));
  for (const unit of units.values()) {
    const source = program.getSourceFile(unit.fileName)!;
    const diagnostics = [
      ...program.getSyntacticDiagnostics(source),
      ...program.getSemanticDiagnostics(source),
    ];
    for (const diagnostic of diagnostics) {
      const line = source.getLineAndCharacterOfPosition(diagnostic.start ?? 0).line - unit.header;
      errors.push({
        where: `${unit.block.file}:${unit.block.line + Math.max(0, line)}`,
        code: `TS${diagnostic.code}`,
        message: ts.flattenDiagnosticMessageText(diagnostic.messageText, "\n"),
      });
    }
  }
  return { errors, shimmed };
}
