import { quantise } from "../core/byte-vectors.ts";
import { isTransient } from "../core/image/errors.ts";
import { readConfig } from "../config.ts";
import { getEmbedder } from "../runtime.ts";
import { nowSeconds } from "../time.ts";
import type { CmsEvent } from "../webhooks/types.ts";
import { deleteImage, markAttempt, markIndexed, nearest, storeDuplicates } from "./catalogue.ts";
import { imageLabels } from "./cluster-response.ts";
import { embedImages, type ImageSource } from "./embed-images.ts";
import { markUnrefreshed } from "./query-stats.ts";
import { deleteResult } from "./result-cache.ts";

/** The image itself is bad (not an image, gone, too big): retrying cannot help. */
class PermanentError extends Error {}

/** Seconds before retry n (1-based): 10, 20, 40, … capped at 5 minutes. */
export const backoffSeconds = (attempt: number) => Math.min(300, 10 * 2 ** Math.max(0, attempt - 1));

const NEIGHBOURS_CHECKED = 20;

async function sourceOf(env: Env, event: CmsEvent): Promise<ImageSource> {
  const { image } = event;
  if (!image.upload) return { id: image.id, url: image.url };
  const object = await env.BUCKET.get(image.upload);
  if (!object) throw new PermanentError(`the uploaded file ${image.upload} is gone from R2`);
  return { id: image.id, bytes: new Uint8Array(await object.arrayBuffer()) };
}

/** Embeds one CMS image through the cache, stores it in the catalogue and links its duplicates. */
async function indexImage(env: Env, event: CmsEvent, now: number): Promise<void> {
  const config = readConfig(env);
  const { ok, failed } = await embedImages([await sourceOf(env, event)], { kv: env.KV, bucket: env.BUCKET, config, embedder: getEmbedder });
  const failure = failed[0];
  if (failure) {
    const message = `${failure.code}: ${failure.message}`;
    throw isTransient(failure) ? new Error(message) : new PermanentError(message);
  }
  const { sha256, vectors } = ok[0]!;
  const embedding = quantise(vectors.embedding);
  await markIndexed(env.DB, event.image.id, { sha256, labels: imageLabels(vectors.probabilities, 5), embedding }, now);
  await storeDuplicates(env.DB, event.image.id, await nearest(env.DB, embedding, NEIGHBOURS_CHECKED, event.image.id), config.duplicateThreshold);
}

/** Removes an image from the catalogue and drops every cached query result that showed it. */
async function removeImage(env: Env, event: CmsEvent): Promise<void> {
  const keys = await deleteImage(env.DB, event.image.id);
  await Promise.all(keys.map((key) => deleteResult(env, key)));
  await markUnrefreshed(env.DB, keys);
}

/**
 * The index queue's consumer: each message is acked, recorded as failed at once when the image
 * itself is bad, or retried with backoff (network trouble, a server error, a storage hiccup). The platform moves a message that
 * exhausts its retries to the dead-letter queue.
 */
export async function consumeIndexBatch(batch: MessageBatch<CmsEvent>, env: Env): Promise<void> {
  const now = nowSeconds();
  for (const message of batch.messages) {
    const event = message.body;
    try {
      if (event.action === "delete") await removeImage(env, event);
      else await indexImage(env, event, now);
      message.ack();
    } catch (error) {
      const final = error instanceof PermanentError;
      await markAttempt(env.DB, event.image.id, (error as Error).message, message.attempts, final, now).catch(() => {});
      if (final) message.ack();
      else message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}

/** Dead letters: retries are exhausted, so the row records the failure and its last reason. */
export async function consumeDeadLetters(batch: MessageBatch<CmsEvent>, env: Env): Promise<void> {
  const now = nowSeconds();
  for (const message of batch.messages) {
    const { image, action } = message.body;
    const row = await env.DB.prepare("SELECT error, attempts FROM images WHERE id = ?1").bind(image.id).first<{ error: string | null; attempts: number }>();
    const reason = `gave up after ${row?.attempts ?? "all"} attempts (${action}): ${row?.error ?? "unknown error"}`;
    await markAttempt(env.DB, image.id, reason, row?.attempts ?? 0, true, now);
    message.ack();
  }
}
