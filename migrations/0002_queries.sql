-- Queries served: popularity for the cron refresh, and a lease so one key refreshes at a time.
CREATE TABLE queries (
  key TEXT PRIMARY KEY,
  query TEXT NOT NULL,
  source TEXT NOT NULL,
  options TEXT NOT NULL,
  hits INTEGER NOT NULL DEFAULT 0,
  last_served_at INTEGER,
  refreshed_at INTEGER,
  refresh_lease_until INTEGER,
  last_error TEXT,
  last_error_at INTEGER
);
CREATE INDEX queries_by_hits ON queries (hits DESC);
