import type { Config } from "../config.ts";
import { ApiError } from "../errors.ts";
import type { QueryParams } from "../schemas/query.ts";
import { assertSourceEnabled } from "../sources/index.ts";
import { normaliseQuery, queryIdentity, refreshQuery } from "./queries.ts";
import { acquireRefreshLease, countServed, type QueryIdentity } from "./query-stats.ts";
import { readResult, type CachedResult } from "./result-cache.ts";
import { nowSeconds } from "../time.ts";

/** Where a served result came from, as the `X-Cache` header says it. */
export type CacheState = "HIT" | "STALE" | "MISS";

/** A query result ready to send, with how it was obtained. */
export interface ServedQuery {
  cached: CachedResult;
  state: CacheState;
  now: number;
}

/**
 * The one way a query is answered, shared by the JSON endpoint and the server-rendered page so
 * both count, cache and refresh identically: normalise and check the query and source, count it,
 * serve the cached result (refreshing it in the background once stale) or compute it now.
 */
export async function serveQuery(
  env: Env,
  config: Config,
  waitUntil: (work: Promise<unknown>) => void,
  rawQuery: string,
  params: QueryParams,
): Promise<ServedQuery> {
  const query = normaliseQuery(rawQuery);
  if (!query || query.length > 200) {
    throw new ApiError(400, "invalid_request", "q: give a query of 1 to 200 characters", { field: "q" });
  }
  const source = params.source ?? config.defaultSource;
  assertSourceEnabled(config, source);
  const identity = await queryIdentity({ ...params, source, query });
  const now = nowSeconds();
  const counted = countServed(env.DB, identity, now);
  const cached = await readResult(env, identity.key);
  if (!cached) {
    await counted;
    return { cached: await refreshQuery(env, config, identity, now), state: "MISS", now };
  }
  const stale = now - cached.storedAt >= config.queryFreshSeconds;
  waitUntil(stale ? counted.then(() => refreshInBackground(env, config, identity, now)) : counted);
  return { cached, state: stale ? "STALE" : "HIT", now };
}

/** One refresh per key at a time: whoever gets the lease refreshes, everyone else serves stale. */
async function refreshInBackground(env: Env, config: Config, identity: QueryIdentity, now: number) {
  if (!(await acquireRefreshLease(env.DB, identity, now))) return;
  await refreshQuery(env, config, identity, now).catch((error: unknown) => {
    console.warn("background refresh failed; the stale result stays", identity.query, error);
  });
}
