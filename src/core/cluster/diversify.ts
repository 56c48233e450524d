/**
 * An ordering of all images that shows the spread of the collection early: a gallery
 * or a "pick 10" that walks it covers every cluster before repeating one, and does not
 * waste slots on near-identical shots.
 *
 * `clusters` are member lists, biggest cluster first, most central member first.
 * A member's rank is (position within its cluster, cluster position): the order a plain
 * round robin would visit it. In each duplicate group only the best-ranked member takes
 * part in the round robin; the others are appended at the end in rank order.
 */
export function diversify(
  clusters: readonly (readonly number[])[],
  duplicates: readonly (readonly number[])[],
): number[] {
  const rank = new Map<number, [number, number]>();
  clusters.forEach((members, c) => members.forEach((idx, pos) => rank.set(idx, [pos, c])));
  const compare = (a: number, b: number): number => {
    const ra = rank.get(a);
    const rb = rank.get(b);
    if (!ra || !rb) return (ra ? -1 : rb ? 1 : 0) || a - b;
    return ra[0] - rb[0] || ra[1] - rb[1];
  };
  const collapsed = new Set<number>();
  for (const group of duplicates) {
    const [, ...rest] = [...group].sort(compare);
    for (const idx of rest) collapsed.add(idx);
  }
  const queues = clusters.map((members) => members.filter((idx) => !collapsed.has(idx)));
  const out: number[] = [];
  for (let round = 0; queues.some((q) => round < q.length); round++) {
    for (const q of queues) if (round < q.length) out.push(q[round]!);
  }
  out.push(...[...collapsed].sort(compare));
  return out;
}
