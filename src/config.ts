import { OPENVERSE_BASE_URL } from "./sources/openverse.ts";

/** Limits and knobs from `vars` in wrangler.jsonc, parsed with safe fallbacks. */
export interface Config {
  maxImages: number;
  maxImageBytes: number;
  maxPixels: number;
  fetchTimeoutMs: number;
  urlCacheTtlSeconds: number;
  duplicateThreshold: number;
  sources: string[];
  defaultSource: string;
  openverse: { baseUrl: string; pageSize: number; licenseType: string };
  queryFreshSeconds: number;
  queryStaleSeconds: number;
  resultInlineMaxBytes: number;
  refreshOlderThanSeconds: number;
  refreshMaxPerRun: number;
  corsOrigins: string[];
  /** "true" only for local benchmarks that serve images from loopback. */
  allowPrivateImageHosts: boolean;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

const list = (value: string | undefined) => (value ?? "").split(",").map((s) => s.trim()).filter(Boolean);

export function readConfig(env: Env): Config {
  const sources = list(env.SOURCES);
  return {
    maxImages: positive(env.MAX_IMAGES, 64),
    maxImageBytes: positive(env.MAX_IMAGE_BYTES, 10 * 1024 * 1024),
    maxPixels: positive(env.MAX_PIXELS, 12_000_000),
    fetchTimeoutMs: positive(env.FETCH_TIMEOUT_MS, 10_000),
    urlCacheTtlSeconds: Math.max(60, positive(env.URL_CACHE_TTL_SECONDS, 86_400)),
    duplicateThreshold: positive(env.DUPLICATE_THRESHOLD, 0.9),
    sources,
    defaultSource: env.DEFAULT_SOURCE || sources[0] || "openverse",
    openverse: {
      baseUrl: env.OPENVERSE_BASE_URL || OPENVERSE_BASE_URL,
      pageSize: positive(env.OPENVERSE_PAGE_SIZE, 20),
      licenseType: env.OPENVERSE_LICENSE_TYPE ?? "",
    },
    queryFreshSeconds: positive(env.QUERY_FRESH_SECONDS, 3600),
    queryStaleSeconds: positive(env.QUERY_STALE_SECONDS, 7 * 86_400),
    resultInlineMaxBytes: positive(env.RESULT_INLINE_MAX_BYTES, 65_536),
    refreshOlderThanSeconds: positive(env.REFRESH_OLDER_THAN_SECONDS, 3600),
    refreshMaxPerRun: positive(env.REFRESH_MAX_PER_RUN, 5),
    corsOrigins: list(env.CORS_ORIGINS),
    allowPrivateImageHosts: env.ALLOW_PRIVATE_IMAGE_HOSTS === "true",
  };
}
