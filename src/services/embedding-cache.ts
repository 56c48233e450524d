import { EMBEDDING_DIM, MODEL_ID, NUM_CLASSES } from "../core/model.ts";
import type { ImageVectors } from "../core/pipeline.ts";

/** Embeddings live in R2 by model and image content; see docs/storage.md. */
export const embeddingKey = (sha256: string) => `embeddings/${MODEL_ID}/${sha256}.f32`;

/** URL -> content hash in KV, so a known URL is neither fetched nor embedded again. */
export const urlKey = (urlHash: string) => `url/${urlHash}`;

export async function sha256Hex(data: Uint8Array | string): Promise<string> {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  const digest = await crypto.subtle.digest("SHA-256", bytes);
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export async function lookupUrl(kv: KVNamespace, url: string): Promise<string | null> {
  return kv.get(urlKey(await sha256Hex(url)));
}

export async function rememberUrl(kv: KVNamespace, url: string, sha256: string, ttlSeconds: number): Promise<void> {
  await kv.put(urlKey(await sha256Hex(url)), sha256, { expirationTtl: ttlSeconds });
}

/** Reads cached vectors; a malformed object counts as a miss so it is recomputed, not served. */
export async function readVectors(bucket: R2Bucket, sha256: string): Promise<ImageVectors | null> {
  const object = await bucket.get(embeddingKey(sha256));
  if (!object) return null;
  const floats = new Float32Array(await object.arrayBuffer());
  if (floats.length !== EMBEDDING_DIM + NUM_CLASSES) return null;
  return { embedding: floats.slice(0, EMBEDDING_DIM), probabilities: floats.slice(EMBEDDING_DIM) };
}

export async function writeVectors(bucket: R2Bucket, sha256: string, vectors: ImageVectors): Promise<void> {
  const floats = new Float32Array(EMBEDDING_DIM + NUM_CLASSES);
  floats.set(vectors.embedding);
  floats.set(vectors.probabilities, EMBEDDING_DIM);
  await bucket.put(embeddingKey(sha256), floats, {
    customMetadata: { model: MODEL_ID, layout: `float32 embedding[${EMBEDDING_DIM}] + probabilities[${NUM_CLASSES}]` },
  });
}
