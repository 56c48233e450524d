import { z } from "zod";
import { ApiError } from "../errors.ts";
import type { ImageSearchSource, SearchHit } from "./types.ts";

/** The public Openverse API; anonymous use needs no key, so this is the default. */
export const OPENVERSE_BASE_URL = "https://api.openverse.org";

/**
 * Openverse answers 401 to an anonymous `page_size` above 20 (`MAX_ANONYMOUS_PAGE_SIZE`), so we
 * clamp. A second page is allowed but would spend a second request of a small anonymous
 * throttle budget on one search, so a search returns at most this many hits.
 */
export const OPENVERSE_MAX_PAGE_SIZE = 20;

/** Openverse asks API users to identify themselves; generic so no deployment detail leaks. */
export const OPENVERSE_USER_AGENT = "semclust/0.1 (semantic image clustering; Cloudflare Worker)";

/** Deployment knobs; `fetcher` exists so tests can inject failures the fake host cannot. */
export interface OpenverseConfig {
  baseUrl: string;
  /** Results asked for per search, clamped to 1..20. */
  pageSize: number;
  /** Comma-separated licence codes for Openverse's `license` filter, e.g. `by,by-sa,cc0`. */
  licenses?: string;
  /** Comma-separated licence groups for `license_type`: `commercial`, `modification`, `all-cc`, `all`. */
  licenseType?: string;
  timeoutMs: number;
  fetcher?: typeof fetch;
}

const text = z.string().nullish();

const imageSchema = z.object({
  id: z.string().min(1),
  title: text,
  url: text,
  thumbnail: text,
  creator: text,
  license: z.string().min(1),
  license_version: text,
  foreign_landing_url: text,
  width: z.number().nullish(),
  height: z.number().nullish(),
});

const searchSchema = z.object({
  result_count: z.number().int().nonnegative(),
  results: z.array(imageSchema),
});

type OpenverseImage = z.infer<typeof imageSchema>;

/**
 * Image search through Openverse's `/v1/images/` endpoint. Every upstream failure becomes an
 * `ApiError` (503 when trying later may help, 502 when Openverse answered wrongly), so a route
 * never clusters a half-answer.
 */
export function createOpenverseSource(config: OpenverseConfig): ImageSearchSource {
  const fetcher: typeof fetch = config.fetcher ?? ((input, init) => fetch(input, init));
  const endpoint = `${config.baseUrl.replace(/\/+$/, "")}/v1/images/`;
  const maxPageSize = Math.min(OPENVERSE_MAX_PAGE_SIZE, Math.max(1, Math.floor(config.pageSize) || OPENVERSE_MAX_PAGE_SIZE));
  return {
    name: "openverse",
    async search(query, { limit }) {
      const pageSize = Math.min(maxPageSize, Math.floor(limit));
      if (!(pageSize >= 1)) return [];
      const url = new URL(endpoint);
      url.searchParams.set("q", query);
      url.searchParams.set("page_size", String(pageSize));
      if (config.licenses) url.searchParams.set("license", config.licenses);
      if (config.licenseType) url.searchParams.set("license_type", config.licenseType);
      const body = await getJson(fetcher, url, config.timeoutMs);
      const parsed = searchSchema.safeParse(body);
      if (!parsed.success) {
        throw new ApiError(502, "source_error", "Openverse answered with an unexpected response shape", {
          details: { source: "openverse", issues: parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join(".")}: ${issue.message}`) },
        });
      }
      return parsed.data.results.flatMap((image) => toHit(image) ?? []).slice(0, pageSize);
    },
  };
}

async function getJson(fetcher: typeof fetch, url: URL, timeoutMs: number): Promise<unknown> {
  const signal = AbortSignal.timeout(timeoutMs);
  let res: Response;
  let body: string;
  try {
    res = await fetcher(url, { signal, headers: { accept: "application/json", "user-agent": OPENVERSE_USER_AGENT } });
    body = await res.text();
  } catch (error) {
    const message = signal.aborted ? `Openverse did not answer within ${timeoutMs} ms` : "Openverse could not be reached";
    throw new ApiError(503, "source_unavailable", message, { details: { source: "openverse" }, cause: error });
  }
  if (res.status === 429) {
    const retryAfterSeconds = parseRetryAfter(res.headers.get("retry-after"));
    throw new ApiError(503, "source_unavailable", "Openverse is throttling our searches; try again later", {
      details: { source: "openverse", ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }) },
    });
  }
  if (!res.ok) {
    const detail = upstreamDetail(body);
    throw new ApiError(502, "source_error", `Openverse answered HTTP ${res.status}`, {
      details: { source: "openverse", status: res.status, ...(detail ? { detail } : {}) },
    });
  }
  try {
    return JSON.parse(body);
  } catch (error) {
    throw new ApiError(502, "source_error", "Openverse answered with a body that is not JSON", { details: { source: "openverse" }, cause: error });
  }
}

function toHit(image: OpenverseImage): SearchHit | undefined {
  if (!isHttpUrl(image.url)) return undefined;
  const hit: SearchHit = { id: image.id, url: image.url, license: licenseName(image.license, image.license_version) };
  if (image.title) hit.title = image.title;
  if (isHttpUrl(image.thumbnail)) hit.thumbnail = image.thumbnail;
  if (image.creator) hit.creator = image.creator;
  if (isHttpUrl(image.foreign_landing_url)) hit.landingUrl = image.foreign_landing_url;
  if (image.width) hit.width = image.width;
  if (image.height) hit.height = image.height;
  return hit;
}

function isHttpUrl(raw: string | null | undefined): raw is string {
  if (!raw || !URL.canParse(raw)) return false;
  const { protocol } = new URL(raw);
  return protocol === "http:" || protocol === "https:";
}

/** The name attribution needs ("CC BY-SA 2.0", "CC0 1.0", "Public Domain Mark 1.0"), as Openverse builds it. */
function licenseName(code: string, version: string | null | undefined): string {
  const slug = code.toLowerCase();
  const name = [slug === "pdm" ? "Public Domain Mark" : slug.toUpperCase(), version].filter(Boolean).join(" ");
  return slug === "pdm" || slug === "cc0" ? name : `CC ${name}`;
}

/** Seconds to wait: Retry-After is either a number of seconds or an HTTP date. */
function parseRetryAfter(header: string | null): number | undefined {
  if (!header) return undefined;
  const seconds = Number(header);
  if (header.trim() !== "" && Number.isFinite(seconds) && seconds >= 0) return Math.ceil(seconds);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - Date.now()) / 1000));
}

/** Openverse's own error text (`{"detail": ...}`), short, so an operator sees e.g. a bad licence filter. */
function upstreamDetail(body: string): string | undefined {
  try {
    const parsed: unknown = JSON.parse(body);
    if (parsed && typeof parsed === "object" && "detail" in parsed) {
      const detail = parsed.detail;
      return (typeof detail === "string" ? detail : JSON.stringify(detail)).slice(0, 300);
    }
  } catch {
    return undefined;
  }
  return undefined;
}
