import { sha256Hex } from "./embedding-cache.ts";

/** A finished query result as it was served: the exact body, so ETags stay stable. */
export interface CachedResult {
  body: string;
  etag: string;
  storedAt: number;
}

/** What KV holds: the body itself when small, else a pointer to R2 (KV values cost per byte). */
interface Entry {
  etag: string;
  storedAt: number;
  body?: string;
  r2?: string;
}

const kvKey = (key: string) => `result/${key}`;
const r2Key = (key: string) => `results/${key}.json`;

export async function readResult(env: Env, key: string): Promise<CachedResult | null> {
  const entry = await env.KV.get<Entry>(kvKey(key), "json");
  if (!entry) return null;
  if (entry.body !== undefined) return { body: entry.body, etag: entry.etag, storedAt: entry.storedAt };
  const object = entry.r2 ? await env.BUCKET.get(entry.r2) : null;
  return object ? { body: await object.text(), etag: entry.etag, storedAt: entry.storedAt } : null;
}

/**
 * Stores a result for `ttlSeconds` (freshness plus the stale window): inline in KV up to
 * `inlineMaxBytes`, else the body in R2 and a pointer in KV.
 */
export async function writeResult(
  env: Env,
  key: string,
  body: string,
  options: { inlineMaxBytes: number; ttlSeconds: number; now: number },
): Promise<CachedResult> {
  const etag = `"${(await sha256Hex(body)).slice(0, 32)}"`;
  const size = new TextEncoder().encode(body).byteLength;
  const entry: Entry = { etag, storedAt: options.now };
  if (size <= options.inlineMaxBytes) entry.body = body;
  else {
    entry.r2 = r2Key(key);
    await env.BUCKET.put(entry.r2, body, { httpMetadata: { contentType: "application/json" } });
  }
  await env.KV.put(kvKey(key), JSON.stringify(entry), { expirationTtl: Math.max(60, Math.ceil(options.ttlSeconds)) });
  return { body, etag, storedAt: options.now };
}

/** Drops a cached result (KV entry and any R2 body), e.g. when an image in it was deleted. */
export async function deleteResult(env: Env, key: string): Promise<void> {
  await Promise.all([env.KV.delete(kvKey(key)), env.BUCKET.delete(r2Key(key))]);
}
