// Reading the documentation as the docs tests need it: the Markdown files, their fenced code blocks
// with the HTML comments that say how a block is checked, their headings' anchors and their links.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

export const ROOT = path.resolve(__dirname, "../..");

/** README.md and every page under docs/ (TypeDoc's generated docs/api/ excepted), repository-relative. */
export function documentationFiles(): string[] {
  const pages = readdirSync(path.join(ROOT, "docs"), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".md"))
    .map((entry) => toPosix(path.relative(ROOT, path.join(entry.parentPath, entry.name))))
    .filter((file) => !file.startsWith("docs/api/"))
    .sort();
  return ["README.md", ...pages];
}

/** A fenced code block and the markers written on the lines right above its fence. */
export interface CodeBlock {
  /** Repository-relative Markdown file. */
  file: string;
  /** 1-based line of the first line of code (the line after the opening fence). */
  line: number;
  /** The fence's language, lower-cased; `""` when it has none. */
  lang: string;
  code: string;
  /** `<!-- prelude: a, b -->`: files under test/docs/preludes/ declaring what the block uses. */
  preludes: string[];
  /** `<!-- unchecked: reason -->`: the block is deliberately not checked, and why. */
  unchecked?: string;
  /** `<!-- same-as: name -->`: the block must equal a text the docs test generates from the package. */
  sameAs?: string;
}

const MARKER = /^<!--\s*(prelude|unchecked|same-as):\s*(.*?)\s*-->$/;

/** Every fenced code block of `file` with its markers; a marker it does not know is an error. */
export function codeBlocks(file: string, text = read(file)): CodeBlock[] {
  const lines = text.split("\n");
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)(`{3,}|~{3,})\s*([\w+-]*)/.exec(lines[i]!);
    if (!open) continue;
    const [, indent, fence, lang] = open as unknown as [string, string, string, string];
    const start = i + 1;
    let end = start;
    while (end < lines.length && !lines[end]!.trim().startsWith(fence)) end++;
    const code = lines
      .slice(start, end)
      .map((line) => (line.startsWith(indent) ? line.slice(indent.length) : line.trimStart()))
      .join("\n");
    const block: CodeBlock = { file, line: start + 1, lang: lang.toLowerCase(), code, preludes: [] };
    for (let m = i - 1; m >= 0 && lines[m]!.trim().startsWith("<!--"); m--) {
      const marker = MARKER.exec(lines[m]!.trim());
      if (!marker) throw new Error(`${file}:${m + 1}: unknown marker ${lines[m]!.trim()}`);
      const [, kind, value] = marker as unknown as [string, string, string];
      if (kind === "prelude") block.preludes.push(...value.split(",").map((name) => name.trim()));
      else if (kind === "unchecked") block.unchecked = value;
      else block.sameAs = value;
    }
    blocks.push(block);
    i = end;
  }
  return blocks;
}

/** The anchors GitHub gives the headings of `text` (duplicates numbered `-1`, `-2` …). */
export function anchors(text: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let inFence = false;
  for (const line of text.split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const heading = !inFence && /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (!heading) continue;
    const slug = headingSlug(heading[1]!);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    result.add(count === 0 ? slug : `${slug}-${count}`);
  }
  for (const [, id] of text.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) result.add(id!);
  return result;
}

/** GitHub's anchor for a heading: its rendered text, lower-cased, punctuation dropped, spaces as `-`. */
export function headingSlug(heading: string): string {
  const rendered = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1") // links and images: their text
    .replace(/[`*]/g, "") // code spans and emphasis: their content
    .replace(/<[^>]+>/g, ""); // inline HTML
  return rendered
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, "")
    .replace(/ /g, "-");
}

/** A link written in `file`: its target as written and the line it is on. */
export interface Link {
  file: string;
  line: number;
  target: string;
}

/** Every inline link and image of `text` outside code (fenced blocks and code spans). */
export function links(file: string, text = read(file)): Link[] {
  const found: Link[] = [];
  let inFence = false;
  text.split("\n").forEach((line, index) => {
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    if (inFence) return;
    const prose = line.replace(/`[^`]*`/g, "");
    for (const [, target] of prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      found.push({ file, line: index + 1, target: target! });
    }
  });
  return found;
}

export function read(file: string): string {
  return readFileSync(path.join(ROOT, file), "utf8");
}

export function toPosix(file: string): string {
  return file.split(path.sep).join("/");
}
