// Every link of README.md and docs/**/*.md leads somewhere: a relative link names a file or folder
// that exists, and an anchor (`#options`, `CHANGELOG.md#upgrading-to-10`) names a heading of the
// Markdown file it points into, as GitHub spells heading anchors.
import { expect } from "chai";
import { existsSync, statSync } from "node:fs";
import path from "node:path";
import { anchors, documentationFiles, headingSlug, links, read, ROOT, toPosix } from "./markdown.js";

describe("docs: every link of README.md and docs/ leads somewhere", () => {
  const files = documentationFiles();
  const all = files.flatMap((file) => links(file));
  const relative = all.filter((link) => !/^[a-z][a-z0-9+.-]*:/i.test(link.target));

  it("finds the links", () => {
    expect(relative.length).to.be.greaterThan(30);
  });

  it("links only to files and folders that exist", () => {
    const dead = relative
      .filter((link) => !link.target.startsWith("#"))
      .filter((link) => {
        const target = decodeURIComponent(link.target.replace(/[#?].*$/, ""));
        return !existsSync(path.join(ROOT, path.dirname(link.file), target));
      })
      .map((link) => `${link.file}:${link.line} → ${link.target}`);
    expect(dead).to.deep.equal([]);
  });

  it("links only to anchors that exist in the page they point into", () => {
    const broken = relative
      .filter((link) => link.target.includes("#"))
      .filter((link) => {
        const [target = "", anchor = ""] = link.target.split("#");
        const file =
          target === "" ? link.file : toPosix(path.join(path.dirname(link.file), decodeURIComponent(target)));
        if (
          !file.endsWith(".md") ||
          !existsSync(path.join(ROOT, file)) ||
          statSync(path.join(ROOT, file)).isDirectory()
        ) {
          return true; // an anchor into something that is not a Markdown page cannot be checked
        }
        return !anchors(read(file)).has(decodeURIComponent(anchor));
      })
      .map((link) => `${link.file}:${link.line} → ${link.target}`);
    expect(broken).to.deep.equal([]);
  });

  it("spells anchors as GitHub does", () => {
    expect(headingSlug("Scaling: several instances and their stores")).to.equal(
      "scaling-several-instances-and-their-stores",
    );
    expect(headingSlug("Upgrading to 1.0")).to.equal("upgrading-to-10");
    expect(headingSlug("What `parseRequest` and `formatResponse` may and may not change")).to.equal(
      "what-parserequest-and-formatresponse-may-and-may-not-change",
    );
    expect([...anchors("# A\n## A\n```\n# not a heading\n```\n")]).to.deep.equal(["a", "a-1"]);
  });

  it("has a table of contents in the README whose entries are its own headings", () => {
    const readme = read("README.md");
    const contents = readme.slice(
      readme.indexOf("## Contents"),
      readme.indexOf("\n## ", readme.indexOf("## Contents") + 1),
    );
    const entries = [...contents.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
    const sections = [...readme.matchAll(/^## (.+)$/gm)]
      .map((m) => headingSlug(m[1]!))
      .filter((s) => s !== "contents");
    expect(entries.length, "entries in ## Contents").to.be.greaterThan(5);
    // Every top-level section is listed, in the order the README has them.
    expect(entries.filter((entry) => sections.includes(entry))).to.deep.equal(
      sections.filter((section) => section !== "license"),
    );
  });
});
