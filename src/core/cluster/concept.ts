import type { Hierarchy } from "../features/hierarchy.ts";

/** A hierarchy node that names a group, with the share of members it covers. */
export interface Concept {
  name: string;
  wnid: string;
  coverage: number;
}

/** A member counts as covered by a node when at least this much of its probability lies under it. */
export const COVER_MASS = 0.5;
/** A concept must cover more than this share of the members ("most members"). */
export const MIN_COVERAGE = 0.5;

/**
 * The most specific node (fewest classes under it) that covers most members, from the
 * square-rooted masses of `hierarchyMass`. A group of phones, laptops and cameras is named
 * "equipment"-like rather than after whichever gadget is most frequent; a group of one
 * class keeps that class's name. Ties: higher coverage, then lower node index.
 */
export function conceptOf(members: readonly number[], mass: Float32Array, h: Hierarchy): Concept | null {
  if (members.length === 0) return null;
  const threshold = Math.sqrt(COVER_MASS);
  const covered = new Int32Array(h.nodes);
  for (const i of members) {
    const row = i * h.nodes;
    for (let v = 0; v < h.nodes; v++) if (mass[row + v]! >= threshold) covered[v]!++;
  }
  let best = -1;
  for (let v = 0; v < h.nodes; v++) {
    if (covered[v]! <= MIN_COVERAGE * members.length) continue;
    if (
      best < 0 ||
      h.leafCount[v]! < h.leafCount[best]! ||
      (h.leafCount[v] === h.leafCount[best] && covered[v]! > covered[best]!)
    ) {
      best = v;
    }
  }
  if (best < 0) return null;
  return { name: h.names[best]!, wnid: h.wnids[best]!, coverage: covered[best]! / members.length };
}
