import { describe, expect, it } from "vitest";
import { bytesOf, clusterOk, img, postCluster } from "./helpers.ts";

const GOOD = ["dog", "eagle", "giraffe"].map((name) => ({ url: img(`photos/${name}.jpg`), id: name }));

async function expectGoodClustered(result: { clusters: { members: string[] }[] }) {
  expect(result.clusters.flatMap((c) => c.members).sort()).toEqual(GOOD.map((g) => g.id).sort());
}

describe("one bad image is reported and the rest are clustered", () => {
  const cases: [string, string, string][] = [
    ["unreachable (HTTP 404)", img("status/404"), "http_error"],
    ["slower than the timeout", img("slow"), "timeout"],
    ["not an image, whatever its Content-Type", img("html"), "unsupported_format"],
    ["a truncated JPEG", img("truncated/kite.jpg"), "truncated"],
    ["a streamed body over the byte cap", img("stream-4mb"), "too_large"],
    ["a decompression bomb header", img("bomb.png"), "too_many_pixels"],
    ["an ftp URL", "ftp://img.test/photos/dog.jpg", "scheme_not_allowed"],
    ["a file URL", "file:///etc/passwd", "scheme_not_allowed"],
    ["a loopback host", "http://127.0.0.1:8787/x.jpg", "host_not_allowed"],
    ["a redirect to a private host", img("redirect-to-private"), "host_not_allowed"],
    ["not a URL", "dog.jpg", "invalid_url"],
  ];
  for (const [what, url, code] of cases) {
    it(`${what}: ${code}`, async () => {
      const result = await clusterOk({ images: [...GOOD, { url, id: "bad" }], k: 2 });
      const status = code === "http_error" ? { status: 404 } : {};
      expect(result.errors).toEqual([{ id: "bad", url, code, message: expect.any(String), ...status }]);
      expect(result.stats).toMatchObject({ images: 4, failed: 1 });
      await expectGoodClustered(result);
    });
  }

  it("follows a redirect to a public image", async () => {
    const result = await clusterOk({ images: [...GOOD, { url: img("redirect-to-dog"), id: "moved" }], k: 2 });
    expect(result.errors).toEqual([]);
    expect(result.duplicates).toContainEqual(["dog", "moved"]);
  });

  it("reports a bad uploaded file and clusters the good ones", async () => {
    const form = new FormData();
    form.append("images", new File([await bytesOf("photos/dog.jpg")], "dog.jpg"));
    form.append("images", new File([await bytesOf("photos/eagle.jpg")], "eagle.jpg"));
    form.append("images", new File([new TextEncoder().encode("hello")], "notes.txt"));
    form.append("images", new File([(await bytesOf("photos/kite.jpg")).slice(0, 5000)], "kite-cut.jpg"));
    form.append("images", new File([new Uint8Array(3_100_000)], "huge.jpg"));
    const res = await postCluster(form, {});
    expect(res.status).toBe(200);
    const result = await res.json<{ errors: { id: string; code: string }[]; images: { id: string }[] }>();
    expect(result.errors.map((e) => [e.id, e.code])).toEqual([
      ["notes.txt", "unsupported_format"],
      ["kite-cut.jpg", "truncated"],
      ["huge.jpg", "too_large"],
    ]);
    expect(result.images.map((i) => i.id)).toEqual(["dog.jpg", "eagle.jpg"]);
  });
});

describe("a request wrong as a whole is a 4xx naming the field", () => {
  const json = { "content-type": "application/json" };
  const cases: [string, () => Promise<Response>, number, string, string | undefined][] = [
    ["malformed JSON", () => postCluster("{ images: ", json), 400, "invalid_json", undefined],
    ["no images", () => postCluster({ images: [] }), 400, "invalid_request", "images"],
    ["images missing", () => postCluster({ k: 2 }), 400, "invalid_request", "images"],
    ["an image without url", () => postCluster({ images: [{ id: "x" }] }), 400, "invalid_request", "images[0].url"],
    ["too many images", () => postCluster({ images: Array.from({ length: 65 }, (_, i) => ({ url: img(`x/${i}.jpg`) })) }), 400, "too_many_images", "images"],
    ["k = 0", () => postCluster({ images: GOOD, k: 0 }), 400, "invalid_request", "k"],
    ["k = 1.5", () => postCluster({ images: GOOD, k: 1.5 }), 400, "invalid_request", "k"],
    ['k = "many"', () => postCluster({ images: GOOD, k: "many" }), 400, "invalid_request", "k"],
    ["a duplicate id", () => postCluster({ images: [GOOD[0], { ...GOOD[1], id: "dog" }] }), 400, "duplicate_id", "images[1].id"],
    ["plain text", () => postCluster("dog.jpg", { "content-type": "text/plain" }), 415, "unsupported_media_type", "content-type"],
    ["no usable image", () => postCluster({ images: [{ url: img("status/404") }] }), 422, "no_usable_images", undefined],
  ];
  for (const [what, send, status, code, field] of cases) {
    it(`${what}: ${status} ${code}`, async () => {
      const res = await send();
      expect(res.status).toBe(status);
      const body = await res.json<{ error: { code: string; message: string; field?: string } }>();
      expect(body.error.code).toBe(code);
      expect(body.error.message.length).toBeGreaterThan(5);
      expect(body.error.field).toBe(field);
    });
  }

  it("uses at most as many clusters as usable images, with a warning", async () => {
    const result = await clusterOk({ images: [...GOOD, { url: img("status/404") }], k: 5 });
    expect(result.k).toBe(3);
    expect(result.warnings).toHaveLength(1);
  });
});
