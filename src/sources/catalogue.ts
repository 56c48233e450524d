import type { ImageSearchSource, SearchHit } from "./types.ts";

interface CatalogueRow {
  id: string;
  url: string;
  title: string;
  alt: string;
  file_name: string;
  sha256: string | null;
}

/**
 * Turns free text into an FTS5 query that cannot be a syntax error: every word becomes a quoted
 * prefix term, all of them required.
 */
export function ftsQuery(text: string): string {
  const words = text.match(/[\p{L}\p{N}]+/gu) ?? [];
  return words.map((w) => `"${w}"*`).join(" ");
}

/**
 * The site's own indexed images, matched by title, alt text, tags, file name and predicted labels.
 * Hits carry the content hash, so clustering reads their stored embeddings without a fetch.
 */
export function createCatalogueSource(db: D1Database): ImageSearchSource {
  return {
    name: "catalogue",
    async search(query, { limit }): Promise<SearchHit[]> {
      const match = ftsQuery(query);
      if (!match) return [];
      const { results } = await db
        .prepare(
          `SELECT images.id, images.url, images.title, images.alt, images.file_name, images.sha256
           FROM images_fts JOIN images ON images.rowid = images_fts.rowid
           WHERE images_fts MATCH ?1 AND images.status = 'indexed'
           ORDER BY bm25(images_fts, 10.0, 5.0, 5.0, 2.0, 1.0) LIMIT ?2`,
        )
        .bind(match, limit)
        .all<CatalogueRow>();
      return results.map((row) => ({
        id: row.id,
        url: row.url || `/v1/images/${encodeURIComponent(row.id)}/file`,
        title: row.title || row.alt || row.file_name,
        ...(row.sha256 ? { sha256: row.sha256 } : {}),
      }));
    },
  };
}
