import { ImageError, type ImageErrorCode } from "../core/image/errors.ts";
import type { Embedder } from "../core/onnx-session.ts";
import { embedInputs, imageToInput, type ImageVectors } from "../core/pipeline.ts";
import type { Config } from "../config.ts";
import { lookupUrl, readVectors, rememberUrl, sha256Hex, writeVectors } from "./embedding-cache.ts";
import { fetchImage } from "./fetch-image.ts";

/** An image to embed: a URL to fetch, or bytes a client uploaded. */
export interface ImageSource {
  id: string;
  url?: string;
  bytes?: Uint8Array;
  /** Known content hash (catalogue images): the cached embedding is used without a fetch. */
  sha256?: string;
  /** Set when the image was refused before embedding (e.g. an oversized upload). */
  error?: ImageError;
}

export interface EmbeddedImage {
  id: string;
  url?: string;
  sha256: string;
  vectors: ImageVectors;
}

export interface FailedImage {
  id: string;
  url?: string;
  code: ImageErrorCode;
  message: string;
  status?: number;
}

export interface EmbedStats {
  /** Images the model ran on in this request. */
  inferred: number;
  /** Images served from the embedding cache. */
  cached: number;
  failed: number;
}

export interface EmbedDeps {
  kv: KVNamespace;
  bucket: R2Bucket;
  config: Config;
  /** Resolves once codecs and the inference session are ready. */
  embedder: () => Promise<Embedder>;
  /** Called as images are read (stage "read": fetched, decoded or found in the cache) and embedded. */
  onProgress?: (progress: Progress) => void;
}

export interface Progress {
  stage: "read" | "embed";
  done: number;
  total: number;
}

/** Cloudflare allows 6 simultaneous outbound connections per invocation. */
const FETCH_CONCURRENCY = 6;

async function mapPool<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

/** After the cache and the decoder: known vectors, or a model input still to run. */
type Resolved = { sha256: string; vectors?: ImageVectors; input?: Float32Array } | ImageError;

/**
 * Embeds a batch through the cache: a known URL costs one KV and one R2 read, a known picture
 * (same bytes at any URL) costs a fetch and an R2 read, only new pictures reach the model, and
 * each distinct picture runs once per request. A failing image is reported, never fatal.
 */
export async function embedImages(sources: ImageSource[], deps: EmbedDeps) {
  let read = 0;
  const resolved = await mapPool(sources, FETCH_CONCURRENCY, async (source) => {
    const r = await resolveSource(source, deps);
    deps.onProgress?.({ stage: "read", done: ++read, total: sources.length });
    return r;
  });
  const cachedCount = resolved.filter((r) => !(r instanceof ImageError) && r.vectors).length;
  const fresh = await embedMisses(resolved, deps);

  const ok: EmbeddedImage[] = [];
  const failed: FailedImage[] = [];
  sources.forEach((source, i) => {
    const r = resolved[i]!;
    const outcome = r instanceof ImageError ? r : (r.vectors ?? fresh.get(r.sha256));
    const where = { id: source.id, ...(source.url ? { url: source.url } : {}) };
    if (outcome instanceof ImageError) {
      const status = outcome.status === undefined ? {} : { status: outcome.status };
      failed.push({ ...where, code: outcome.code, message: outcome.message, ...status });
    } else {
      ok.push({ ...where, sha256: (r as { sha256: string }).sha256, vectors: outcome! });
    }
  });
  const stats: EmbedStats = { inferred: fresh.size, cached: cachedCount, failed: failed.length };
  return { ok, failed, stats };
}

/** One image to cached vectors or a decoded model input; its own failure is returned, not thrown. */
async function resolveSource(source: ImageSource, deps: EmbedDeps): Promise<Resolved> {
  const { kv, bucket, config } = deps;
  if (source.error) return source.error;
  try {
    if (source.sha256) {
      const vectors = await readVectors(bucket, source.sha256);
      if (vectors) return { sha256: source.sha256, vectors };
    }
    if (source.url && !source.bytes) {
      const known = await lookupUrl(kv, source.url);
      const vectors = known ? await readVectors(bucket, known) : null;
      if (known && vectors) return { sha256: known, vectors };
    }
    const limits = { maxBytes: config.maxImageBytes, timeoutMs: config.fetchTimeoutMs, allowPrivateHosts: config.allowPrivateImageHosts };
    const bytes = source.bytes ?? (await fetchImage(source.url!, limits));
    const sha256 = await sha256Hex(bytes);
    if (source.url) await rememberUrl(kv, source.url, sha256, config.urlCacheTtlSeconds);
    const vectors = await readVectors(bucket, sha256);
    if (vectors) return { sha256, vectors };
    await deps.embedder();
    return { sha256, input: await imageToInput(bytes, config.maxPixels) };
  } catch (error) {
    if (error instanceof ImageError) return error;
    throw error;
  }
}

/** Runs the model once per distinct new picture, in batches, and stores the vectors. */
async function embedMisses(resolved: Resolved[], deps: EmbedDeps): Promise<Map<string, ImageVectors>> {
  const pending = new Map<string, Float32Array>();
  for (const r of resolved) {
    if (!(r instanceof ImageError) && r.input && !pending.has(r.sha256)) pending.set(r.sha256, r.input);
  }
  const fresh = new Map<string, ImageVectors>();
  if (pending.size === 0) return fresh;
  const onBatch = (done: number) => deps.onProgress?.({ stage: "embed", done, total: pending.size });
  const vectors = await embedInputs(await deps.embedder(), [...pending.values()], 8, onBatch);
  [...pending.keys()].forEach((sha256, i) => fresh.set(sha256, vectors[i]!));
  await Promise.all([...fresh].map(([sha256, v]) => writeVectors(deps.bucket, sha256, v)));
  return fresh;
}
