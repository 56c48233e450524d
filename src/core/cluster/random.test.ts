import { describe, expect, it } from "vitest";
import { createRng, randomInt, weightedIndex } from "./random.ts";

describe("createRng", () => {
  it("is reproducible for a seed and differs across seeds", () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(xs);
  });

  it("stays in [0, 1) and is roughly uniform", () => {
    const rng = createRng(1);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const x = rng();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1);
  });
});

describe("sampling helpers", () => {
  it("randomInt stays below max", () => {
    const rng = createRng(3);
    for (let i = 0; i < 1000; i++) expect(randomInt(rng, 7)).toBeLessThan(7);
  });

  it("weightedIndex never picks zero-weight entries", () => {
    const rng = createRng(5);
    const w = new Float64Array([0, 2, 0, 1]);
    const seen = new Set<number>();
    for (let i = 0; i < 500; i++) seen.add(weightedIndex(rng, w, 3));
    expect([...seen].sort()).toEqual([1, 3]);
  });
});
