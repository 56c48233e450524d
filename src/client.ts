/**
 * A typed client for static sites and other services. Every type comes from the zod schemas the
 * Worker validates with, through type-only imports, so bundling this file adds a few lines and
 * no zod.
 */
import type { z } from "zod";
import type { ErrorBody } from "./errors.ts";
import type { ClusterResponse, clusterJsonSchema } from "./schemas/cluster.ts";
import type { QueryResponse, queryParamsSchema } from "./schemas/query.ts";

/** The JSON body of POST /v1/cluster, as a caller writes it (defaults optional). */
export type ClusterImagesBody = z.input<typeof clusterJsonSchema>;

/** URL parameters of GET /v1/queries/{q}/clusters, all optional. */
export type ClusterQueryOptions = z.input<typeof queryParamsSchema>;

/** One progress line of a streamed clustering. */
export interface ClusterProgress {
  stage: "read" | "embed";
  done: number;
  total: number;
}

/**
 * The API's error: `code` to branch on, `message` for people, `details` with each image's reason
 * when there are any. `status` is the HTTP status; an error inside a progress stream (which began
 * as a 200) gets 422, or 500 for `internal`.
 */
export class SemclustError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  readonly details: unknown;

  constructor(status: number, body: ErrorBody["error"]) {
    super(body.message);
    this.name = "SemclustError";
    this.status = status;
    this.code = body.code;
    this.field = body.field;
    this.details = body.details;
  }
}

/** The client: one method per public endpoint a page needs. */
export interface SemclustClient {
  clusterQuery(q: string, options?: ClusterQueryOptions, init?: { signal?: AbortSignal }): Promise<QueryResponse>;
  clusterImages(
    body: ClusterImagesBody | FormData,
    init?: { signal?: AbortSignal; onProgress?: (progress: ClusterProgress) => void },
  ): Promise<ClusterResponse>;
}

type StreamLine =
  | ({ type: "progress" } & ClusterProgress)
  | { type: "result"; result: ClusterResponse }
  | ({ type: "error" } & ErrorBody);

async function failure(res: Response): Promise<SemclustError> {
  const body = (await res.json().catch(() => null)) as ErrorBody | null;
  return new SemclustError(res.status, body?.error ?? { code: "http_error", message: `HTTP ${res.status}` });
}

async function readStream(res: Response, onProgress: (progress: ClusterProgress) => void): Promise<ClusterResponse> {
  const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    buffer += value;
    const lines = buffer.split("\n");
    buffer = lines.pop() ?? "";
    for (const line of lines.filter((l) => l.trim())) {
      const parsed = JSON.parse(line) as StreamLine;
      if (parsed.type === "progress") onProgress({ stage: parsed.stage, done: parsed.done, total: parsed.total });
      else if (parsed.type === "result") return parsed.result;
      else throw new SemclustError(parsed.error.code === "internal" ? 500 : 422, parsed.error);
    }
  }
  throw new SemclustError(502, { code: "incomplete_stream", message: "the answer ended before the result" });
}

/**
 * `baseUrl` is the service's origin (e.g. `https://semclust.example`); `fetchImpl` lets tests and
 * server-side callers pass their own fetch (a service binding's, say).
 */
export function createSemclustClient(baseUrl: string, fetchImpl: typeof fetch = (input, init) => fetch(input, init)): SemclustClient {
  const base = baseUrl.replace(/\/+$/u, "");
  return {
    async clusterQuery(q, options = {}, init = {}) {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(options)) if (value !== undefined) params.set(name, String(value));
      const res = await fetchImpl(`${base}/v1/queries/${encodeURIComponent(q)}/clusters?${params}`, { signal: init.signal });
      if (!res.ok) throw await failure(res);
      return (await res.json()) as QueryResponse;
    },
    async clusterImages(body, init = {}) {
      const headers: Record<string, string> = init.onProgress ? { accept: "application/x-ndjson" } : {};
      if (!(body instanceof FormData)) headers["content-type"] = "application/json";
      const payload = body instanceof FormData ? body : JSON.stringify(body);
      const res = await fetchImpl(`${base}/v1/cluster`, { method: "POST", headers, body: payload, signal: init.signal });
      if (!res.ok) throw await failure(res);
      return init.onProgress ? readStream(res, init.onProgress) : ((await res.json()) as ClusterResponse);
    },
  };
}
