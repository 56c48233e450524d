import { describe, expect, it } from "vitest";
import { ari } from "../metrics/index.ts";
import { rawGram } from "./gram.ts";
import { kmeansGram, refineGram } from "./kmeans.ts";
import { meaningPartition, overClusterCount } from "./meaning.ts";
import { makeBlobs } from "./test-fixtures.ts";

/** Cosine Gram of the given unit-ish rows. */
function cosineGram(rows: number[][]): Float64Array {
  const unit = rows.flatMap((r) => r.map((v) => v / Math.hypot(...r)));
  return rawGram(new Float32Array(unit), rows.length, rows[0]!.length);
}

/**
 * Two phones (a), two laptops (b), two strawberries (c). By looks a strawberry is nearer a
 * phone (60 degrees) than a laptop is (90 degrees); by meaning phones and laptops are one kind.
 */
const look = cosineGram([
  [1, 0.05, 0],
  [1, -0.05, 0],
  [0, 1, 0.05],
  [0, 1, -0.05],
  [0.5, 0.05, 0.866],
  [0.5, -0.05, 0.866],
]);
const meaning = cosineGram([
  [1, 0.1],
  [1, 0.05],
  [1, -0.05],
  [1, -0.1],
  [0.1, 1],
  [-0.1, 1],
]);
const options = { seed: 1, restarts: 4 };

describe("meaningPartition", () => {
  it("over-clusters into 2k + 2 groups, at most n", () => {
    expect(overClusterCount(100, 2)).toBe(6);
    expect(overClusterCount(5, 3)).toBe(5);
  });

  it("is plain k-means without a meaning space: the strawberries join the phones", () => {
    const part = meaningPartition({ look, meaning: null }, 6, 2, options);
    expect(ari([0, 0, 1, 1, 0, 0], Array.from(part.assignments))).toBe(1);
    expect(part.assignments).toEqual(kmeansGram(look, 6, 2, options).assignments);
  });

  it("groups phones with laptops when the hierarchy says they are one kind", () => {
    const part = meaningPartition({ look, meaning }, 6, 2, options);
    expect(ari([0, 0, 0, 0, 1, 1], Array.from(part.assignments))).toBe(1);
    expect(part.silhouette).not.toBeNull();
  });

  it("keeps plain k-means when both spaces agree", () => {
    const agree = cosineGram([[1, 0], [1, 0.1], [0, 1], [0.1, 1], [0, 1], [0.05, 1]]);
    const part = meaningPartition({ look: agree, meaning: agree }, 6, 2, options);
    expect(ari([0, 0, 1, 1, 1, 1], Array.from(part.assignments))).toBe(1);
  });
});

describe("refineGram", () => {
  it("polishes a wrong start into the obvious blobs", () => {
    const blobs = makeBlobs([6, 5, 7], 16);
    const gram = rawGram(blobs.data, blobs.n, blobs.d);
    const start = Int32Array.from(blobs.truth, (t, i) => (i % 4 === 0 ? (t + 1) % 3 : t));
    const refined = refineGram(gram, blobs.n, 3, start);
    expect(ari(blobs.truth, Array.from(refined.assignments))).toBe(1);
    expect(refined.inertia).toBeLessThan(refineGram(gram, blobs.n, 3, start, 0).inertia);
  });
});
