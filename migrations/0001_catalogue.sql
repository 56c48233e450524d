-- The site's own images (filled by CMS webhooks), searchable by text with FTS5.
CREATE TABLE images (
  id TEXT PRIMARY KEY,
  url TEXT NOT NULL,
  title TEXT NOT NULL DEFAULT '',
  alt TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  file_name TEXT NOT NULL DEFAULT '',
  labels TEXT NOT NULL DEFAULT '',
  sha256 TEXT,
  status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'indexed', 'failed')),
  error TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX images_sha256 ON images (sha256);

CREATE VIRTUAL TABLE images_fts USING fts5 (
  title, alt, tags, file_name, labels,
  content = 'images', content_rowid = 'rowid', tokenize = 'unicode61 remove_diacritics 2'
);

CREATE TRIGGER images_fts_insert AFTER INSERT ON images BEGIN
  INSERT INTO images_fts (rowid, title, alt, tags, file_name, labels)
  VALUES (new.rowid, new.title, new.alt, new.tags, new.file_name, new.labels);
END;

CREATE TRIGGER images_fts_delete AFTER DELETE ON images BEGIN
  INSERT INTO images_fts (images_fts, rowid, title, alt, tags, file_name, labels)
  VALUES ('delete', old.rowid, old.title, old.alt, old.tags, old.file_name, old.labels);
END;

CREATE TRIGGER images_fts_update AFTER UPDATE ON images BEGIN
  INSERT INTO images_fts (images_fts, rowid, title, alt, tags, file_name, labels)
  VALUES ('delete', old.rowid, old.title, old.alt, old.tags, old.file_name, old.labels);
  INSERT INTO images_fts (rowid, title, alt, tags, file_name, labels)
  VALUES (new.rowid, new.title, new.alt, new.tags, new.file_name, new.labels);
END;
