import { describe, expect, it } from "vitest";
import { autoKRange, bestBySilhouette, MIN_GROUP_SIZE, partition, shuffledColumns } from "./auto-k.ts";
import { createRng } from "./random.ts";
import { centredCosineGramInPlace, cosineGramInPlace, rawGram } from "./gram.ts";
import { silhouetteFromStats } from "./silhouette.ts";
import { clusterStats } from "./stats.ts";
import { makeBlobs } from "./test-fixtures.ts";

function bruteForce(cos: Float64Array, n: number, labels: number[]): number {
  let total = 0;
  for (let i = 0; i < n; i++) {
    const byCluster = new Map<number, number[]>();
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const list = byCluster.get(labels[j]!) ?? [];
      list.push(1 - cos[i * n + j]!);
      byCluster.set(labels[j]!, list);
    }
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const own = byCluster.get(labels[i]!);
    if (!own) continue;
    const a = mean(own);
    const b = Math.min(...[...byCluster].filter(([c]) => c !== labels[i]).map(([, xs]) => mean(xs)));
    total += (b - a) / Math.max(a, b);
  }
  return total / n;
}

describe("silhouetteFromStats", () => {
  it("matches the textbook O(n²) definition, singletons scoring 0", () => {
    const data = new Float32Array([1, 0, 0.9, 0.1, 0, 1, 0.2, 0.8, 0.6, 0.6]);
    const cos = cosineGramInPlace(rawGram(data, 5, 2), 5);
    const labels = [0, 0, 1, 1, 2];
    const assignments = Int32Array.from(labels);
    const got = silhouetteFromStats(cos, 5, 3, assignments, clusterStats(cos, 5, 3, assignments));
    expect(got).toBeCloseTo(bruteForce(cos, 5, labels), 10);
  });

  it("is null for one cluster or all singletons", () => {
    const cos = cosineGramInPlace(rawGram(new Float32Array([1, 0, 0, 1, 1, 1]), 3, 2), 3);
    const one = new Int32Array(3);
    expect(silhouetteFromStats(cos, 3, 1, one, clusterStats(cos, 3, 1, one))).toBeNull();
    const each = Int32Array.from([0, 1, 2]);
    expect(silhouetteFromStats(cos, 3, 3, each, clusterStats(cos, 3, 3, each))).toBeNull();
  });
});

describe("auto k", () => {
  it("picks k = 3 on three clear blobs", () => {
    const { n, d, data } = makeBlobs([9, 11, 10], 24, 11);
    const gram = centredCosineGramInPlace(rawGram(data, n, d), n);
    const best = bestBySilhouette(gram, null, n, autoKRange(n)!, { seed: 1 });
    expect(best.k).toBe(3);
    expect(best.silhouette).toBeGreaterThan(0.8);
  });

  it("finds the 6 small groups inside 2 large ones once chance silhouette is subtracted", () => {
    const d = 64;
    const rng = createRng(3);
    const rows: number[][] = [];
    const outers = [0, 1].map(() => Array.from({ length: d }, () => (rng() < 0.3 ? 1 + rng() : 0)));
    for (const outer of outers) {
      for (let b = 0; b < 3; b++) {
        const inner = outer.map((x) => x + (rng() < 0.3 ? 0.7 * rng() : 0));
        for (let p = 0; p < 10; p++) rows.push(inner.map((x) => Math.max(0, x + 0.15 * (rng() - 0.5))));
      }
    }
    const n = rows.length;
    const data = Float32Array.from(rows.flat());
    const gram = centredCosineGramInPlace(rawGram(data, n, d), n);
    const reference = centredCosineGramInPlace(rawGram(shuffledColumns(data, n, d, 1), n, d), n);
    expect(bestBySilhouette(gram, null, n, autoKRange(n)!, { seed: 1 }).k).toBe(2);
    expect(bestBySilhouette(gram, reference, n, autoKRange(n)!, { seed: 1 }).k).toBe(6);
  });

  it("does not let a pair of outliers be a group while a k without one exists", () => {
    const { n, d, data } = makeBlobs([10, 10, 10, 2], 24, 11);
    const gram = centredCosineGramInPlace(rawGram(data, n, d), n);
    const best = bestBySilhouette(gram, null, n, autoKRange(n)!, { seed: 1 });
    const withPair = partition(gram, n, 4, { seed: 1 });
    expect(Math.min(...withPair.stats.sizes)).toBeLessThan(MIN_GROUP_SIZE);
    expect(withPair.silhouette!).toBeGreaterThan(best.silhouette!);
    expect(best.k).toBe(3);
    expect(Math.min(...best.stats.sizes)).toBeGreaterThanOrEqual(MIN_GROUP_SIZE);
  });

  it("still answers when every k has a small group", () => {
    const { data } = makeBlobs([2, 2], 24, 11);
    const gram = centredCosineGramInPlace(rawGram(data, 4, 24), 4);
    expect(bestBySilhouette(gram, null, 4, autoKRange(4)!, { seed: 1 }).k).toBe(2);
  });

  it("shuffles each column within itself, reproducibly for a seed", () => {
    const n = 20;
    const d = 3;
    const data = Float32Array.from({ length: n * d }, (_, i) => (i % d) * 100 + Math.floor(i / d));
    const out = shuffledColumns(data, n, d, 5);
    for (let c = 0; c < d; c++) {
      const column = (m: Float32Array) => Array.from({ length: n }, (_, i) => m[i * d + c]!);
      expect(column(out).sort((a, b) => a - b)).toEqual(column(data));
      expect(column(out)).not.toEqual(column(data));
    }
    expect(shuffledColumns(data, n, d, 5)).toEqual(out);
    expect(shuffledColumns(data, n, d, 6)).not.toEqual(out);
  });

  it("clamps the range to [2, n - 1] and has none below 3 images", () => {
    expect(autoKRange(50)).toEqual([2, 12]);
    expect(autoKRange(5)).toEqual([2, 4]);
    expect(autoKRange(5, [4, 9])).toEqual([4, 4]);
    expect(autoKRange(5, [7, 9])).toEqual([4, 4]);
    expect(autoKRange(2)).toBeNull();
    expect(() => autoKRange(10, [5, 3])).toThrow(RangeError);
  });
});
