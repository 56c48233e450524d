import { describe, expect, it } from "vitest";
import { centredCosineGramInPlace, rawGram } from "./gram.ts";
import { clusterStats, moveMembers } from "./stats.ts";
import { makeBlobs } from "./test-fixtures.ts";

describe("clusterStats", () => {
  it("sums a hand-checked Gram per cluster", () => {
    const gram = Float64Array.from([1, 2, 3, 2, 5, 6, 3, 6, 9]);
    const stats = clusterStats(gram, 3, 2, Int32Array.from([0, 0, 1]));
    expect(Array.from(stats.sizes)).toEqual([2, 1]);
    expect(Array.from(stats.sums)).toEqual([3, 3, 7, 6, 9, 9]);
    expect(Array.from(stats.selfDots)).toEqual([10, 9]);
    expect(stats.inertia).toBeCloseTo(1 + 5 + 9 - 10 / 2 - 9, 12);
  });
});

describe("moveMembers", () => {
  it("leaves the stats equal to a full recount after points change cluster", () => {
    const { n, d, data } = makeBlobs([8, 9, 7], 16);
    const gram = centredCosineGramInPlace(rawGram(data, n, d), n);
    const before = Int32Array.from({ length: n }, (_, i) => i % 3);
    const after = Int32Array.from(before, (c, i) => (i % 5 === 0 ? (c + 1) % 3 : c));
    const running = clusterStats(gram, n, 3, before);
    moveMembers(gram, n, 3, running, before, after);
    const full = clusterStats(gram, n, 3, after);
    expect(Array.from(running.sizes)).toEqual(Array.from(full.sizes));
    running.sums.forEach((s, i) => expect(s).toBeCloseTo(full.sums[i]!, 10));
    running.selfDots.forEach((s, c) => expect(s).toBeCloseTo(full.selfDots[c]!, 10));
    expect(running.inertia).toBeCloseTo(full.inertia, 10);
  });
});
