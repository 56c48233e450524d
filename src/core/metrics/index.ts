/**
 * External clustering-quality scores against known classes, for the eval script and
 * tests: label-permutation-invariant, inputs as arrays of ints or strings.
 */
import { contingency, type Label } from "./contingency.ts";
import { hungarian } from "./hungarian.ts";

export { contingency, type Contingency, type Label } from "./contingency.ts";
export { hungarian } from "./hungarian.ts";

function entropy(counts: Float64Array, n: number): number {
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / n) * Math.log(c / n);
  return h;
}

/**
 * Normalised mutual information with arithmetic-mean normalisation,
 * MI / ((H(true) + H(pred)) / 2): the sklearn default, so numbers compare with papers
 * and notebooks. Permutation-invariant; 1 when both labelings are a single class
 * (sklearn's convention), 0 when only one of them is.
 */
export function nmi(labelsTrue: readonly Label[], labelsPred: readonly Label[]): number {
  const t = contingency(labelsTrue, labelsPred);
  if (t.n === 0 || (t.rows === 1 && t.cols === 1)) return 1;
  let mi = 0;
  for (let r = 0; r < t.rows; r++) {
    for (let c = 0; c < t.cols; c++) {
      const nij = t.table[r * t.cols + c]!;
      if (nij > 0) mi += (nij / t.n) * Math.log((t.n * nij) / (t.rowSums[r]! * t.colSums[c]!));
    }
  }
  const denom = (entropy(t.rowSums, t.n) + entropy(t.colSums, t.n)) / 2;
  return denom > 0 ? Math.max(0, mi) / denom : 0;
}

/**
 * Adjusted Rand index (Hubert & Arabie), pair-counting agreement corrected for chance:
 * ~0 for random labelings, 1 for identical partitions up to renaming, can be negative.
 * Computed from the pair confusion matrix like sklearn, including its 1.0 for the
 * degenerate cases (e.g. both labelings all-singletons or all-one-class).
 */
export function ari(labelsTrue: readonly Label[], labelsPred: readonly Label[]): number {
  const t = contingency(labelsTrue, labelsPred);
  const pairs = (x: number): number => (x * (x - 1)) / 2;
  let sameBoth = 0;
  for (const nij of t.table) sameBoth += pairs(nij);
  let sameTrue = 0;
  for (const a of t.rowSums) sameTrue += pairs(a);
  let samePred = 0;
  for (const b of t.colSums) samePred += pairs(b);
  const tp = sameBoth;
  const fp = samePred - sameBoth;
  const fn = sameTrue - sameBoth;
  const tn = pairs(t.n) - tp - fp - fn;
  if (fp === 0 && fn === 0) return 1;
  return (2 * (tp * tn - fn * fp)) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
}

/**
 * Clustering accuracy: the fraction of items correct under the best one-to-one mapping
 * of predicted clusters to true classes (Hungarian on the contingency table). Extra
 * clusters or classes stay unmatched and count as errors. 1 for an empty input.
 */
export function clusterAccuracy(labelsTrue: readonly Label[], labelsPred: readonly Label[]): number {
  const t = contingency(labelsTrue, labelsPred);
  if (t.n === 0) return 1;
  const cost = Array.from({ length: t.rows }, (_, r) =>
    Array.from({ length: t.cols }, (_, c) => -t.table[r * t.cols + c]!),
  );
  const match = hungarian(cost);
  let correct = 0;
  match.forEach((c, r) => {
    if (c >= 0) correct += t.table[r * t.cols + c]!;
  });
  return correct / t.n;
}
