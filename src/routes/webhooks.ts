import { Hono } from "hono";
import type { AppEnv } from "../app-env.ts";
import { ApiError } from "../errors.ts";
import { forgetEvent, recordEvent, upsertPending } from "../services/catalogue.ts";
import { nowSeconds } from "../time.ts";
import { webhookAdapters } from "../webhooks/index.ts";

/** Uploads through the generic provider are images; anything bigger is refused before reading. */
const MAX_BODY_BYTES = 12 * 1024 * 1024;

/**
 * POST /v1/webhooks/{provider}: verify, parse, record, enqueue, answer 202 fast. Nothing is
 * written unless the signature and the payload are good; a redelivered event is acknowledged
 * and not queued again.
 */
export const webhooksRoute = new Hono<AppEnv>().post("/:provider", async (c) => {
  const provider = c.req.param("provider");
  const adapter = webhookAdapters[provider];
  if (!adapter) {
    throw new ApiError(404, "unknown_provider", `no webhook provider "${provider}"; use one of: ${Object.keys(webhookAdapters).join(", ")}`, {
      field: "provider",
    });
  }
  if (Number(c.req.header("content-length") ?? 0) > MAX_BODY_BYTES) {
    throw new ApiError(413, "payload_too_large", `webhook bodies are limited to ${MAX_BODY_BYTES} bytes`);
  }
  const url = new URL(c.req.url);
  const request = {
    method: c.req.method,
    path: url.pathname + url.search,
    headers: c.req.raw.headers,
    body: new Uint8Array(await c.req.arrayBuffer()),
    now: nowSeconds(),
  };
  await adapter.verify(request, c.env);
  const events = await adapter.parse(request, c.env);
  let queued = 0;
  let duplicates = 0;
  for (const event of events) {
    if (!(await recordEvent(c.env.DB, event, request.now))) {
      duplicates++;
      continue;
    }
    if (event.action === "upsert") await upsertPending(c.env.DB, event, request.now);
    try {
      await c.env.INDEX_QUEUE.send(event, { contentType: "json" });
    } catch (error) {
      await forgetEvent(c.env.DB, event);
      throw new ApiError(503, "queue_unavailable", "the event could not be queued; deliver it again", { cause: error });
    }
    queued++;
  }
  return c.json({ provider, received: events.length, queued, duplicates, ids: events.map((e) => e.image.id) }, 202);
});
