import { cosineBytes, TopK, type Neighbour } from "../core/byte-vectors.ts";
import type { WeightedLabel } from "../core/cluster/naming.ts";
import { isoFromSeconds } from "../time.ts";
import type { CmsEvent } from "../webhooks/types.ts";

interface ImageRow {
  id: string;
  url: string;
  title: string;
  alt: string;
  tags: string;
  file_name: string;
  label_weights: string;
  sha256: string | null;
  status: "pending" | "indexed" | "failed";
  upload_key: string | null;
  error: string | null;
  provider: string;
  attempts: number;
  created_at: number;
  updated_at: number;
  indexed_at: number | null;
}

/** A catalogue row as the API shows it. */
export function publicImage(row: ImageRow) {
  return {
    id: row.id,
    url: row.url,
    title: row.title,
    alt: row.alt,
    tags: row.tags ? row.tags.split(",").map((t) => t.trim()).filter(Boolean) : [],
    fileName: row.file_name,
    provider: row.provider,
    status: row.status,
    error: row.error,
    sha256: row.sha256,
    labels: JSON.parse(row.label_weights) as WeightedLabel[],
    attempts: row.attempts,
    createdAt: isoFromSeconds(row.created_at),
    updatedAt: isoFromSeconds(row.updated_at),
    indexedAt: isoFromSeconds(row.indexed_at),
  };
}

export async function getImage(db: D1Database, id: string): Promise<ImageRow | null> {
  return db.prepare("SELECT * FROM images WHERE id = ?1").bind(id).first<ImageRow>();
}

/** False when this delivery was seen before: the same event is indexed once. */
export async function recordEvent(db: D1Database, event: CmsEvent, now: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO webhook_events (event_key, provider, image_id, action, received_at) VALUES (?1, ?2, ?3, ?4, ?5)
       ON CONFLICT (event_key) DO NOTHING`,
    )
    .bind(`${event.provider}:${event.eventId}`, event.provider, event.image.id, event.action, now)
    .run();
  return result.meta.changes === 1;
}

/** Undoes `recordEvent` when the event could not be queued, so the CMS's redelivery is not lost. */
export async function forgetEvent(db: D1Database, event: CmsEvent): Promise<void> {
  await db.prepare("DELETE FROM webhook_events WHERE event_key = ?1").bind(`${event.provider}:${event.eventId}`).run();
}

/** The row exists from the moment the webhook is accepted, so a later failure has a place to go. */
export async function upsertPending(db: D1Database, event: CmsEvent, now: number): Promise<void> {
  const { image } = event;
  await db
    .prepare(
      `INSERT INTO images (id, url, title, alt, tags, file_name, provider, upload_key, status, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, 'pending', ?9, ?9)
       ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = excluded.title, alt = excluded.alt, tags = excluded.tags,
         file_name = excluded.file_name, upload_key = excluded.upload_key, status = 'pending', error = NULL,
         attempts = 0, updated_at = excluded.updated_at`,
    )
    .bind(image.id, image.url ?? "", image.title ?? "", image.alt ?? "", (image.tags ?? []).join(", "), image.fileName ?? "",
      event.provider, image.upload ?? null, now)
    .run();
}

export async function markIndexed(
  db: D1Database,
  id: string,
  indexed: { sha256: string; labels: WeightedLabel[]; embedding: Uint8Array },
  now: number,
): Promise<void> {
  await db
    .prepare(
      `UPDATE images SET status = 'indexed', error = NULL, sha256 = ?2, labels = ?3, label_weights = ?4, embedding = ?5,
         indexed_at = ?6, updated_at = ?6 WHERE id = ?1`,
    )
    .bind(id, indexed.sha256, indexed.labels.map((l) => l.label).join(", "), JSON.stringify(indexed.labels), indexed.embedding, now)
    .run();
}

/** Records an attempt's error; `final` marks the row failed, otherwise it stays pending for a retry. */
export async function markAttempt(db: D1Database, id: string, error: string, attempts: number, final: boolean, now: number) {
  await db
    .prepare("UPDATE images SET status = ?2, error = ?3, attempts = ?4, updated_at = ?5 WHERE id = ?1")
    .bind(id, final ? "failed" : "pending", error.slice(0, 500), attempts, now)
    .run();
}

/** Deletes the row and its duplicate links; returns the cached query results that showed it. */
export async function deleteImage(db: D1Database, id: string): Promise<string[]> {
  const { results } = await db.prepare("SELECT result_key FROM result_images WHERE image_id = ?1").bind(id).all<{ result_key: string }>();
  await db.batch([
    db.prepare("DELETE FROM images WHERE id = ?1").bind(id),
    db.prepare("DELETE FROM image_duplicates WHERE image_id = ?1 OR duplicate_id = ?1").bind(id),
    db.prepare("DELETE FROM result_images WHERE image_id = ?1").bind(id),
  ]);
  return results.map((r) => r.result_key);
}

const PAGE = 1000;

/**
 * Brute-force nearest neighbours over every indexed embedding, a page of rows at a time so memory
 * stays bounded (1.3 KB a row); see docs/storage.md for how far this goes.
 */
export async function nearest(db: D1Database, query: Uint8Array, k: number, excludeId: string): Promise<Neighbour[]> {
  const top = new TopK(k);
  for (let after = ""; ; ) {
    const { results } = await db
      .prepare("SELECT id, embedding FROM images WHERE status = 'indexed' AND embedding IS NOT NULL AND id > ?1 ORDER BY id LIMIT ?2")
      .bind(after, PAGE)
      .all<{ id: string; embedding: ArrayBuffer | number[] }>();
    for (const row of results) {
      if (row.id !== excludeId) top.offer(row.id, cosineBytes(query, new Uint8Array(row.embedding)));
    }
    if (results.length < PAGE) return top.items;
    after = results[results.length - 1]!.id;
  }
}

/** Replaces an image's duplicate links (both directions) with those at or above the threshold. */
export async function storeDuplicates(db: D1Database, id: string, neighbours: Neighbour[], threshold: number): Promise<Neighbour[]> {
  const duplicates = neighbours.filter((n) => n.similarity >= threshold);
  const insert = "INSERT OR REPLACE INTO image_duplicates (image_id, duplicate_id, similarity) VALUES (?1, ?2, ?3)";
  await db.batch([
    db.prepare("DELETE FROM image_duplicates WHERE image_id = ?1 OR duplicate_id = ?1").bind(id),
    ...duplicates.flatMap((d) => [db.prepare(insert).bind(id, d.id, d.similarity), db.prepare(insert).bind(d.id, id, d.similarity)]),
  ]);
  return duplicates;
}

export async function duplicatesOf(db: D1Database, id: string): Promise<Neighbour[]> {
  const { results } = await db
    .prepare("SELECT duplicate_id AS id, similarity FROM image_duplicates WHERE image_id = ?1 ORDER BY similarity DESC, duplicate_id")
    .bind(id)
    .all<Neighbour>();
  return results;
}

export async function embeddingOf(db: D1Database, id: string): Promise<Uint8Array | null> {
  const row = await db.prepare("SELECT embedding FROM images WHERE id = ?1").bind(id).first<{ embedding: ArrayBuffer | number[] | null }>();
  return row?.embedding ? new Uint8Array(row.embedding) : null;
}
