/** One image a source found for a query; `url` is what gets fetched and embedded. */
export interface SearchHit {
  id: string;
  url: string;
  title?: string;
  thumbnail?: string;
  license?: string;
  creator?: string;
  /** The page the image comes from, for attribution. */
  landingUrl?: string;
  width?: number;
  height?: number;
  /** Content hash, when the source already knows it: the embedding is then read, not recomputed. */
  sha256?: string;
}

export interface SearchOptions {
  /** At most this many hits. */
  limit: number;
}

/**
 * What every image source implements: a query in, hits out. A source that cannot answer throws
 * `ApiError` (502 `source_error`, 503 `source_unavailable`), never returns a half-truth.
 */
export interface ImageSearchSource {
  readonly name: string;
  search(query: string, options: SearchOptions): Promise<SearchHit[]>;
}
