/**
 * The shape every section hands back, and the table they are printed in: one row per figure with
 * its target, the ratio that decides it, and whether it was met.
 */

/** One figure of the table. */
export interface Row {
  /** Section number and name, e.g. `1 overhead`. */
  section: string;
  /** What was measured. */
  figure: string;
  /** The measured value, with its unit. */
  value: string;
  /** The target, or `-` for a figure that only informs. */
  target: string;
  /** The number the target is judged on (a ratio to a baseline or to the target), if any. */
  ratio: number | null;
  /** Whether the target was met; `null` for a figure without one. */
  met: boolean | null;
}

/** What a section returns: its rows, and the raw figures for the JSON file. */
export interface SectionResult {
  rows: Row[];
  data: Record<string, unknown>;
}

/** `value` with `digits` decimals. */
export function fixed(value: number, digits = 1): string {
  return Number.isFinite(value) ? value.toFixed(digits) : String(value);
}

/** A p-value: three significant digits, or `<1e-12`. */
export function pValue(p: number): string {
  return p < 1e-12 ? "<1e-12" : p.toPrecision(3);
}

/** Bytes as MiB. */
export function mib(bytes: number): string {
  return `${(bytes / 1048576).toFixed(1)} MiB`;
}

/** The table as aligned text. */
export function formatTable(rows: readonly Row[]): string {
  const header = ["section", "figure", "value", "target", "ratio", "met"];
  const cells = rows.map((row) => [
    row.section,
    row.figure,
    row.value,
    row.target,
    row.ratio === null ? "-" : row.ratio.toFixed(2),
    row.met === null ? "-" : row.met ? "yes" : "NO",
  ]);
  const widths = header.map((title, i) =>
    Math.max(title.length, ...cells.map((c) => (c[i] as string).length)),
  );
  const line = (values: string[]) =>
    values
      .map((v, i) => v.padEnd(widths[i] as number))
      .join("  ")
      .trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...cells.map(line)].join("\n");
}
