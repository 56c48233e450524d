import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index.ts";
import { getEmbedder } from "../src/runtime.ts";
import { queryResponseSchema, type QueryResponse } from "../src/schemas/query.ts";
import { normaliseQuery, queryIdentity } from "../src/services/queries.ts";

/** Calls the Worker with an execution context, and waits for its background work. */
async function get(path: string, headers: Record<string, string> = {}, bindings: Env = env) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`https://semclust.test${path}`, { headers }), bindings, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

const searches = async () => (await (await fetch("https://api.openverse.org/__calls")).json<{ searches: number }>()).searches;

async function ageResult(spec: Parameters<typeof queryIdentity>[0], seconds: number) {
  const { key } = await queryIdentity(spec);
  const entry = await env.KV.get<{ storedAt: number }>(`result/${key}`, "json");
  await env.KV.put(`result/${key}`, JSON.stringify({ ...entry!, storedAt: entry!.storedAt - seconds }));
}

describe("GET /v1/queries/{q}/clusters", () => {
  it("searches, embeds and clusters on a miss, then serves the cache with no search and no inference", async () => {
    const embedder = await getEmbedder();
    const [searchesBefore, inferencesBefore] = [await searches(), embedder.images];
    const miss = await get("/v1/queries/apple/clusters?k=2&limit=12");
    expect(miss.status).toBe(200);
    expect(miss.headers.get("x-cache")).toBe("MISS");
    const body = await miss.json<QueryResponse>();
    expect(queryResponseSchema.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ query: "apple", source: "openverse" });
    expect(body.hits.length).toBeGreaterThan(0);
    expect(body.clusters.reduce((n, c) => n + c.size, 0)).toBe(body.images.length);
    expect(await searches()).toBe(searchesBefore + 1);
    expect(embedder.images).toBeGreaterThan(inferencesBefore);

    const [searchesMid, inferencesMid] = [await searches(), embedder.images];
    const hit = await get("/v1/queries/%20%20APPLE%0A/clusters?limit=12&k=2");
    expect(hit.headers.get("x-cache")).toBe("HIT");
    expect(hit.headers.get("etag")).toBe(miss.headers.get("etag"));
    expect(await hit.json()).toEqual(body);
    expect(await searches()).toBe(searchesMid);
    expect(embedder.images).toBe(inferencesMid);

    const notModified = await get("/v1/queries/apple/clusters?k=2&limit=12", { "if-none-match": miss.headers.get("etag")! });
    expect(notModified.status).toBe(304);
    expect(notModified.headers.get("cache-control")).toMatch(/max-age=\d+, stale-while-revalidate=\d+/);
  });

  it("serves a stale result at once and refreshes it in the background, once", async () => {
    const spec = { query: "apple", source: "openverse", limit: 8, k: "auto" as const, seed: 1, clusters: undefined };
    await get("/v1/queries/apple/clusters?limit=8");
    await ageResult(spec, 7200);
    const before = await searches();
    const [a, b] = await Promise.all([get("/v1/queries/apple/clusters?limit=8"), get("/v1/queries/Apple/clusters?limit=8")]);
    expect([a.headers.get("x-cache"), b.headers.get("x-cache")]).toEqual(["STALE", "STALE"]);
    expect(await searches()).toBe(before + 1);
    const fresh = await get("/v1/queries/apple/clusters?limit=8");
    expect(fresh.headers.get("x-cache")).toBe("HIT");
    expect(Number(fresh.headers.get("age"))).toBeLessThan(60);
  });

  it("answers an empty search with an empty result, and source errors with 4xx/5xx JSON", async () => {
    const empty = await get("/v1/queries/nothingatall/clusters");
    expect(empty.status).toBe(200);
    expect(await empty.json()).toMatchObject({ clusters: [], hits: [], dominant: null });
    const throttled = await get("/v1/queries/throttle/clusters");
    expect(throttled.status).toBe(503);
    expect(await throttled.json()).toMatchObject({ error: { code: "source_unavailable" } });
    for (const [path, field] of [
      ["/v1/queries/apple/clusters?source=bing", "source"],
      ["/v1/queries/apple/clusters?k=0", "k"],
      ["/v1/queries/apple/clusters?limit=500", "limit"],
      ["/v1/queries/%20/clusters", "q"],
    ] as const) {
      const res = await get(path);
      expect(res.status, path).toBe(400);
      expect((await res.json<{ error: { field: string } }>()).error.field, path).toBe(field);
    }
  });

  it("normalises case, width and whitespace", () => {
    expect(normaliseQuery("  ＡＰＰＬＥ \t Pie ")).toBe("apple pie");
    expect(normaliseQuery("Cafe\u0301")).toBe("café");
  });

  it("sends CORS headers for allowed origins", async () => {
    const res = await get("/v1/queries/popular", { origin: "https://site.example" });
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    const strict = { ...env, CORS_ORIGINS: "https://site.example" };
    const allowed = await get("/v1/queries/popular", { origin: "https://site.example" }, strict);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://site.example");
    const denied = await get("/v1/queries/popular", { origin: "https://evil.example" }, strict);
    expect(denied.headers.get("access-control-allow-origin")).toBeNull();
  });
});
