import { describe, expect, it } from "vitest";
import { findDuplicates } from "./duplicates.ts";
import { rawGram } from "./gram.ts";

function rows(...r: number[][]): { raw: Float64Array; n: number } {
  const d = r[0]!.length;
  return { raw: rawGram(Float32Array.from(r.flat()), r.length, d), n: r.length };
}

describe("findDuplicates", () => {
  it("groups near-identical rows, sorted, groups ordered by first index", () => {
    const { raw, n } = rows(
      [0, 1, 0, 1],
      [5, 0, 5, 0],
      [0, 1.02, 0, 0.98],
      [10, 0.1, 10, 0],
      [1, 1, 0, 0],
      [0, 2, 0, 2],
    );
    expect(findDuplicates(raw, n)).toEqual([
      [0, 2, 5],
      [1, 3],
    ]);
  });

  it("joins chains transitively and respects the threshold", () => {
    const { raw, n } = rows([1, 0], [1, 0.3], [1, 0.6]);
    expect(findDuplicates(raw, n, 0.95)).toEqual([[0, 1, 2]]);
    expect(findDuplicates(raw, n, 0.999)).toEqual([]);
  });

  it("is scale-invariant and only pairs zero rows with each other", () => {
    const { raw, n } = rows([0, 0], [3, 4], [0, 0], [0.3, 0.4]);
    expect(findDuplicates(raw, n)).toEqual([
      [0, 2],
      [1, 3],
    ]);
  });
});
