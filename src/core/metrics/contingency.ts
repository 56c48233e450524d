/** A label as callers have it: class names from a dataset or cluster numbers. */
export type Label = number | string;

/** Cross-tabulation of two labelings, the common input of NMI, ARI and accuracy. */
export interface Contingency {
  n: number;
  rows: number;
  cols: number;
  /** rows x cols counts, row-major: table[r * cols + c] = |true class r ∩ predicted c|. */
  table: Float64Array;
  rowSums: Float64Array;
  colSums: Float64Array;
}

function encode(labels: readonly Label[]): { codes: Int32Array; count: number } {
  const ids = new Map<string, number>();
  const codes = new Int32Array(labels.length);
  labels.forEach((label, i) => {
    const key = `${typeof label}:${label}`;
    let id = ids.get(key);
    if (id === undefined) {
      id = ids.size;
      ids.set(key, id);
    }
    codes[i] = id;
  });
  return { codes, count: ids.size };
}

/**
 * Builds the table; labels are compared by value and type, so 1 and "1" are different
 * classes. Throws when the labelings have different lengths, a caller bug that would
 * otherwise yield a plausible-looking score.
 */
export function contingency(labelsTrue: readonly Label[], labelsPred: readonly Label[]): Contingency {
  if (labelsTrue.length !== labelsPred.length) {
    throw new RangeError(`label arrays differ in length: ${labelsTrue.length} vs ${labelsPred.length}`);
  }
  const t = encode(labelsTrue);
  const p = encode(labelsPred);
  const table = new Float64Array(t.count * p.count);
  const rowSums = new Float64Array(t.count);
  const colSums = new Float64Array(p.count);
  for (let i = 0; i < labelsTrue.length; i++) {
    table[t.codes[i]! * p.count + p.codes[i]!]!++;
    rowSums[t.codes[i]!]!++;
    colSums[p.codes[i]!]!++;
  }
  return { n: labelsTrue.length, rows: t.count, cols: p.count, table, rowSums, colSums };
}
