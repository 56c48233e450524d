/**
 * Query popularity and refresh state in D1: a single SQL database counts safely (KV allows one
 * write per second per key), and a conditional UPDATE is an atomic lease.
 */
export interface QueryRow {
  key: string;
  query: string;
  source: string;
  options: string;
  hits: number;
  last_served_at: number | null;
  refreshed_at: number | null;
  refresh_lease_until: number | null;
  last_error: string | null;
  last_error_at: number | null;
}

export interface QueryIdentity {
  key: string;
  query: string;
  source: string;
  options: string;
}

const LEASE_SECONDS = 300;

export async function countServed(db: D1Database, q: QueryIdentity, now: number): Promise<void> {
  await db
    .prepare(
      `INSERT INTO queries (key, query, source, options, hits, last_served_at) VALUES (?1, ?2, ?3, ?4, 1, ?5)
       ON CONFLICT (key) DO UPDATE SET hits = hits + 1, last_served_at = excluded.last_served_at`,
    )
    .bind(q.key, q.query, q.source, q.options, now)
    .run();
}

/** True for exactly one caller until the lease is released or expires. */
export async function acquireRefreshLease(db: D1Database, q: QueryIdentity, now: number): Promise<boolean> {
  const result = await db
    .prepare(
      `INSERT INTO queries (key, query, source, options, refresh_lease_until) VALUES (?1, ?2, ?3, ?4, ?6)
       ON CONFLICT (key) DO UPDATE SET refresh_lease_until = ?6
       WHERE refresh_lease_until IS NULL OR refresh_lease_until <= ?5`,
    )
    .bind(q.key, q.query, q.source, q.options, now, now + LEASE_SECONDS)
    .run();
  return result.meta.changes === 1;
}

export async function recordRefreshed(db: D1Database, key: string, now: number): Promise<void> {
  await db
    .prepare("UPDATE queries SET refreshed_at = ?2, refresh_lease_until = NULL, last_error = NULL, last_error_at = NULL WHERE key = ?1")
    .bind(key, now)
    .run();
}

export async function recordFailure(db: D1Database, key: string, now: number, message: string): Promise<void> {
  await db
    .prepare("UPDATE queries SET refresh_lease_until = NULL, last_error = ?3, last_error_at = ?2 WHERE key = ?1")
    .bind(key, now, message.slice(0, 500))
    .run();
}

export async function popularQueries(db: D1Database, limit: number): Promise<QueryRow[]> {
  const { results } = await db
    .prepare("SELECT * FROM queries WHERE hits > 0 ORDER BY hits DESC, last_served_at DESC LIMIT ?1")
    .bind(limit)
    .all<QueryRow>();
  return results;
}

/** The most popular queries whose cached result is missing or older than `olderThan`. */
export async function queriesDueForRefresh(db: D1Database, olderThan: number, limit: number): Promise<QueryRow[]> {
  const { results } = await db
    .prepare(
      `SELECT * FROM queries WHERE hits > 0 AND (refreshed_at IS NULL OR refreshed_at < ?1)
       ORDER BY hits DESC, last_served_at DESC LIMIT ?2`,
    )
    .bind(olderThan, limit)
    .all<QueryRow>();
  return results;
}

/** Remembers which catalogue images a cached result shows, so deleting one can drop the result. */
export async function recordResultImages(db: D1Database, key: string, imageIds: string[]): Promise<void> {
  if (imageIds.length === 0) return;
  const insert = db.prepare("INSERT OR IGNORE INTO result_images (image_id, result_key) VALUES (?1, ?2)");
  await db.batch(imageIds.map((id) => insert.bind(id, key)));
}

/** Marks results as needing a refresh (the cron picks up rows without `refreshed_at`). */
export async function markUnrefreshed(db: D1Database, keys: string[]): Promise<void> {
  if (keys.length === 0) return;
  const update = db.prepare("UPDATE queries SET refreshed_at = NULL WHERE key = ?1");
  await db.batch(keys.map((key) => update.bind(key)));
}
