import { describe, expect, it } from "vitest";
import { ari } from "../metrics/index.ts";
import { rawGram } from "./gram.ts";
import { kmeansGram } from "./kmeans.ts";
import { normalisedAffinity, spectralPartition } from "./spectral.ts";

/** Two parallel arcs on the unit sphere, 0.3 rad apart, each 1.2 rad long: chains, not blobs. */
function twoArcs(perArc = 61): { n: number; gram: Float64Array; truth: number[] } {
  const rows: number[] = [];
  const truth: number[] = [];
  for (const [arc, latitude] of [0.15, -0.15].entries()) {
    for (let p = 0; p < perArc; p++) {
      const longitude = (1.2 * p) / (perArc - 1);
      rows.push(Math.cos(latitude) * Math.cos(longitude), Math.cos(latitude) * Math.sin(longitude), Math.sin(latitude));
      truth.push(arc);
    }
  }
  const n = truth.length;
  return { n, gram: rawGram(Float32Array.from(rows), n, 3), truth };
}

describe("normalisedAffinity", () => {
  it("links each point to its nearest neighbour and scales by degree", () => {
    const gram = Float64Array.from([1, 0.8, 0.1, 0.8, 1, 0.5, 0.1, 0.5, 1]);
    const a = normalisedAffinity(gram, 3, 1, 1);
    const d0 = 0.8;
    const d1 = 0.8 + 0.5;
    const d2 = 0.5;
    expect(a[0 * 3 + 1]).toBeCloseTo(0.8 / Math.sqrt(d0 * d1), 12);
    expect(a[1 * 3 + 2]).toBeCloseTo(0.5 / Math.sqrt(d1 * d2), 12);
    expect(a[0 * 3 + 2]).toBe(0);
    expect(a[2 * 3 + 1]).toBe(a[1 * 3 + 2]);
    expect(a[0]).toBe(0);
  });
});

describe("spectralPartition", () => {
  it("follows chains of neighbours where k-means cuts across them", () => {
    const { n, gram, truth } = twoArcs();
    const spectral = spectralPartition(gram, gram, n, 2, { seed: 1 });
    expect(ari(truth, Array.from(spectral.assignments))).toBe(1);
    const kmeans = kmeansGram(gram, n, 2, { seed: 1 });
    expect(ari(truth, Array.from(kmeans.assignments))).toBeLessThan(0.2);
    expect(spectral.silhouette).not.toBeNull();
  });

  it("is deterministic for a seed", () => {
    const { n, gram } = twoArcs(20);
    const a = spectralPartition(gram, gram, n, 4, { seed: 3 });
    const b = spectralPartition(gram, gram, n, 4, { seed: 3 });
    expect(Array.from(b.assignments)).toEqual(Array.from(a.assignments));
  });
});
