import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./app-env.ts";
import { ApiError } from "./errors.ts";
import { clusterRoute } from "./routes/cluster.ts";
import { openApiRoute } from "./routes/openapi.ts";

const app = new Hono<AppEnv>();

app.onError((error, c) => {
  if (error instanceof ApiError) return c.json(error.toBody(), error.status);
  if (error instanceof HTTPException) {
    return c.json({ error: { code: "http_error", message: error.message || "request failed" } }, error.status);
  }
  console.error("unhandled error", c.req.method, c.req.path, error);
  return c.json(new ApiError(500, "internal", "internal error; the request was not completed").toBody(), 500);
});

app.notFound((c) => c.json(new ApiError(404, "not_found", `no route for ${c.req.method} ${c.req.path}`).toBody(), 404));

app.route("/v1/cluster", clusterRoute);
app.route("/openapi.json", openApiRoute);

export { app };

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Env>;
