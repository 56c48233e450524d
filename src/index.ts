import { Hono } from "hono";
import { cors } from "hono/cors";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "./app-env.ts";
import { readConfig } from "./config.ts";
import { ApiError } from "./errors.ts";
import { clusterRoute } from "./routes/cluster.ts";
import { openApiRoute } from "./routes/openapi.ts";
import { pageRoute } from "./routes/page.tsx";
import { imagesRoute } from "./routes/images.ts";
import { queriesRoute } from "./routes/queries.ts";
import { webhooksRoute } from "./routes/webhooks.ts";
import { consumeDeadLetters, consumeIndexBatch } from "./services/indexer.ts";
import { refreshPopular } from "./services/refresh-popular.ts";
import type { CmsEvent } from "./webhooks/types.ts";

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

app.use("/v1/*", (c, next) => {
  const allowed = readConfig(c.env).corsOrigins;
  const origin = (o: string) => (allowed.includes("*") ? "*" : allowed.includes(o) ? o : null);
  return cors({ origin, exposeHeaders: ["ETag", "Age", "X-Cache"], maxAge: 86_400 })(c, next);
});

app.route("/v1/cluster", clusterRoute);
app.route("/v1/queries", queriesRoute);
app.route("/v1/webhooks", webhooksRoute);
app.route("/v1/images", imagesRoute);
app.route("/openapi.json", openApiRoute);
app.route("/", pageRoute);

export { app };

/** The dead-letter queue's name ends in -dlq (see wrangler.jsonc). */
const isDeadLetterQueue = (name: string) => name.endsWith("-dlq");

export default {
  fetch: app.fetch,
  async queue(batch, env) {
    const events = batch as MessageBatch<CmsEvent>;
    await (isDeadLetterQueue(batch.queue) ? consumeDeadLetters(events, env) : consumeIndexBatch(events, env));
  },
  async scheduled(controller, env, ctx) {
    ctx.waitUntil(
      refreshPopular(env, Math.floor(controller.scheduledTime / 1000)).then((report) => console.log("cron refresh", JSON.stringify(report))),
    );
  },
} satisfies ExportedHandler<Env>;
