// The docs tests read Markdown as GitHub renders it: fenced blocks with the markers above them,
// and nothing else taken for a marker.
import { expect } from "chai";
import { codeBlocks } from "./markdown.js";

describe("docs: reading code blocks and their markers", () => {
  it("reads each fence's language, first line and the markers right above it", () => {
    const text = [
      "Intro",
      "",
      "<!-- prelude: app, pg -->",
      "```ts",
      "users;",
      "```",
      "",
      "<!-- unchecked: a diagram, not code -->",
      "```",
      "a → b",
      "```",
      "<!-- same-as: postgres-schema -->",
      "~~~sql",
      "CREATE TABLE t ();",
      "~~~",
    ].join("\n");
    expect(codeBlocks("page.md", text)).to.deep.equal([
      { file: "page.md", line: 5, lang: "ts", code: "users;", preludes: ["app", "pg"] },
      { file: "page.md", line: 10, lang: "", code: "a → b", preludes: [], unchecked: "a diagram, not code" },
      {
        file: "page.md",
        line: 14,
        lang: "sql",
        code: "CREATE TABLE t ();",
        preludes: [],
        sameAs: "postgres-schema",
      },
    ]);
  });

  it("takes a marker only from the lines right above the fence", () => {
    const [block] = codeBlocks("page.md", "<!-- prelude: app -->\n\n```ts\nx;\n```\n");
    expect(block!.preludes).to.deep.equal([]);
  });

  it("refuses a marker it does not know, so a typo cannot switch a check off", () => {
    expect(() => codeBlocks("page.md", "<!-- uncheked: reason -->\n```ts\nx;\n```\n")).to.throw(
      "page.md:1: unknown marker",
    );
  });

  it("reads a block indented in a list, without its indentation", () => {
    const [block] = codeBlocks("page.md", "- item:\n\n  ```sh\n  npm test\n  ```\n");
    expect(block).to.include({ lang: "sh", code: "npm test", line: 4 });
  });
});
