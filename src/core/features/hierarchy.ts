import data from "../../../models/imagenet-hierarchy.json" with { type: "json" };

/** The committed data file's shape (written by scripts/imagenet-hierarchy.ts). */
export interface HierarchyData {
  classes: number;
  wnids: readonly string[];
  names: readonly string[];
  parents: readonly (readonly number[])[];
}

/**
 * A class hierarchy ready for per-request use: nodes 0..classes-1 are the model's classes,
 * the rest their ancestors. `ancestors[c]` lists every node above class c and c itself,
 * so "how much of an image's probability falls under node v" is one pass over its classes.
 */
export interface Hierarchy {
  classes: number;
  nodes: number;
  names: readonly string[];
  wnids: readonly string[];
  ancestors: Int32Array[];
  /** How many classes lie under each node: the smaller, the more specific. */
  leafCount: Int32Array;
}

/** Closes the parent lists upwards once, so later steps never walk the graph. */
export function buildHierarchy(source: HierarchyData): Hierarchy {
  const nodes = source.parents.length;
  const ancestors: Int32Array[] = [];
  const leafCount = new Int32Array(nodes);
  for (let c = 0; c < source.classes; c++) {
    const seen = new Set<number>([c]);
    const stack = [c];
    while (stack.length) {
      for (const p of source.parents[stack.pop()!] ?? []) {
        if (!seen.has(p)) {
          seen.add(p);
          stack.push(p);
        }
      }
    }
    const list = Int32Array.from(seen).sort();
    for (const v of list) leafCount[v]!++;
    ancestors.push(list);
  }
  return { classes: source.classes, nodes, names: source.names, wnids: source.wnids, ancestors, leafCount };
}

/** WordNet 3.0 hypernyms of the 1000 ImageNet classes, in the model's output order. */
export const IMAGENET_HIERARCHY: Hierarchy = buildHierarchy(data);

/** Probabilities below this are skipped: they cannot move a node's mass visibly. */
const MIN_PROBABILITY = 1e-5;

/**
 * Per image, the probability mass under every node, square-rooted (the Hellinger map, so
 * a few confident classes do not drown the rest). Two images whose top guesses differ but
 * share a parent ("iPod", "laptop": both devices) get close rows, which is what lets
 * clustering follow meaning rather than appearance. Returns n x nodes, row-major.
 */
export function hierarchyMass(probabilities: Float32Array, n: number, h: Hierarchy): Float32Array {
  const out = new Float32Array(n * h.nodes);
  const mass = new Float64Array(h.nodes);
  for (let i = 0; i < n; i++) {
    mass.fill(0);
    for (let c = 0; c < h.classes; c++) {
      const p = probabilities[i * h.classes + c]!;
      if (p < MIN_PROBABILITY) continue;
      for (const v of h.ancestors[c]!) mass[v]! += p;
    }
    for (let v = 0; v < h.nodes; v++) out[i * h.nodes + v] = Math.sqrt(Math.min(1, mass[v]!));
  }
  return out;
}

/**
 * The ancestor columns of `hierarchyMass` rows (nodes from `h.classes` on), as their own
 * n x (nodes - classes) matrix. The class columns repeat what the embedding already says;
 * without them the meaning Gram costs half (measured 23 -> 11 ms at n = 200).
 */
export function ancestorColumns(mass: Float32Array, n: number, h: Hierarchy): Float32Array {
  const width = h.nodes - h.classes;
  const out = new Float32Array(n * width);
  for (let i = 0; i < n; i++) out.set(mass.subarray(i * h.nodes + h.classes, (i + 1) * h.nodes), i * width);
  return out;
}
