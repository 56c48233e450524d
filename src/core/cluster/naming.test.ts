import { describe, expect, it } from "vitest";
import { topLabels } from "./naming.ts";

const labels = ["tabby", "tiger cat", "golden retriever", "sports car"];
const probabilities = new Float32Array([
  0.5, 0.4, 0.1, 0,
  0.2, 0.7, 0.1, 0,
  0.1, 0, 0, 0.9,
]);

describe("topLabels", () => {
  it("names by the mean probability, not by a vote of top-1s", () => {
    const top = topLabels([0, 1], probabilities, labels);
    expect(top.map((l) => l.label)).toEqual(["tiger cat", "tabby", "golden retriever"]);
    expect(top[0]!.weight).toBeCloseTo(0.55, 6);
    expect(top[1]!.weight).toBeCloseTo(0.35, 6);
    expect(top[2]!.weight).toBeCloseTo(0.1, 6);
  });

  it("breaks ties by class index and caps at the number of classes", () => {
    const tie = topLabels([0], new Float32Array([0.5, 0.5]), ["b", "a"], 5);
    expect(tie).toEqual([
      { label: "b", weight: 0.5 },
      { label: "a", weight: 0.5 },
    ]);
  });

  it("works for a single member", () => {
    expect(topLabels([2], probabilities, labels)[0]!.label).toBe("sports car");
  });
});
