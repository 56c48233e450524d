import { createExecutionContext, createMessageBatch, env, getQueueResult } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../src/index.ts";
import { backoffSeconds } from "../src/services/indexer.ts";
import { upsertPending } from "../src/services/catalogue.ts";
import type { CmsEvent } from "../src/webhooks/types.ts";
import { img } from "./helpers.ts";
import { status } from "./webhook-helpers.ts";

/** As `max_retries` of the index queue in wrangler.jsonc: 1 delivery + 4 retries. */
const MAX_RETRIES = 4;

const event = (id: string, url: string): CmsEvent => ({
  provider: "generic",
  eventId: `evt-${id}`,
  action: "upsert",
  image: { id: `generic:${id}`, url },
});

const handler = worker as ExportedHandler<Env, unknown, CmsEvent>;

/** Delivers a batch as the platform would; also records the backoff each retry asked for. */
async function deliver(queue: string, events: CmsEvent[], attempts: number) {
  const batch = createMessageBatch<CmsEvent>(
    queue,
    events.map((body, i) => ({ id: `msg-${body.image.id}`, timestamp: new Date(1000 * i), attempts, body })),
  );
  const delays: number[] = [];
  for (const message of batch.messages) {
    const retry = message.retry.bind(message);
    message.retry = (options) => {
      delays.push(options?.delaySeconds ?? 0);
      retry(options);
    };
  }
  const ctx = createExecutionContext();
  await handler.queue!(batch, env, ctx);
  return { ...(await getQueueResult(batch, ctx)), delays };
}

describe("the index queue consumer", () => {
  it("retries with backoff, gives up through the dead-letter queue, and loses no event", async () => {
    const events = [
      event("giraffe", img("photos/giraffe.jpg")),
      event("server-down", img("status/503")),
      event("throttled", img("status/429")),
      event("not-an-image", img("html")),
      event("cut", img("truncated/kite.jpg")),
      event("gone", img("status/404")),
    ];
    const now = Math.floor(Date.now() / 1000);
    for (const e of events) await upsertPending(env.DB, e, now);

    let pending = events;
    const delays: number[] = [];
    for (let attempt = 1; attempt <= MAX_RETRIES + 1 && pending.length > 0; attempt++) {
      const result = await deliver("semclust-index", pending, attempt);
      expect(result.explicitAcks.length + result.retryMessages.length).toBe(pending.length);
      delays.push(...new Set(result.delays));
      const retried = new Set(result.retryMessages.map((m) => m.msgId));
      pending = pending.filter((e) => retried.has(`msg-${e.image.id}`));
      if (attempt === 1) expect(pending.map((e) => e.image.id).sort()).toEqual(["generic:server-down", "generic:throttled"]);
    }
    expect(delays).toEqual([1, 2, 3, 4, 5].map(backoffSeconds));
    expect(pending).toHaveLength(2);
    const dead = await deliver("semclust-index-dlq", pending, 1);
    expect(dead.explicitAcks).toHaveLength(2);

    const final = Object.fromEntries(await Promise.all(events.map(async (e) => [e.image.id, await status(e.image.id)] as const)));
    expect(final["generic:giraffe"]).toEqual({ status: "indexed", error: null });
    expect(final["generic:not-an-image"]).toMatchObject({ status: "failed", error: expect.stringMatching(/^unsupported_format/) });
    expect(final["generic:cut"]).toMatchObject({ status: "failed", error: expect.stringMatching(/^truncated/) });
    expect(final["generic:gone"]).toMatchObject({ status: "failed", error: expect.stringMatching(/^http_error.*404/) });
    expect(final["generic:server-down"]).toMatchObject({ status: "failed", error: expect.stringMatching(/gave up after 5 attempts.*HTTP 503/) });
    expect(final["generic:throttled"]).toMatchObject({ status: "failed", error: expect.stringMatching(/gave up after 5 attempts.*HTTP 429/) });
  });
});
