import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { readConfig, type Config } from "../config.ts";
import { ApiError } from "../errors.ts";
import { queryParamsSchema } from "../schemas/query.ts";
import { normaliseQuery, queryIdentity, refreshQuery } from "../services/queries.ts";
import { acquireRefreshLease, countServed, popularQueries, type QueryIdentity } from "../services/query-stats.ts";
import { readResult, type CachedResult } from "../services/result-cache.ts";
import { assertSourceEnabled } from "../sources/index.ts";
import { parseOrThrow } from "../validation.ts";

const nowSeconds = () => Math.floor(Date.now() / 1000);
const iso = (seconds: number | null) => (seconds === null ? null : new Date(seconds * 1000).toISOString());

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
        lastServedAt: iso(row.last_served_at),
        refreshedAt: iso(row.refreshed_at),
        ageSeconds: row.refreshed_at === null ? null : now - row.refreshed_at,
        lastError: row.last_error,
      })),
    });
  })
  .get("/:q/clusters", async (c) => {
    const config = readConfig(c.env);
    const params = parseOrThrow(queryParamsSchema, c.req.query());
    const query = normaliseQuery(c.req.param("q"));
    if (!query || query.length > 200) {
      throw new ApiError(400, "invalid_request", "q: give a query of 1 to 200 characters", { field: "q" });
    }
    const source = params.source ?? config.defaultSource;
    assertSourceEnabled(config, source);
    const identity = await queryIdentity({ ...params, source, query });
    const now = nowSeconds();
    const counted = countServed(c.env.DB, identity, now);
    const cached = await readResult(c.env, identity.key);
    if (!cached) {
      await counted;
      return respond(c, await refreshQuery(c.env, config, identity, now), "MISS", config, now);
    }
    const stale = now - cached.storedAt >= config.queryFreshSeconds;
    c.executionCtx.waitUntil(stale ? counted.then(() => refreshInBackground(c.env, config, identity, now)) : counted);
    return respond(c, cached, stale ? "STALE" : "HIT", config, now);
  });

/** One refresh per key at a time: whoever gets the lease refreshes, everyone else serves stale. */
async function refreshInBackground(env: Env, config: Config, identity: QueryIdentity, now: number) {
  if (!(await acquireRefreshLease(env.DB, identity, now))) return;
  await refreshQuery(env, config, identity, now).catch((error: unknown) => {
    console.warn("background refresh failed; the stale result stays", identity.query, error);
  });
}

function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((tag) => {
    const t = tag.trim();
    return t === "*" || t.replace(/^W\//, "") === etag;
  });
}

function respond(c: Context<AppEnv>, cached: CachedResult, state: "HIT" | "STALE" | "MISS", config: Config, now: number) {
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
