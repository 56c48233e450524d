/** Limits and knobs from `vars` in wrangler.jsonc, parsed once per request with safe fallbacks. */
export interface Config {
  maxImages: number;
  maxImageBytes: number;
  maxPixels: number;
  fetchTimeoutMs: number;
  urlCacheTtlSeconds: number;
  duplicateThreshold: number;
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : fallback;
}

export function readConfig(env: Env): Config {
  return {
    maxImages: positive(env.MAX_IMAGES, 64),
    maxImageBytes: positive(env.MAX_IMAGE_BYTES, 10 * 1024 * 1024),
    maxPixels: positive(env.MAX_PIXELS, 12_000_000),
    fetchTimeoutMs: positive(env.FETCH_TIMEOUT_MS, 10_000),
    urlCacheTtlSeconds: Math.max(60, positive(env.URL_CACHE_TTL_SECONDS, 86_400)),
    duplicateThreshold: positive(env.DUPLICATE_THRESHOLD, 0.9),
  };
}
