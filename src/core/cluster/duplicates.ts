/** Near-duplicate cut-off on the raw (uncentred) cosine; see `findDuplicates`. */
export const DEFAULT_DUPLICATE_THRESHOLD = 0.9;

/**
 * Groups near-identical images (re-encodes, resizes, burst shots) so the diversified
 * order can show one of each. Uses cosine on the L2-normalised but NOT centred
 * embeddings: centring depends on the batch, and "is this the same picture" should not.
 * Pairs with cosine >= threshold are joined transitively (union-find), so a chain of
 * near-identical frames forms one group. Zero rows only match other zero rows.
 * Returns groups of size >= 2, each sorted ascending, ordered by their first index.
 */
export function findDuplicates(raw: Float64Array, n: number, threshold = DEFAULT_DUPLICATE_THRESHOLD): number[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    let root = x;
    while (parent[root] !== root) root = parent[root]!;
    while (parent[x] !== root) {
      const next = parent[x]!;
      parent[x] = root;
      x = next;
    }
    return root;
  };
  const norms = new Float64Array(n);
  for (let i = 0; i < n; i++) norms[i] = Math.sqrt(Math.max(0, raw[i * n + i]!));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const denom = norms[i]! * norms[j]!;
      const cos = denom > 0 ? raw[i * n + j]! / denom : norms[i] === norms[j] ? 1 : 0;
      if (cos < threshold) continue;
      const a = find(i);
      const b = find(j);
      if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
    }
  }
  const groups = new Map<number, number[]>();
  for (let i = 0; i < n; i++) {
    const root = find(i);
    const group = groups.get(root);
    if (group) group.push(i);
    else groups.set(root, [i]);
  }
  return [...groups.values()].filter((g) => g.length >= 2).sort((a, b) => a[0]! - b[0]!);
}
