/** A class label and its mean probability over a cluster's members. */
export interface WeightedLabel {
  label: string;
  weight: number;
}

/** How many labels a cluster summary carries. */
export const TOP_LABELS = 3;

/**
 * Names a cluster by averaging the members' softmax outputs rather than voting on each
 * member's top-1: averaging keeps the evidence of images whose best guess is wrong but
 * whose second guess agrees with the rest. Ties go to the lower class index so names
 * are deterministic. Weights are the mean probabilities, not renormalised.
 */
export function topLabels(
  members: readonly number[],
  probabilities: Float32Array,
  labels: readonly string[],
  top = TOP_LABELS,
): WeightedLabel[] {
  const classes = labels.length;
  const mean = new Float64Array(classes);
  for (const i of members) {
    const offset = i * classes;
    for (let c = 0; c < classes; c++) mean[c]! += probabilities[offset + c]!;
  }
  const count = Math.max(1, members.length);
  const order = Array.from({ length: classes }, (_, c) => c);
  order.sort((a, b) => mean[b]! - mean[a]! || a - b);
  return order.slice(0, Math.min(top, classes)).map((c) => ({ label: labels[c]!, weight: mean[c]! / count }));
}
