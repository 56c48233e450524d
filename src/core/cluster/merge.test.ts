import { describe, expect, it } from "vitest";
import { clusterPairSums, mergeAverageLinkage } from "./merge.ts";

/** Symmetric 4 x 4 Gram from its upper triangle, ones on the diagonal. */
function gram(upper: [number, number, number, number, number, number]): Float64Array {
  const [ab, ac, ad, bc, bd, cd] = upper;
  return new Float64Array([1, ab, ac, ad, ab, 1, bc, bd, ac, bc, 1, cd, ad, bd, cd, 1]);
}

describe("clusterPairSums", () => {
  it("sums the Gram over every pair of clusters", () => {
    const g = gram([0.5, 0.1, 0.2, 0.3, 0.4, 0.6]);
    const s = clusterPairSums(g, 4, 2, new Int32Array([0, 0, 1, 1]));
    expect(Array.from(s).map((v) => +v.toFixed(9))).toEqual([3, 1, 1, 3.2]);
  });
});

describe("mergeAverageLinkage", () => {
  const look = gram([0.1, 0.9, 0.1, 0.1, 0.8, 0.1]);
  const meaning = gram([0.9, 0.1, 0.1, 0.1, 0.1, 0.9]);
  const singletons = new Int32Array([0, 1, 2, 3]);

  it("joins the closest groups by mean pairwise similarity", () => {
    expect(Array.from(mergeAverageLinkage([{ gram: look, weight: 1 }], 4, singletons, 4, 2))).toEqual([0, 1, 0, 1]);
  });

  it("lets a second space outvote looks when it carries more weight", () => {
    const spaces = [
      { gram: look, weight: 0.4 },
      { gram: meaning, weight: 0.6 },
    ];
    expect(Array.from(mergeAverageLinkage(spaces, 4, singletons, 4, 2))).toEqual([0, 0, 1, 1]);
  });

  it("merges groups, not points, and numbers the result by first member", () => {
    const start = new Int32Array([2, 2, 0, 1]);
    expect(Array.from(mergeAverageLinkage([{ gram: meaning, weight: 1 }], 4, start, 3, 2))).toEqual([0, 0, 1, 1]);
    expect(Array.from(mergeAverageLinkage([{ gram: meaning, weight: 1 }], 4, start, 3, 1))).toEqual([0, 0, 0, 0]);
  });
});
