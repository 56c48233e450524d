import { describe, expect, it } from "vitest";
import { diversify } from "./diversify.ts";

describe("diversify", () => {
  it("round-robins across clusters, biggest first, central first", () => {
    expect(diversify([[4, 0, 6], [2, 5], [1, 3]], [])).toEqual([4, 2, 1, 0, 5, 3, 6]);
  });

  it("keeps the best-ranked member of each duplicate group and appends the rest", () => {
    const clusters = [
      [0, 1, 2, 3],
      [4, 5, 6],
      [7, 8],
    ];
    const duplicates = [
      [1, 2],
      [5, 8],
      [3, 7],
    ];
    expect(diversify(clusters, duplicates)).toEqual([0, 4, 7, 1, 5, 6, 8, 2, 3]);
  });

  it("handles empty input and a single cluster", () => {
    expect(diversify([], [])).toEqual([]);
    expect(diversify([[3, 1, 2]], [[1, 3]])).toEqual([3, 2, 1]);
  });
});
