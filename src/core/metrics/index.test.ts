import { describe, expect, it } from "vitest";
import { ari, clusterAccuracy, nmi } from "./index.ts";

describe("nmi (arithmetic normalisation)", () => {
  it("is 1 for perfect and permuted labelings", () => {
    expect(nmi([0, 0, 1, 1], [0, 0, 1, 1])).toBe(1);
    expect(nmi([0, 0, 1, 1], [1, 1, 0, 0])).toBeCloseTo(1, 12);
    expect(nmi(["cat", "cat", "dog"], [7, 7, 3])).toBeCloseTo(1, 12);
  });

  it("matches sklearn on small examples", () => {
    expect(nmi([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(0.8, 10);
    expect(nmi([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
    expect(nmi([0, 0, 0], [1, 1, 1])).toBe(1);
  });

  it("is symmetric", () => {
    const a = [0, 1, 1, 2, 2, 2, 0];
    const b = [1, 1, 0, 0, 2, 2, 2];
    expect(nmi(a, b)).toBeCloseTo(nmi(b, a), 12);
  });
});

describe("ari", () => {
  it("matches sklearn on small examples", () => {
    expect(ari([0, 0, 1, 1], [0, 0, 1, 2])).toBeCloseTo(4 / 7, 10);
    expect(ari([0, 0, 1, 1], [0, 1, 0, 1])).toBeCloseTo(-0.5, 10);
    expect(ari([0, 0, 0, 0], [0, 1, 2, 3])).toBe(0);
  });

  it("is 1 for identical partitions up to renaming, including degenerate ones", () => {
    expect(ari(["a", "a", "b"], [2, 2, 9])).toBe(1);
    expect(ari([0, 1, 2], [5, 6, 7])).toBe(1);
    expect(ari([0, 0, 0], [4, 4, 4])).toBe(1);
    expect(ari([], [])).toBe(1);
  });

  it("rejects different lengths", () => {
    expect(() => ari([0, 1], [0])).toThrow(RangeError);
  });
});

describe("clusterAccuracy", () => {
  it("uses the best one-to-one mapping", () => {
    expect(clusterAccuracy([0, 0, 1, 1], [1, 1, 0, 0])).toBe(1);
    expect(clusterAccuracy([0, 0, 0, 1, 1, 2], [1, 1, 0, 0, 0, 2])).toBeCloseTo(5 / 6, 12);
  });

  it("counts items in unmatched extra clusters or classes as wrong", () => {
    expect(clusterAccuracy([0, 0, 1, 1, 1], [0, 1, 2, 2, 3])).toBeCloseTo(3 / 5, 12);
    expect(clusterAccuracy(["x", "y", "z", "z"], [0, 0, 0, 0])).toBe(0.5);
  });
});
