import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { readConfig, type Config } from "../config.ts";
import { queryParamsSchema } from "../schemas/query.ts";
import { popularQueries } from "../services/query-stats.ts";
import type { CachedResult } from "../services/result-cache.ts";
import { serveQuery, type CacheState } from "../services/serve-query.ts";
import { isoFromSeconds, nowSeconds } from "../time.ts";
import { parseOrThrow } from "../validation.ts";

/** GET /v1/queries/popular and GET /v1/queries/{q}/clusters (cached, stale-while-revalidate). */
export const queriesRoute = new Hono<AppEnv>()
  .get("/popular", async (c) => {
    const { limit } = parseOrThrow(z.object({ limit: z.coerce.number().int().min(1).max(100).default(20) }), c.req.query());
    const now = nowSeconds();
    const rows = await popularQueries(c.env.DB, limit);
    return c.json({
      queries: rows.map((row) => ({
        query: row.query,
        source: row.source,
        options: JSON.parse(row.options) as Record<string, unknown>,
        count: row.hits,
        lastServedAt: isoFromSeconds(row.last_served_at),
        refreshedAt: isoFromSeconds(row.refreshed_at),
        ageSeconds: row.refreshed_at === null ? null : now - row.refreshed_at,
        lastError: row.last_error,
      })),
    });
  })
  .get("/:q/clusters", async (c) => {
    const config = readConfig(c.env);
    const params = parseOrThrow(queryParamsSchema, c.req.query());
    const { cached, state, now } = await serveQuery(c.env, config, (work) => c.executionCtx.waitUntil(work), c.req.param("q"), params);
    return respond(c, cached, state, config, now);
  });

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

function respond(c: Context<AppEnv>, cached: CachedResult, state: CacheState, config: Config, now: number) {
  const age = Math.max(0, now - cached.storedAt);
  const headers = {
    etag: cached.etag,
    "cache-control": `public, max-age=${Math.max(0, config.queryFreshSeconds - age)}, stale-while-revalidate=${config.queryStaleSeconds}`,
    age: String(age),
    "x-cache": state,
  };
  if (etagMatches(c.req.header("if-none-match"), cached.etag)) return c.body(null, 304, headers);
  return c.body(cached.body, 200, { ...headers, "content-type": "application/json; charset=UTF-8" });
}
