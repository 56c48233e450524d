import { describe, expect, it } from "vitest";
import { ari } from "../metrics/index.ts";
import { centredCosineGramInPlace, rawGram } from "./gram.ts";
import { kmeansGram } from "./kmeans.ts";
import { centreAndNormalise } from "./normalize.ts";
import { makeBlobs } from "./test-fixtures.ts";

function featureInertia(z: Float32Array, d: number, assignments: Int32Array, k: number): number {
  const sums = new Float64Array(k * d);
  const counts = new Float64Array(k);
  assignments.forEach((c, i) => {
    counts[c]!++;
    for (let t = 0; t < d; t++) sums[c * d + t]! += z[i * d + t]!;
  });
  let inertia = 0;
  assignments.forEach((c, i) => {
    for (let t = 0; t < d; t++) inertia += (z[i * d + t]! - sums[c * d + t]! / counts[c]!) ** 2;
  });
  return inertia;
}

describe("kmeansGram", () => {
  const blobs = makeBlobs([10, 7, 12], 32);
  const gram = centredCosineGramInPlace(rawGram(blobs.data, blobs.n, blobs.d), blobs.n);

  it("recovers obvious blobs", () => {
    const { assignments } = kmeansGram(gram, blobs.n, 3, { seed: 1 });
    expect(ari(blobs.truth, Array.from(assignments))).toBe(1);
  });

  it("is deterministic for a seed", () => {
    const a = kmeansGram(gram, blobs.n, 4, { seed: 9, restarts: 2 });
    const b = kmeansGram(gram, blobs.n, 4, { seed: 9, restarts: 2 });
    expect(Array.from(b.assignments)).toEqual(Array.from(a.assignments));
    expect(b.inertia).toBe(a.inertia);
  });

  it("reports the same inertia as Lloyd in feature space", () => {
    const { n, d, data } = blobs;
    const result = kmeansGram(gram, n, 3, { seed: 2 });
    const z = centreAndNormalise(data, n, d);
    expect(result.inertia).toBeCloseTo(featureInertia(z, d, result.assignments, 3), 4);
  });

  it("never leaves a cluster empty, even for k = n or identical points", () => {
    const k = blobs.n;
    const sizes = new Array<number>(k).fill(0);
    for (const a of kmeansGram(gram, blobs.n, k).assignments) sizes[a]!++;
    expect(sizes.every((s) => s === 1)).toBe(true);
    const same = new Float64Array(16).fill(0);
    const flat = kmeansGram(same, 4, 3, { seed: 3 }).assignments;
    expect(new Set(flat).size).toBe(3);
  });

  it("keeps the best of several restarts", () => {
    const one = kmeansGram(gram, blobs.n, 5, { seed: 4, restarts: 1 });
    const many = kmeansGram(gram, blobs.n, 5, { seed: 4, restarts: 6 });
    expect(many.inertia).toBeLessThanOrEqual(one.inertia);
  });

  it("rejects k outside [1, n]", () => {
    expect(() => kmeansGram(gram, blobs.n, 0)).toThrow(RangeError);
    expect(() => kmeansGram(gram, blobs.n, blobs.n + 1)).toThrow(RangeError);
  });

  it("handles n = 1 and n = 2", () => {
    expect(Array.from(kmeansGram(new Float64Array([0]), 1, 1).assignments)).toEqual([0]);
    const two = kmeansGram(new Float64Array([1, -1, -1, 1]), 2, 2).assignments;
    expect(new Set(two).size).toBe(2);
  });
});
