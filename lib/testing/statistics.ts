/**
 * The Wilcoxon signed-rank test, used by {@link checkEnumeration} and by the benchmarks: short
 * enough to read and check by hand, so no statistics package is needed.
 */

/** The result of {@link wilcoxonSignedRank}. */
export interface WilcoxonResult {
  /** Pairs with a non-zero difference (zeros carry no sign and are dropped). */
  n: number;
  /** Sum of the ranks of the positive differences. */
  wPlus: number;
  /** Standard normal statistic, continuity-corrected. */
  z: number;
  /** Two-sided p-value from the normal approximation (sound for n above ~20). */
  p: number;
}

/**
 * Wilcoxon signed-rank test of "the paired differences are centred on zero": rank |d|, tied
 * values sharing their mean rank, sum the ranks of the positive ones, and compare that sum with
 * its null mean n(n+1)/4 and variance n(n+1)(2n+1)/24 less the tie correction Σ(t³−t)/48.
 */
export function wilcoxonSignedRank(differences: readonly number[]): WilcoxonResult {
  const nonZero = differences.filter((d) => d !== 0).sort((a, b) => Math.abs(a) - Math.abs(b));
  const n = nonZero.length;
  let wPlus = 0;
  let ties = 0;
  for (let i = 0; i < n;) {
    let j = i;
    while (j + 1 < n && Math.abs(nonZero[j + 1] as number) === Math.abs(nonZero[i] as number)) j++;
    const rank = (i + j) / 2 + 1;
    for (let k = i; k <= j; k++) if ((nonZero[k] as number) > 0) wPlus += rank;
    const t = j - i + 1;
    ties += t * t * t - t;
    i = j + 1;
  }
  const mean = (n * (n + 1)) / 4;
  const variance = (n * (n + 1) * (2 * n + 1)) / 24 - ties / 48;
  if (n === 0 || variance <= 0) return { n, wPlus, z: 0, p: 1 };
  const deviation = Math.max(0, Math.abs(wPlus - mean) - 0.5);
  const z = (Math.sign(wPlus - mean) * deviation) / Math.sqrt(variance);
  return { n, wPlus, z, p: Math.min(1, erfc(Math.abs(z) / Math.SQRT2)) };
}

/**
 * Complementary error function, Numerical Recipes' `erfcc` (Chebyshev fit, relative error below
 * 1.2e-7 everywhere), so tiny p-values stay accurate rather than rounding to 0.
 */
export function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const poly =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t *
                      (0.27886807 +
                        t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * Math.exp(poly);
  return x >= 0 ? value : 2 - value;
}
