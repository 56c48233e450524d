-- CMS indexing: provenance, the embedding for duplicate and neighbour search, idempotent
-- webhook deliveries, stored duplicates, and which cached query results show which image.
ALTER TABLE images ADD COLUMN provider TEXT NOT NULL DEFAULT '';
ALTER TABLE images ADD COLUMN label_weights TEXT NOT NULL DEFAULT '[]';
ALTER TABLE images ADD COLUMN embedding BLOB;
ALTER TABLE images ADD COLUMN upload_key TEXT;
ALTER TABLE images ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0;
ALTER TABLE images ADD COLUMN indexed_at INTEGER;

CREATE TABLE webhook_events (
  event_key TEXT PRIMARY KEY,
  provider TEXT NOT NULL,
  image_id TEXT NOT NULL,
  action TEXT NOT NULL,
  received_at INTEGER NOT NULL
);

CREATE TABLE image_duplicates (
  image_id TEXT NOT NULL,
  duplicate_id TEXT NOT NULL,
  similarity REAL NOT NULL,
  PRIMARY KEY (image_id, duplicate_id)
);
CREATE INDEX image_duplicates_reverse ON image_duplicates (duplicate_id);

CREATE TABLE result_images (
  image_id TEXT NOT NULL,
  result_key TEXT NOT NULL,
  PRIMARY KEY (image_id, result_key)
);
