// The README's options table is the reference the contract points to: it must list every 1.0
// option of the public types (lib/types/, and `PagesOptions` for `pages.*`) and nothing else —
// no option the types lack, no 0.2 spelling (those are in CHANGELOG.md). The options are read from
// the types with the TypeScript compiler, so a new option without a row fails here.
import { expect } from "chai";
import path from "node:path";
import ts from "typescript";
import { read, ROOT } from "./markdown.js";

/** The non-deprecated properties of an object type. */
function currentProperties(checker: ts.TypeChecker, type: ts.Type): ts.Symbol[] {
  return type
    .getProperties()
    .filter((property) => !property.getJsDocTags(checker).some((tag) => tag.name === "deprecated"));
}

/** The object types a group's property may hold (`RateLimitOptions | false` → `RateLimitOptions`). */
function groupType(checker: ts.TypeChecker, property: ts.Symbol, at: ts.Node): ts.Type | undefined {
  const type = checker.getNonNullableType(checker.getTypeOfSymbolAtLocation(property, at));
  const parts = type.isUnion() ? type.types : [type];
  return parts.find((part) => {
    if (
      !(part.flags & ts.TypeFlags.Object) ||
      part.getCallSignatures().length > 0 ||
      checker.isArrayType(part)
    ) {
      return false;
    }
    // The adapters (users, mailer, sms, tokenStore) are objects too, but not option groups.
    const declaration = part.getSymbol()?.declarations?.[0];
    return declaration !== undefined && !declaration.getSourceFile().fileName.endsWith("types/adapters.ts");
  });
}

/** Every 1.0 option path: the top-level keys that are not groups, and `group.key` for each group. */
function optionPaths(): string[] {
  const file = path.join(ROOT, "lib", "types", "options.ts");
  const program = ts.createProgram([file], { strict: true, noEmit: true, skipLibCheck: true });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file)!;
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration =>
      ts.isInterfaceDeclaration(statement) && statement.name.text === "PasswordResetOptions",
  )!;
  const options = checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(declaration.name)!);
  return currentProperties(checker, options).flatMap((property) => {
    const group = groupType(checker, property, declaration);
    if (!group) return [property.name];
    return currentProperties(checker, group).map((key) => `${property.name}.${key.name}`);
  });
}

/** The option names the README's tables list: the first cell of each row, when it is `a.b` in backticks. */
function tableRows(section: string): string[] {
  return [...section.matchAll(/^\| `([a-zA-Z][a-zA-Z0-9]*(?:\.[a-zA-Z][a-zA-Z0-9]*)?)` \|/gm)].map(
    (m) => m[1]!,
  );
}

function readmeSection(readme: string, heading: string): string {
  const start = readme.indexOf(`\n## ${heading}\n`);
  expect(start, `README.md has ## ${heading}`).to.be.greaterThan(-1);
  const end = readme.indexOf("\n## ", start + 1);
  return readme.slice(start, end === -1 ? undefined : end);
}

describe("docs: the README's options table matches the public types", function () {
  this.timeout(60_000);
  const readme = read("README.md");
  const listed = [
    ...tableRows(readmeSection(readme, "Options")),
    ...tableRows(readmeSection(readme, "Hosted pages")),
  ];
  let expected: string[] = [];

  before(() => {
    expected = optionPaths();
  });

  it("reads the options from the types: the adapters, core values and every group's keys", () => {
    expect(expected).to.include.members([
      "users",
      "resetUrl",
      "codes.maxAttempts",
      "http.paths",
      "pages.renderPage",
    ]);
    expect(expected).to.not.include("maxCodeAttempts"); // a 0.2 spelling
    expect(expected).to.not.include("pages.render"); // deprecated inside a group
  });

  it("lists every option", () => {
    expect(expected.filter((option) => !listed.includes(option))).to.deep.equal([]);
  });

  it("lists nothing that is not a 1.0 option, and each option once", () => {
    expect(listed.filter((option) => !expected.includes(option))).to.deep.equal([]);
    expect(listed.filter((option, index) => listed.indexOf(option) !== index)).to.deep.equal([]);
  });
});
