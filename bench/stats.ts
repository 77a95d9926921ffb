/**
 * The little statistics the benchmarks need: quantiles here, and the Wilcoxon signed-rank test
 * shared with `checkEnumeration`.
 */

/** The `q` quantile (0..1) of `values`, linear between the two nearest ranks. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const low = sorted[below] as number;
  const high = sorted[Math.min(below + 1, sorted.length - 1)] as number;
  return low + (high - low) * (position - below);
}

/** The median of `values`. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export { erfc, wilcoxonSignedRank, type WilcoxonResult } from "../lib/testing/statistics.js";
