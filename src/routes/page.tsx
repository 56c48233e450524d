import { Hono, type Context } from "hono";
import { html } from "hono/html";
import type { Child } from "hono/jsx";
import { z } from "zod";
import type { AppEnv } from "../app-env.ts";
import { readConfig } from "../config.ts";
import { ApiError, type ErrorBody } from "../errors.ts";
import { QueryForm, UploadForm } from "../page/forms.tsx";
import { Layout } from "../page/layout.tsx";
import { picturesFromHits } from "../page/pictures.ts";
import { ErrorView, ResultView } from "../page/result-view.tsx";
import { clusterResponseSchema, errorResponseSchema } from "../schemas/cluster.ts";
import { queryParamsSchema, type QueryResponse } from "../schemas/query.ts";
import { serveQuery } from "../services/serve-query.ts";
import { parseOrThrow } from "../validation.ts";

const CSP = [
  "default-src 'self'",
  "img-src * blob: data:",
  "style-src 'self' 'unsafe-inline'",
  "script-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

const renderSchema = z.object({
  result: clusterResponseSchema.optional(),
  error: errorResponseSchema.shape.error.optional(),
  pictures: z.record(z.string(), z.object({ src: z.string().max(4096), title: z.string().max(500).optional() })).default({}),
});

/** An error as the page shows it: an ApiError's public body, anything else only logged. */
function publicError(error: unknown, what: string): { status: ApiError["status"]; body: ErrorBody["error"] } {
  if (error instanceof ApiError) return { status: error.status, body: error.toBody().error };
  console.error(`page: ${what} failed`, error);
  return { status: 500, body: new ApiError(500, "internal", "internal error").toBody().error };
}

/** Form values back from the URL, with empty fields dropped so they take their defaults. */
function formValues(raw: Record<string, string>) {
  return Object.fromEntries(Object.entries(raw).filter(([, v]) => v.trim() !== ""));
}

async function queryResult(c: Context<AppEnv>, q: string, raw: Record<string, string>): Promise<{ status: ApiError["status"] | 200; view: Child }> {
  try {
    const params = parseOrThrow(queryParamsSchema, raw);
    const { cached } = await serveQuery(c.env, readConfig(c.env), (work) => c.executionCtx.waitUntil(work), q, params);
    const result = JSON.parse(cached.body) as QueryResponse;
    const heading = `“${result.query}” in ${result.source}`;
    const pictures = picturesFromHits(result.hits);
    return { status: 200, view: <ResultView result={result} pictures={pictures} heading={heading} stripLabel="This query's meanings" /> };
  } catch (error) {
    const { status, body } = publicError(error, "query");
    return { status, view: <ErrorView error={body} heading={`“${q.trim()}” could not be clustered`} /> };
  }
}

/**
 * GET /: the page people use. The form is plain HTML; with `?q=` the result is rendered here,
 * through the same cached path as the JSON endpoint, so it works without JavaScript.
 * POST /render: draws an upload's result (or error) with the same components, so the
 * script never builds its own layout.
 */
export const pageRoute = new Hono<AppEnv>()
  .get("/", async (c) => {
    const config = readConfig(c.env);
    const raw = formValues(c.req.query());
    const q = raw.q ?? "";
    const { status, view } = q ? await queryResult(c, q, raw) : { status: 200 as const, view: "" };
    const limit = Number(raw.limit);
    const page = (
      <Layout title={q ? `${q.trim()} – semclust` : "semclust: images by meaning"}>
        <div class="forms">
          <QueryForm
            q={q}
            source={raw.source ?? config.defaultSource}
            sources={config.sources}
            k={raw.k ?? "auto"}
            limit={Number.isInteger(limit) && limit >= 1 && limit <= 64 ? limit : 30}
          />
          <UploadForm maxImages={config.maxImages} />
        </div>
        <div id="results" class="results">
          {view}
        </div>
      </Layout>
    );
    return c.html(html`<!doctype html>${page}`, status, { "content-security-policy": CSP });
  })
  .post("/render", async (c) => {
    const body = await c.req.json().catch(() => {
      throw new ApiError(400, "invalid_json", "the request body is not valid JSON");
    });
    const { result, error, pictures } = parseOrThrow(renderSchema, body);
    if (result) {
      const heading = `Your ${result.stats.images === 1 ? "image" : `${result.stats.images} images`}`;
      return c.html(<ResultView result={result} pictures={pictures} heading={heading} stripLabel="Your images' meanings" />);
    }
    if (!error) throw new ApiError(400, "invalid_request", "result: give a result or an error to render", { field: "result" });
    return c.html(<ErrorView error={error} heading="Your images could not be clustered" pictures={pictures} />);
  });
