import { describe, expect, it } from "vitest";
import { centredCosineGramInPlace, rawGram } from "./gram.ts";
import { centreAndNormalise, clusterMeans, signedPower } from "./normalize.ts";
import { makeBlobs } from "./test-fixtures.ts";

describe("rawGram", () => {
  it("holds the pairwise dot products", () => {
    const data = new Float32Array([1, 2, 3, 0, 1, 0, 2, 2, 2]);
    expect(Array.from(rawGram(data, 3, 3))).toEqual([14, 2, 12, 2, 1, 2, 12, 2, 12]);
  });
});

describe("centredCosineGramInPlace", () => {
  it("equals the Gram of the centred, L2-normalised rows", () => {
    const { n, d, data } = makeBlobs([4, 5], 16);
    const z = centreAndNormalise(data, n, d);
    const expected = rawGram(z, n, d);
    const got = centredCosineGramInPlace(rawGram(data, n, d), n);
    for (let i = 0; i < n * n; i++) expect(got[i]).toBeCloseTo(expected[i]!, 5);
    for (let i = 0; i < n; i++) expect(got[i * n + i]).toBeCloseTo(1, 10);
  });

  it("keeps rows equal to the batch mean at zero instead of amplifying noise", () => {
    const data = new Float32Array([0.3, 0.7, 0.1, 0.3, 0.7, 0.1]);
    expect(Array.from(centredCosineGramInPlace(rawGram(data, 2, 3), 2))).toEqual([0, 0, 0, 0]);
    expect(Array.from(centreAndNormalise(data, 2, 3))).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it("makes two distinct images opposite each other", () => {
    const g = centredCosineGramInPlace(rawGram(new Float32Array([1, 0, 0, 1]), 2, 2), 2);
    expect(Array.from(g).map((x) => Math.round(x * 1e9) / 1e9)).toEqual([1, -1, -1, 1]);
  });
});

describe("clusterMeans", () => {
  it("averages member rows", () => {
    const rows = new Float32Array([1, 0, 0, 1, 1, 1]);
    expect(clusterMeans(rows, 2, [[0, 1], [2]])).toEqual([[0.5, 0.5], [1, 1]]);
  });
});

describe("rawGram blocking", () => {
  it("matches naive dot products for odd and even n", () => {
    for (const n of [1, 2, 5, 6]) {
      const d = 3;
      const data = Float32Array.from({ length: n * d }, (_, i) => ((i * 7) % 5) - 1);
      const g = rawGram(data, n, d);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < n; j++) {
          let s = 0;
          for (let t = 0; t < d; t++) s += data[i * d + t]! * data[j * d + t]!;
          expect(g[i * n + j]).toBe(s);
        }
      }
    }
  });
});

describe("signedPower", () => {
  it("raises magnitudes and keeps signs", () => {
    expect(Array.from(signedPower(new Float32Array([4, -9, 0, 1]), 0.5))).toEqual([2, -3, 0, 1]);
  });

  it("lets weak channels that differ lower a cosine a strong shared channel holds near 1", () => {
    const rows = new Float32Array([100, 1, 0, 100, 0, 1]);
    const cos = (g: Float64Array) => g[1]! / Math.sqrt(g[0]! * g[3]!);
    expect(cos(rawGram(rows, 2, 3))).toBeCloseTo(10000 / 10001, 9);
    expect(cos(rawGram(signedPower(rows, 0.5), 2, 3))).toBeCloseTo(100 / 101, 6);
  });
});
