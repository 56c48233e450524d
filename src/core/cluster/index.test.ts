import { describe, expect, it } from "vitest";
import { ari } from "../metrics/index.ts";
import { clusterImages, type ClusterInput } from "./index.ts";
import { LABELS as LABELS_1000 } from "../model.ts";
import { makeBlobs, makeProbabilities } from "./test-fixtures.ts";

const LABELS = ["tabby", "golden retriever", "sports car", "daisy"];

function input(sizes: number[], d = 24, seed = 5): ClusterInput & { truth: number[] } {
  const { n, data, truth } = makeBlobs(sizes, d, seed);
  return { n, embeddings: data, probabilities: makeProbabilities(truth, LABELS.length), labels: LABELS, truth };
}

describe("clusterImages", () => {
  const three = input([6, 9, 4]);

  it("finds and names the blobs with auto k", () => {
    const r = clusterImages(three, { k: "auto" });
    expect(r.k).toBe(3);
    expect(r.kChosenBy).toBe("silhouette");
    expect(r.silhouette).toBeGreaterThan(0.8);
    expect(ari(three.truth, r.assignments)).toBe(1);
    expect(r.clusters.map((c) => [c.name, c.size])).toEqual([["golden retriever", 9], ["tabby", 6], ["sports car", 4]]);
    expect(r.dominant).toBe("golden retriever");
    expect(r.clusters[0]!.labels[0]).toEqual({ label: "golden retriever", weight: expect.closeTo(0.7, 6) });
  });

  it("keeps assignments, members and representatives consistent", () => {
    const r = clusterImages(three, { k: 2, includeCentroids: true });
    expect(r.kChosenBy).toBe("given");
    r.clusters.forEach((c, idx) => {
      expect(c.representative).toBe(c.members[0]);
      for (const m of c.members) expect(r.assignments[m]).toBe(idx);
      expect(c.cohesion).toBeGreaterThan(0);
      expect(c.cohesion).toBeLessThanOrEqual(1 + 1e-9);
      expect(c.centroid).toHaveLength(24);
    });
    expect(r.clusters[0]!.size).toBeGreaterThanOrEqual(r.clusters[1]!.size);
    expect([...r.diversified].sort((a, b) => a - b)).toEqual([...Array(three.n).keys()]);
  });

  it("recovers more than 32 groups through the spectral path", () => {
    const many = makeBlobs(Array.from({ length: 40 }, () => 3), 64, 11);
    const probabilities = makeProbabilities(many.truth.map((t) => t % 4), LABELS.length);
    const r = clusterImages({ n: many.n, embeddings: many.data, probabilities, labels: LABELS }, { k: 40 });
    expect(r.k).toBe(40);
    expect(ari(many.truth, r.assignments)).toBe(1);
    expect(r.clusters.every((c) => c.size === 3)).toBe(true);
  });

  it("is deterministic for a seed", () => {
    const a = clusterImages(three, { k: 4, seed: 3, restarts: 2 });
    const b = clusterImages(three, { k: 4, seed: 3, restarts: 2 });
    expect(b).toEqual(a);
    expect(clusterImages(three, { k: "auto" }).clusters[0]!.centroid).toBeUndefined();
  });

  it("reports near-duplicates and collapses them in the diversified order", () => {
    const base = input([3, 3]);
    const embeddings = new Float32Array(base.embeddings);
    embeddings.copyWithin(1 * 24, 0, 24);
    const r = clusterImages({ ...base, embeddings }, { k: 2, duplicateThreshold: 0.999 });
    expect(r.duplicates).toEqual([[0, 1]]);
    expect(r.diversified.at(-1)).toBe(1);
  });

  it("works for one and two images", () => {
    const one = clusterImages(input([1]), { k: "auto" });
    expect(one).toMatchObject({ k: 1, silhouette: null, assignments: [0], diversified: [0], duplicates: [] });
    expect(one.clusters[0]).toMatchObject({ members: [0], representative: 0, cohesion: 1, name: "tabby" });
    const two = input([1, 1]);
    expect(clusterImages(two, { k: "auto" })).toMatchObject({ k: 1, silhouette: null, assignments: [0, 0] });
    const split = clusterImages(two, { k: 2 });
    expect(split.k).toBe(2);
    expect(split.silhouette).toBeNull();
    expect(split.diversified).toEqual([0, 1]);
  });

  it("returns an empty result for no images with auto k", () => {
    const empty = { n: 0, embeddings: new Float32Array(0), probabilities: new Float32Array(0), labels: LABELS };
    expect(clusterImages(empty, { k: "auto" })).toMatchObject({ k: 0, clusters: [], dominant: null });
  });

  it("rejects invalid requests with RangeError", () => {
    expect(() => clusterImages(three, { k: three.n + 1 })).toThrow(/between 1 and/);
    expect(() => clusterImages(three, { k: 0 })).toThrow(RangeError);
    expect(() => clusterImages(three, { k: 2.5 })).toThrow(RangeError);
    expect(() => clusterImages({ ...three, labels: ["a"] }, { k: 2 })).toThrow(RangeError);
    expect(() => clusterImages({ ...three, n: 7 }, { k: 2 })).toThrow(RangeError);
    expect(() => clusterImages(three, { k: 2, restarts: 0 })).toThrow(RangeError);
    expect(() => clusterImages(three, { k: 2, neighbours: -1 })).toThrow(/neighbours/);
  });

  it("names groups by WordNet concept when the labels are the ImageNet classes", () => {
    const { n, data, truth } = makeBlobs([5, 5, 4], 24, 9);
    const classes = [LABELS_1000.indexOf("laptop"), LABELS_1000.indexOf("cellular telephone"), LABELS_1000.indexOf("strawberry")];
    const probabilities = makeProbabilities(truth.map((t) => classes[t]!), 1000, 0.9);
    const r = clusterImages({ n, embeddings: data, probabilities, labels: LABELS_1000 }, { k: 3 });
    expect(ari(truth, r.assignments)).toBe(1);
    expect(r.clusters.map((c) => [c.name, c.concept?.name, c.concept?.coverage])).toEqual([
      ["laptop", "laptop", 1],
      ["cellular telephone", "cellular telephone", 1],
      ["strawberry", "strawberry", 1],
    ]);
    expect(r.clusters[2]!.concept?.wnid).toBe("n07745940");
    const plain = clusterImages({ n, embeddings: data, probabilities, labels: LABELS_1000 }, { k: 3, meaning: false });
    expect(plain.clusters[0]!.concept).toBeUndefined();
    expect(clusterImages(three, { k: 3 }).clusters[0]!.concept).toBeUndefined();
  });
});
