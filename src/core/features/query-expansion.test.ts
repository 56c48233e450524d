import { describe, expect, it } from "vitest";
import { expandGram, nearestNeighbours } from "./query-expansion.ts";

const cos = (a: number[], b: number[]) => {
  const dot = a.reduce((s, v, i) => s + v * b[i]!, 0);
  return dot / Math.hypot(...a) / Math.hypot(...b);
};

describe("nearestNeighbours", () => {
  it("returns the most similar other rows, ties to the smaller index", () => {
    const g = new Float64Array([1, 0.2, 0.9, 0.2, 0.2, 1, 0.5, 0.5, 0.9, 0.5, 1, 0.1, 0.2, 0.5, 0.1, 1]);
    expect(nearestNeighbours(g, 4, 0, 2)).toEqual([2, 1]);
    expect(nearestNeighbours(g, 4, 1, 2)).toEqual([2, 3]);
    expect(nearestNeighbours(g, 4, 3, 3)).toEqual([1, 0, 2]);
  });
});

describe("expandGram", () => {
  const a = [1, 0];
  const b = [0.8, 0.6];
  const c = [0, 1];
  const rows = [a, b, c];
  const gram = Float64Array.from(rows.flatMap((x) => rows.map((y) => cos(x, y))));

  it("averages each row with its nearest neighbour weighted by cosine^alpha", () => {
    const ea = [a[0]! + 0.8 * b[0]!, a[1]! + 0.8 * b[1]!];
    const eb = [b[0]! + 0.8 * a[0]!, b[1]! + 0.8 * a[1]!];
    const ec = [c[0]! + 0.6 * b[0]!, c[1]! + 0.6 * b[1]!];
    const g = expandGram(gram, 3, 1, 1);
    expect(g[0 * 3 + 1]).toBeCloseTo(cos(ea, eb), 12);
    expect(g[0 * 3 + 2]).toBeCloseTo(cos(ea, ec), 12);
    expect(g[2 * 3 + 1]).toBeCloseTo(cos(ec, eb), 12);
    expect(g[4]).toBeCloseTo(1, 12);
  });

  it("is the identity with no neighbours and leaves its input alone", () => {
    const before = Float64Array.from(gram);
    expect(Array.from(expandGram(gram, 3, 0))).toEqual(Array.from(gram).map((v) => expect.closeTo(v, 12)));
    expect(gram).toEqual(before);
  });

  it("ignores neighbours with negative cosine", () => {
    const g = new Float64Array([1, -1, -1, 1]);
    expect(Array.from(expandGram(g, 2, 1, 3))).toEqual([1, -1, -1, 1]);
  });
});
