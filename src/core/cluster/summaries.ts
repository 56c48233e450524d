import type { Partition } from "./auto-k.ts";
import { topLabels, type WeightedLabel } from "./naming.ts";
import { cosineToMean, sqDistToMean } from "./stats.ts";

/** One cluster as the API reports it, members as indices into the input. */
export interface Summary {
  members: number[];
  size: number;
  representative: number;
  cohesion: number;
  name: string;
  labels: WeightedLabel[];
}

/**
 * Turns a partition into summaries ordered biggest first (ties: smallest member index),
 * members nearest the centroid first (ties: smaller index), so the output is stable and
 * `members[0]` is a fair thumbnail for the group. Returns the old-to-new cluster map too.
 */
export function summarise(
  gram: Float64Array,
  n: number,
  part: Partition,
  probabilities: Float32Array,
  labels: readonly string[],
): { summaries: Summary[]; order: number[] } {
  const { k, assignments, stats } = part;
  const groups: number[][] = Array.from({ length: k }, () => []);
  for (let i = 0; i < n; i++) groups[assignments[i]!]!.push(i);
  const order = groups
    .map((members, c) => ({ c, size: members.length, first: members[0] ?? n }))
    .filter((g) => g.size > 0)
    .sort((a, b) => b.size - a.size || a.first - b.first)
    .map((g) => g.c);
  const summaries = order.map((c) => {
    const dist = new Map<number, number>();
    let cosSum = 0;
    for (const i of groups[c]!) {
      dist.set(i, sqDistToMean(gram, n, k, stats, i, c));
      cosSum += cosineToMean(gram, n, k, stats, i, c);
    }
    const members = [...groups[c]!].sort((a, b) => dist.get(a)! - dist.get(b)! || a - b);
    const top = topLabels(members, probabilities, labels);
    return {
      members,
      size: members.length,
      representative: members[0]!,
      cohesion: cosSum / members.length,
      name: top[0]?.label ?? "",
      labels: top,
    };
  });
  return { summaries, order };
}
