/**
 * Minimum-cost assignment (Hungarian algorithm, Jonker-Volgenant style potentials),
 * O(rows² cols) for rows <= cols, transposing otherwise. Rectangular matrices are
 * allowed: min(rows, cols) pairs are matched. Needed for cluster accuracy, where the
 * number of clusters and classes often differ.
 * Returns, for each row, the matched column or -1 when that row is left out.
 */
export function hungarian(cost: readonly (readonly number[])[]): number[] {
  const rows = cost.length;
  const cols = rows > 0 ? cost[0]!.length : 0;
  if (rows === 0 || cols === 0) return new Array<number>(rows).fill(-1);
  if (rows > cols) {
    const transposed = Array.from({ length: cols }, (_, c) => cost.map((row) => row[c]!));
    const colToRow = hungarian(transposed);
    const out = new Array<number>(rows).fill(-1);
    colToRow.forEach((r, c) => {
      if (r >= 0) out[r] = c;
    });
    return out;
  }
  const u = new Float64Array(rows + 1);
  const v = new Float64Array(cols + 1);
  const matchOfCol = new Int32Array(cols + 1);
  const way = new Int32Array(cols + 1);
  for (let r = 1; r <= rows; r++) {
    matchOfCol[0] = r;
    let col0 = 0;
    const minv = new Float64Array(cols + 1).fill(Infinity);
    const used = new Uint8Array(cols + 1);
    do {
      used[col0] = 1;
      const r0 = matchOfCol[col0]!;
      let delta = Infinity;
      let col1 = 0;
      for (let c = 1; c <= cols; c++) {
        if (used[c]) continue;
        const reduced = cost[r0 - 1]![c - 1]! - u[r0]! - v[c]!;
        if (reduced < minv[c]!) {
          minv[c] = reduced;
          way[c] = col0;
        }
        if (minv[c]! < delta) {
          delta = minv[c]!;
          col1 = c;
        }
      }
      for (let c = 0; c <= cols; c++) {
        if (used[c]) {
          u[matchOfCol[c]!]! += delta;
          v[c]! -= delta;
        } else {
          minv[c]! -= delta;
        }
      }
      col0 = col1;
    } while (matchOfCol[col0] !== 0);
    do {
      const col1 = way[col0]!;
      matchOfCol[col0] = matchOfCol[col1]!;
      col0 = col1;
    } while (col0 !== 0);
  }
  const out = new Array<number>(rows).fill(-1);
  for (let c = 1; c <= cols; c++) if (matchOfCol[c]! > 0) out[matchOfCol[c]! - 1] = c - 1;
  return out;
}
