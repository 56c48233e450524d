import { describe, expect, it } from "vitest";
import { clusterOk, img } from "./helpers.ts";

/**
 * The "apple" polysemy task of caltech101-sub30/polysemy_groups.json (gadgets vs strawberries),
 * 10 images per class (the first 10 files of each class in the set), through POST /v1/cluster.
 * Plain k-means on the same images splits the gadgets by type and puts some with the
 * strawberries (ARI 0.04 offline); the hierarchy merge must give gadgets | strawberries.
 */
const FILES: Record<string, number[]> = {
  cellphone: [2, 3, 5, 6, 8, 10, 13, 14, 15, 17],
  laptop: [1, 4, 5, 10, 11, 12, 13, 16, 20, 21],
  headphone: [1, 5, 7, 8, 9, 11, 12, 13, 14, 17],
  camera: [1, 3, 5, 6, 7, 9, 10, 11, 14, 15],
  strawberry: [1, 3, 5, 6, 7, 8, 9, 10, 11, 12],
};
const name = (n: number) => `image_${String(n).padStart(4, "0")}`;

describe("POST /v1/cluster splits an ambiguous query by meaning", () => {
  it("puts phones, laptops, headphones and cameras together and strawberries apart (k = 2)", async () => {
    const images = Object.entries(FILES).flatMap(([cls, ns]) =>
      ns.map((n) => ({ url: img(`caltech/${cls}/${name(n)}.jpg`), id: `${cls}/${name(n)}` })),
    );
    const result = await clusterOk({ images, k: 2 });
    expect(result.errors).toEqual([]);
    const groups = result.clusters.map((c) => new Set(c.members.map((id) => id.split("/")[0])));
    expect(result.clusters.map((c) => c.size)).toEqual([40, 10]);
    expect([...groups[0]!].sort()).toEqual(["camera", "cellphone", "headphone", "laptop"]);
    expect([...groups[1]!]).toEqual(["strawberry"]);
    expect(result.clusters[1]!.name).toBe("strawberry");
  });
});
