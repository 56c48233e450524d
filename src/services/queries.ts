import { MODEL_ID } from "../core/model.ts";
import type { Config } from "../config.ts";
import { ApiError } from "../errors.ts";
import type { QueryParams, QueryResponse } from "../schemas/query.ts";
import { getSource } from "../sources/index.ts";
import { clusterSources } from "./cluster-sources.ts";
import { sha256Hex } from "./embedding-cache.ts";
import { recordFailure, recordRefreshed, recordResultImages, type QueryIdentity } from "./query-stats.ts";
import { writeResult, type CachedResult } from "./result-cache.ts";

/** A query with every option resolved: what a cached result is keyed by. */
export interface QuerySpec extends Omit<QueryParams, "source"> {
  query: string;
  source: string;
}

/** Case, width and whitespace variants of one query share a cache entry. */
export function normaliseQuery(raw: string): string {
  return raw.normalize("NFKC").toLowerCase().replace(/\s+/gu, " ").trim();
}

export async function queryIdentity(spec: QuerySpec): Promise<QueryIdentity> {
  const options = JSON.stringify({ limit: spec.limit, k: spec.k, clusters: spec.clusters ?? null, seed: spec.seed });
  const key = await sha256Hex(JSON.stringify([MODEL_ID, spec.source, spec.query, options]));
  return { key, query: spec.query, source: spec.source, options };
}

/** Rebuilds a spec from a stored identity, for the cron refresh. */
export function specFromIdentity(q: Pick<QueryIdentity, "query" | "source" | "options">): QuerySpec {
  const options = JSON.parse(q.options) as Omit<QuerySpec, "query" | "source" | "clusters"> & { clusters: number | null };
  return { ...options, clusters: options.clusters ?? undefined, query: q.query, source: q.source };
}

/** Search, embed through the cache, cluster: the result the endpoint and the cron both store. */
export async function computeQuery(env: Env, config: Config, spec: QuerySpec): Promise<QueryResponse> {
  const hits = await getSource(env, config, spec.source).search(spec.query, { limit: spec.limit });
  const base = { query: spec.query, source: spec.source, generatedAt: new Date().toISOString(), hits };
  if (hits.length === 0) {
    return {
      ...base, model: MODEL_ID, k: 0, kChosenBy: spec.k === "auto" ? "silhouette" : "given", silhouette: null,
      dominant: null, clusters: [], duplicates: [], diversified: [], images: [], errors: [], clustersOmitted: 0,
      warnings: [`the ${spec.source} source found no images for "${spec.query}"`],
      stats: { images: 0, inferred: 0, cached: 0, failed: 0 },
    };
  }
  const sources = hits.map((hit) => ({ id: hit.id, url: hit.url, ...(hit.sha256 ? { sha256: hit.sha256 } : {}) }));
  try {
    const result = await clusterSources(env, config, sources, { k: spec.k, seed: spec.seed, includeCentroids: false });
    const shown = spec.clusters ? result.clusters.slice(0, spec.clusters) : result.clusters;
    return { ...result, ...base, clusters: shown, clustersOmitted: result.clusters.length - shown.length };
  } catch (error) {
    if (error instanceof ApiError && error.code === "no_usable_images") {
      throw new ApiError(502, "no_usable_images", `none of the ${hits.length} images from ${spec.source} could be used`, {
        details: error.details,
      });
    }
    throw error;
  }
}

/**
 * Computes and stores a result and records it; a failure keeps whatever was cached before and
 * is recorded against the query. The caller holds the refresh lease.
 */
export async function refreshQuery(env: Env, config: Config, identity: QueryIdentity, now: number): Promise<CachedResult> {
  try {
    const result = await computeQuery(env, config, specFromIdentity(identity));
    const cached = await writeResult(env, identity.key, JSON.stringify(result), {
      inlineMaxBytes: config.resultInlineMaxBytes,
      ttlSeconds: config.queryFreshSeconds + config.queryStaleSeconds,
      now,
    });
    await recordRefreshed(env.DB, identity.key, now);
    if (identity.source === "catalogue") await recordResultImages(env.DB, identity.key, result.images.map((i) => i.id));
    return cached;
  } catch (error) {
    await recordFailure(env.DB, identity.key, now, (error as Error).message);
    throw error;
  }
}
