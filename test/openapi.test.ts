import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { app } from "../src/index.ts";
import { clusterResponseSchema } from "../src/schemas/cluster.ts";
import { clusterOk, PHOTOS } from "./helpers.ts";

describe("GET /openapi.json", () => {
  it("documents every route, POST /v1/cluster with the schema that real responses satisfy", async () => {
    const res = await app.request("/openapi.json", {}, env);
    expect(res.status).toBe(200);
    const doc = await res.json<{
      openapi: string;
      paths: Record<string, { post?: unknown; get?: { parameters: { name: string }[] } }>;
      components: { schemas: Record<string, { required?: string[] }> };
    }>();
    expect(doc.openapi).toBe("3.1.0");
    expect(doc.paths["/v1/cluster"]?.post).toBeDefined();
    expect(doc.paths["/v1/queries/{q}/clusters"]?.get?.parameters.map((p) => p.name)).toEqual(["q", "source", "limit", "k", "clusters", "seed"]);
    expect(doc.paths["/v1/queries/popular"]?.get).toBeDefined();
    for (const path of ["/v1/webhooks/{provider}", "/v1/images/{id}", "/v1/images/{id}/similar"]) expect(doc.paths[path], path).toBeDefined();
    expect(doc.components.schemas.ClusterResponse?.required).toEqual(
      expect.arrayContaining(["clusters", "duplicates", "diversified", "dominant", "errors"]),
    );
    const result = await clusterOk({ images: PHOTOS.slice(0, 3).map((url) => ({ url })), k: 2 });
    expect(clusterResponseSchema.safeParse(result).success).toBe(true);
  });

  it("answers unknown routes with the JSON error shape", async () => {
    const res = await app.request("/v2/nothing", {}, env);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "no route for GET /v2/nothing" } });
  });
});
