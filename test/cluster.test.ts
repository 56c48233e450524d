import { describe, expect, it } from "vitest";
import { LABELS } from "../src/core/model.ts";
import { getEmbedder } from "../src/runtime.ts";
import { bytesOf, clusterOf, clusterOk, img, PHOTOS, postCluster } from "./helpers.ts";

const DOG_CLASSES = new Set(LABELS.slice(151, 269));

describe("POST /v1/cluster on real photos", () => {
  it("puts resized, re-encoded and EXIF-rotated copies in duplicate groups with their originals", async () => {
    const images = [
      ...PHOTOS.map((url) => ({ url, id: url.split("/").pop()! })),
      { url: img("fixtures/dog-half.webp"), id: "dog-half.webp" },
      { url: img("fixtures/eagle-small.jpg"), id: "eagle-small.jpg" },
      { url: img("fixtures/horses-exif6.jpg"), id: "horses-exif6.jpg" },
      { url: img("fixtures/giraffe-alpha.png"), id: "giraffe-alpha.png" },
    ];
    const result = await clusterOk({ images, k: "auto" });
    expect(result.errors).toEqual([]);
    const groups = result.duplicates.map((g) => [...g].sort());
    expect(groups).toContainEqual(["dog-half.webp", "dog.jpg"]);
    expect(groups).toContainEqual(["eagle-small.jpg", "eagle.jpg"]);
    expect(groups).toContainEqual(["horses-exif6.jpg", "horses.jpg"]);
    expect(groups.flat()).not.toContain("scream.jpg");
    const clusters = clusterOf(result);
    expect(clusters.get("dog.jpg")).toBe(clusters.get("dog-half.webp"));
    expect(result.diversified).toHaveLength(images.length);
    expect(new Set(result.diversified)).toEqual(new Set(images.map((i) => i.id)));
  });

  it("names images with sensible ImageNet labels", async () => {
    const result = await clusterOk({ images: PHOTOS.map((url) => ({ url })), k: 3 });
    const top = new Map(result.images.map((image) => [image.url, image.labels[0]!.label]));
    expect(DOG_CLASSES.has(top.get(img("photos/dog.jpg"))!)).toBe(true);
    expect(top.get(img("photos/eagle.jpg"))).toBe("bald eagle");
    for (const cluster of result.clusters) {
      expect(LABELS).toContain(cluster.name);
      expect(cluster.labels[0]!.label).toBe(cluster.name);
    }
    expect(result.dominant).toBe(result.clusters[0]!.name);
  });

  it("separates clearly different subjects", async () => {
    const files = {
      sunflower: ["image_0004", "image_0018", "image_0020", "image_0022"],
      airplanes: ["image_0028", "image_0047", "image_0064", "image_0076"],
      dalmatian: ["image_0001", "image_0006", "image_0007", "image_0008"],
    };
    const usable = Object.entries(files).flatMap(([c, names]) =>
      names.map((f) => ({ url: img(`caltech/${c}/${f}.jpg`), id: `${c}/${f}` })),
    );
    const result = await clusterOk({ images: usable, k: 3 });
    for (const cluster of result.clusters) {
      expect(new Set(cluster.members.map((id) => id.split("/")[0]))).toHaveProperty("size", 1);
    }
    const auto = await clusterOk({ images: usable, k: "auto" });
    expect(auto.kChosenBy).toBe("silhouette");
    expect(auto.k).toBe(3);
  });

  it("is deterministic for a seed and reports centroids on request", async () => {
    const body = { images: PHOTOS.map((url) => ({ url })), k: 3, seed: 7, includeCentroids: true };
    const [a, b] = [await clusterOk(body), await clusterOk(body)];
    expect(a.clusters).toEqual(b.clusters);
    expect(a.clusters[0]!.centroid).toHaveLength(1280);
    expect(a.clusters.map((c) => c.size)).toEqual([...a.clusters.map((c) => c.size)].sort((x, y) => y - x));
  });

  it("clusters uploaded files, mixed with URLs", async () => {
    const form = new FormData();
    for (const name of ["dog.jpg", "eagle.jpg", "giraffe.jpg"]) {
      form.append("images", new File([await bytesOf(`photos/${name}`)], name, { type: "image/jpeg" }));
    }
    form.append("url", img("fixtures/dog-half.webp"));
    form.append("k", "2");
    const res = await postCluster(form, {});
    expect(res.status).toBe(200);
    const result = await res.json<{ images: { id: string }[]; k: number; duplicates: string[][] }>();
    expect(result.images.map((i) => i.id)).toEqual(["dog.jpg", "eagle.jpg", "giraffe.jpg", img("fixtures/dog-half.webp")]);
    expect(result.k).toBe(2);
    expect(result.duplicates.map((g) => [...g].sort())).toContainEqual([img("fixtures/dog-half.webp"), "dog.jpg"].sort());
  });
});

describe("embedding cache", () => {
  it("runs no inference for a repeated request, and embeds the same picture at two URLs once", async () => {
    const embedder = await getEmbedder();
    const images = [
      { url: img("caltech/pizza/image_0001.jpg") },
      { url: img("mirror/pizza/image_0001.jpg") },
      { url: img("caltech/lotus/image_0002.jpg") },
    ];
    const before = embedder.images;
    const first = await clusterOk({ images, k: 2 });
    expect(embedder.images - before).toBe(2);
    expect(first.stats).toMatchObject({ images: 3, inferred: 2, failed: 0 });
    expect(first.images[0]!.sha256).toBe(first.images[1]!.sha256);

    const middle = embedder.images;
    const second = await clusterOk({ images, k: 2 });
    expect(embedder.images).toBe(middle);
    expect(second.stats).toMatchObject({ inferred: 0, cached: 3 });
    expect(second.clusters).toEqual(first.clusters);
  });
});
