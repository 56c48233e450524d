import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import worker from "../src/index.ts";
import { popularResponseSchema } from "../src/schemas/query.ts";
import { img } from "./helpers.ts";

async function get(path: string) {
  const ctx = createExecutionContext();
  const res = await worker.fetch(new Request(`https://semclust.test${path}`), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

async function runCron(at: number, bindings: Partial<Env> = {}) {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ scheduledTime: at * 1000, cron: "*/15 * * * *" }), { ...env, ...bindings } as Env, ctx);
  await waitOnExecutionContext(ctx);
}

const row = (query: string) =>
  env.DB.prepare("SELECT hits, refreshed_at, last_error FROM queries WHERE query = ?1 AND source = 'catalogue'")
    .bind(query)
    .first<{ hits: number; refreshed_at: number; last_error: string | null }>();

beforeAll(async () => {
  const now = Math.floor(Date.now() / 1000);
  const images = [
    ["c1", "caltech/strawberry/image_0001.jpg", "Fruitcake with strawberry"],
    ["c2", "caltech/laptop/image_0001.jpg", "Fruitcake recipe on a laptop"],
    ["c3", "caltech/strawberry/image_0005.jpg", "Strawberries for the fruitcake"],
    ["p1", "caltech/ibis/image_0001.jpg", "Penguin? no, an ibis"],
    ["p2", "caltech/flamingo/image_0002.jpg", "Penguin parade poster"],
  ];
  await env.DB.batch(
    images.map(([id, path, title]) =>
      env.DB.prepare("INSERT INTO images (id, url, title, status, created_at, updated_at) VALUES (?1, ?2, ?3, 'indexed', ?4, ?4)").bind(
        id, img(path!), title, now,
      ),
    ),
  );
});

describe("popular queries and the cron refresh", () => {
  it("counts served queries in D1 and lists the top ones with their cache age", async () => {
    for (const q of ["fruitcake", "Fruitcake", "FRUITCAKE", "penguin"]) {
      expect((await get(`/v1/queries/${q}/clusters?source=catalogue&k=2`)).status).toBe(200);
    }
    const res = await get("/v1/queries/popular?limit=100");
    const { queries } = popularResponseSchema.parse(await res.json());
    const mine = queries.filter((q) => q.source === "catalogue" && ["fruitcake", "penguin"].includes(q.query));
    expect(mine.map((q) => [q.query, q.count])).toEqual([["fruitcake", 3], ["penguin", 1]]);
    expect(mine[0]!.ageSeconds).toBeGreaterThanOrEqual(0);
  });

  it("refreshes the most popular stale queries, bounded per run, and leaves the rest", async () => {
    const later = Math.floor(Date.now() / 1000) + 7200;
    const before = { fruitcake: await row("fruitcake"), penguin: await row("penguin") };
    await runCron(later, { REFRESH_MAX_PER_RUN: "1" });
    expect((await row("fruitcake"))!.refreshed_at).toBe(later);
    expect((await row("penguin"))!.refreshed_at).toBe(before.penguin!.refreshed_at);
  });

  it("keeps the previous result when a refresh fails, and records why", async () => {
    const previous = await (await get("/v1/queries/penguin/clusters?source=catalogue&k=2")).json<{ hits: unknown[] }>();
    await env.DB.prepare("UPDATE images SET url = ?1 WHERE id IN ('p1', 'p2')").bind(img("status/404")).run();
    const later = Math.floor(Date.now() / 1000) + 3 * 7200;
    await runCron(later);
    const penguin = await row("penguin");
    expect(penguin!.last_error).toMatch(/could be used/);
    expect((await row("fruitcake"))!.refreshed_at).toBe(later);
    const served = await get("/v1/queries/penguin/clusters?source=catalogue&k=2");
    expect(served.status).toBe(200);
    expect(await served.json()).toEqual(expect.objectContaining({ hits: previous.hits }));
  });
});
