import { describe, expect, it } from "vitest";
import { createRng } from "../cluster/random.ts";
import { hungarian } from "./hungarian.ts";

function cost(m: number[][], match: number[]): number {
  return match.reduce((s, c, r) => (c >= 0 ? s + m[r]![c]! : s), 0);
}

function bruteForceMin(m: number[][]): number {
  const rows = m.length;
  const cols = m[0]!.length;
  let best = Infinity;
  const used = new Array<boolean>(cols).fill(false);
  const walk = (r: number, acc: number, free: number): void => {
    if (r === rows) return void (best = Math.min(best, acc));
    if (rows - r > free) walk(r + 1, acc, free);
    for (let c = 0; c < cols; c++) {
      if (used[c]) continue;
      used[c] = true;
      walk(r + 1, acc + m[r]![c]!, free - 1);
      used[c] = false;
    }
  };
  walk(0, 0, cols);
  return best;
}

describe("hungarian", () => {
  it("solves the textbook 3x3 case", () => {
    const m = [
      [4, 1, 3],
      [2, 0, 5],
      [3, 2, 2],
    ];
    expect(hungarian(m)).toEqual([1, 0, 2]);
  });

  it("handles wide and tall matrices, leaving extra rows unmatched", () => {
    expect(hungarian([[5, 1, 9], [2, 8, 0]])).toEqual([1, 2]);
    const tall = hungarian([[5, 2], [1, 8], [9, 0]]);
    expect(tall).toEqual([-1, 0, 1]);
    expect(cost([[5, 2], [1, 8], [9, 0]], tall)).toBe(1);
    expect(hungarian([])).toEqual([]);
  });

  it("matches brute force on random rectangular matrices", () => {
    const rng = createRng(17);
    for (let trial = 0; trial < 40; trial++) {
      const rows = 1 + Math.floor(rng() * 5);
      const cols = 1 + Math.floor(rng() * 5);
      const m = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(rng() * 20) - 5));
      const match = hungarian(m);
      expect(match.filter((c) => c >= 0).length).toBe(Math.min(rows, cols));
      expect(new Set(match.filter((c) => c >= 0)).size).toBe(Math.min(rows, cols));
      expect(cost(m, match)).toBe(bruteForceMin(m));
    }
  });

  it("runs a 150x150 problem quickly", () => {
    const rng = createRng(2);
    const m = Array.from({ length: 150 }, () => Array.from({ length: 150 }, () => rng()));
    const t0 = performance.now();
    expect(new Set(hungarian(m)).size).toBe(150);
    expect(performance.now() - t0).toBeLessThan(500);
  });
});
