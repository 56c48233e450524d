import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { img } from "./helpers.ts";
import { call, sendGeneric, status, upsert, waitForStatus } from "./webhook-helpers.ts";

const events = async (id: string) =>
  (await env.DB.prepare("SELECT COUNT(*) AS n FROM webhook_events WHERE image_id = ?1").bind(id).first<{ n: number }>())!.n;

describe("POST /v1/webhooks/generic", () => {
  it("answers 202, indexes through the real queue, and indexes a redelivered event once", async () => {
    const event = upsert("evt-eagle-1", "eagle", img("photos/eagle.jpg"), { title: "Eagle over the lake", tags: ["bird", "lake"] });
    const first = await sendGeneric(event);
    expect(first.status).toBe(202);
    expect(await first.json()).toMatchObject({ received: 1, queued: 1, duplicates: 0, ids: ["generic:eagle"] });
    const again = await sendGeneric(event);
    expect(await again.json()).toMatchObject({ queued: 0, duplicates: 1 });
    expect(await events("generic:eagle")).toBe(1);

    expect(await waitForStatus("generic:eagle", ["indexed", "failed"])).toBe("indexed");
    const res = await call(new Request("https://semclust.test/v1/images/generic:eagle"));
    const image = await res.json<{ title: string; tags: string[]; labels: { label: string }[]; sha256: string }>();
    expect(image).toMatchObject({ title: "Eagle over the lake", tags: ["bird", "lake"] });
    expect(image.labels[0]!.label).toBe("bald eagle");
    expect(image.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  const refused: [string, () => Promise<Response>, number, string][] = [
    ["a wrong secret", () => sendGeneric(upsert("evt-x1", "x1", img("photos/dog.jpg")), { secret: "guess" }), 401, "invalid_signature"],
    ["an old timestamp", () => sendGeneric(upsert("evt-x2", "x2", img("photos/dog.jpg")), { timestamp: Math.floor(Date.now() / 1000) - 3600 }), 401, "stale_timestamp"],
    ["malformed JSON", () => sendGeneric("{ not json"), 400, "invalid_payload"],
    ["a wrong shape", () => sendGeneric({ id: "evt-x3", type: "image.rename", image: { id: "x3" } }), 400, "invalid_request"],
    ["an upsert without url or file", () => sendGeneric({ id: "evt-x4", type: "image.upsert", image: { id: "x4" } }), 400, "invalid_payload"],
    [
      "no signature headers",
      () => call(new Request("https://semclust.test/v1/webhooks/generic", { method: "POST", body: JSON.stringify(upsert("evt-x5", "x5", img("photos/dog.jpg"))) })),
      401,
      "invalid_signature",
    ],
    ["an unknown provider", () => call(new Request("https://semclust.test/v1/webhooks/wordpress", { method: "POST", body: "{}" })), 404, "unknown_provider"],
  ];
  for (const [what, send, code, error] of refused) {
    it(`refuses ${what} with ${code} ${error} and writes nothing`, async () => {
      const before = await env.DB.prepare("SELECT (SELECT COUNT(*) FROM images) + (SELECT COUNT(*) FROM webhook_events) AS n").first<{ n: number }>();
      const res = await send();
      expect(res.status).toBe(code);
      expect((await res.json<{ error: { code: string } }>()).error.code).toBe(error);
      const after = await env.DB.prepare("SELECT (SELECT COUNT(*) FROM images) + (SELECT COUNT(*) FROM webhook_events) AS n").first<{ n: number }>();
      expect(after!.n).toBe(before!.n);
    });
  }

  it("finds a re-encoded copy of an indexed image, uploaded as a file, and its neighbours", async () => {
    await sendGeneric(upsert("evt-dog-1", "dog", img("photos/dog.jpg"), { title: "Sled dog" }));
    await sendGeneric(upsert("evt-horses-1", "horses", img("photos/horses.jpg"), { title: "Horses" }));
    await waitForStatus("generic:dog", ["indexed"]);
    await waitForStatus("generic:horses", ["indexed"]);

    const copy = new Uint8Array(await (await fetch(img("fixtures/dog-half.webp"))).arrayBuffer());
    const form = new FormData();
    const event = JSON.stringify({ id: "evt-dogcopy-1", type: "image.upsert", image: { id: "dog-copy", title: "Same dog, smaller" } });
    form.append("event", event);
    form.append("file", new File([copy], "dog-half.webp", { type: "image/webp" }));
    const multipart = new Response(form);
    const bytes = new Uint8Array(await multipart.arrayBuffer());
    const res = await sendGeneric(bytes, { contentType: multipart.headers.get("content-type")! });
    expect(res.status).toBe(202);
    expect(await waitForStatus("generic:dog-copy", ["indexed", "failed"])).toBe("indexed");

    const image = await (await call(new Request("https://semclust.test/v1/images/generic:dog-copy"))).json<{ duplicates: { id: string }[]; fileName: string }>();
    expect(image.duplicates.map((d) => d.id)).toEqual(["generic:dog"]);
    expect(image.fileName).toBe("dog-half.webp");
    const original = await (await call(new Request("https://semclust.test/v1/images/generic:dog"))).json<{ duplicates: { id: string }[] }>();
    expect(original.duplicates.map((d) => d.id)).toContain("generic:dog-copy");
    const similar = await (await call(new Request("https://semclust.test/v1/images/generic:dog-copy/similar?limit=2"))).json<{ similar: { id: string; similarity: number }[] }>();
    expect(similar.similar[0]!.id).toBe("generic:dog");
    expect(similar.similar[0]!.similarity).toBeGreaterThan(similar.similar[1]!.similarity);

    const file = await call(new Request("https://semclust.test/v1/images/generic:dog-copy/file"));
    expect(file.headers.get("content-type")).toBe("image/webp");
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(copy);
    const query = await call(new Request("https://semclust.test/v1/queries/smaller/clusters?source=catalogue"));
    const result = await query.json<{ hits: { url: string }[]; images: { id: string }[]; stats: { inferred: number; cached: number } }>();
    expect(result.hits.map((h) => h.url)).toEqual(["/v1/images/generic%3Adog-copy/file"]);
    expect(result.images.map((i) => i.id)).toEqual(["generic:dog-copy"]);
    expect(result.stats).toMatchObject({ inferred: 0, cached: 1 });
  });

  it("deletes an image from the catalogue and from the cached query results that show it", async () => {
    await sendGeneric(upsert("evt-kite-1", "kite", img("photos/kite.jpg"), { title: "Zebrakite festival" }));
    await waitForStatus("generic:kite", ["indexed"]);
    const query = await call(new Request("https://semclust.test/v1/queries/zebrakite/clusters?source=catalogue"));
    expect(query.status).toBe(200);
    expect((await query.json<{ images: { id: string }[] }>()).images.map((i) => i.id)).toEqual(["generic:kite"]);
    const cachedBefore = await env.KV.list({ prefix: "result/" });

    expect((await sendGeneric({ id: "evt-kite-2", type: "image.delete", image: { id: "kite" } })).status).toBe(202);
    for (let i = 0; i < 100 && (await status("generic:kite")); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await status("generic:kite")).toBeNull();
    expect((await call(new Request("https://semclust.test/v1/images/generic:kite"))).status).toBe(404);
    const cachedAfter = await env.KV.list({ prefix: "result/" });
    expect(cachedAfter.keys.length).toBe(cachedBefore.keys.length - 1);
    const again = await call(new Request("https://semclust.test/v1/queries/zebrakite/clusters?source=catalogue"));
    expect(again.headers.get("x-cache")).toBe("MISS");
    expect(await again.json()).toMatchObject({ images: [], hits: [] });
  });
});
