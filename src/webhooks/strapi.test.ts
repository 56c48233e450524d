import { describe, expect, it } from "vitest";
import absolute from "../../test/fixtures/webhooks/strapi-media-create-absolute.json";
import pdf from "../../test/fixtures/webhooks/strapi-media-create-pdf.json";
import relative from "../../test/fixtures/webhooks/strapi-media-create-relative.json";
import deleted from "../../test/fixtures/webhooks/strapi-media-delete.json";
import { ApiError } from "../errors.ts";
import { strapiAdapter } from "./strapi.ts";
import type { WebhookRequest } from "./types.ts";

const TOKEN = "strapi-webhook-token-5f1e0c9a7b3d";
const env = (vars: Record<string, string> = {}) => ({ STRAPI_WEBHOOK_TOKEN: TOKEN, ...vars }) as unknown as Env;

function delivery(body: unknown, { authorization = `Bearer ${TOKEN}`, lateBy = 2 }: { authorization?: string | null; lateBy?: number } = {}): WebhookRequest {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const sent = (body as { createdAt?: string }).createdAt;
  const event = (body as { event?: string }).event ?? "";
  const headers = new Headers({ "content-type": "application/json", "x-strapi-event": event });
  if (authorization !== null) headers.set("authorization", authorization);
  const now = Math.floor((sent ? Date.parse(sent) : Date.parse(absolute.createdAt)) / 1000) + lateBy;
  return { method: "POST", path: "/v1/webhooks/strapi", headers, body: new TextEncoder().encode(text), now };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const received = async (body: unknown, vars: Record<string, string> = {}) => {
  const request = delivery(body);
  await strapiAdapter.verify(request, env(vars));
  return strapiAdapter.parse(request, env(vars));
};

describe("strapi webhook authentication", () => {
  it("accepts the configured bearer token, whatever the scheme's case", async () => {
    await expect(strapiAdapter.verify(delivery(absolute), env())).resolves.toBeUndefined();
    await expect(strapiAdapter.verify(delivery(absolute, { authorization: `bearer ${TOKEN}` }), env())).resolves.toBeUndefined();
  });

  it("refuses a missing, wrong or non-bearer Authorization header", async () => {
    for (const authorization of [null, `Bearer ${TOKEN}x`, "Bearer ", TOKEN, `Basic ${btoa(`admin:${TOKEN}`)}`]) {
      const error = await failure(strapiAdapter.verify(delivery(absolute, { authorization }), env()));
      expect([error.status, error.code]).toEqual([401, "invalid_signature"]);
    }
  });

  it("refuses a delivery whose createdAt is outside the replay window", async () => {
    for (const lateBy of [301, -301]) {
      const error = await failure(strapiAdapter.verify(delivery(absolute, { lateBy }), env()));
      expect([error.status, error.code]).toEqual([401, "stale_timestamp"]);
    }
  });

  it("answers 503 while no token is configured", async () => {
    const error = await failure(strapiAdapter.verify(delivery(absolute), env({ STRAPI_WEBHOOK_TOKEN: "" })));
    expect([error.status, error.code]).toEqual([503, "webhook_not_configured"]);
  });
});

describe("strapi media events", () => {
  it("maps media.create with an absolute URL, keyed by the v5 documentId", async () => {
    expect(await received(absolute)).toEqual([{
      provider: "strapi",
      eventId: "42:media.create:2026-03-04T16:40:51.412Z",
      action: "upsert",
      image: {
        id: "strapi:k7m2q9x4vz1c8n3b5p6r0t2w",
        url: "https://media.example-cdn.com/uploads/harbour_at_dusk_3f9a1c2b7e.jpg",
        title: "Harbour at dusk",
        alt: "Fishing boats moored in a harbour at dusk",
        fileName: "harbour-at-dusk.jpg",
      },
    }]);
  });

  it("resolves a local-provider URL against STRAPI_BASE_URL, keyed by the v4 id", async () => {
    const [event] = await received(relative, { STRAPI_BASE_URL: "https://cms.example.org" });
    expect(event).toEqual({
      provider: "strapi",
      eventId: "1:media.create:2026-03-04T16:40:51.115Z",
      action: "upsert",
      image: { id: "strapi:1", url: "https://cms.example.org/uploads/353fc98a19e44da9acf61d71b11895f9.png", fileName: "image.png" },
    });
  });

  it("answers 400 naming media.url for a relative URL without STRAPI_BASE_URL", async () => {
    const error = await failure(received(relative));
    expect([error.status, error.code, error.field]).toEqual([400, "invalid_payload", "media.url"]);
  });

  it("treats media.update as an upsert and media.delete as a delete", async () => {
    const [updated] = await received({ ...absolute, event: "media.update" });
    expect(updated).toMatchObject({ action: "upsert", eventId: "42:media.update:2026-03-04T16:40:51.412Z" });
    expect(await received(deleted)).toEqual([{
      provider: "strapi",
      eventId: "42:media.delete:2026-03-04T16:41:06.232Z",
      action: "delete",
      image: { id: "strapi:k7m2q9x4vz1c8n3b5p6r0t2w", title: "Harbour at dusk", alt: "Fishing boats moored in a harbour at dusk", fileName: "harbour-at-dusk.jpg" },
    }]);
  });

  it("ignores non-image media and events that are not about media", async () => {
    expect(await received(pdf)).toEqual([]);
    expect(await received({ event: "entry.create", createdAt: absolute.createdAt, model: "address", entry: { id: 1 } })).toEqual([]);
    expect(await received({ event: "trigger-test", createdAt: absolute.createdAt })).toEqual([]);
  });

  it("answers 400 invalid_payload for malformed JSON or the wrong shape, naming the field", async () => {
    const cases: [unknown, string][] = [
      ["{\"event\":", "body"],
      [{ createdAt: absolute.createdAt, media: absolute.media }, "event"],
      [{ event: "media.create", createdAt: absolute.createdAt }, "media"],
      [{ ...absolute, media: { ...absolute.media, mime: undefined } }, "media.mime"],
      [{ ...absolute, createdAt: "yesterday" }, "createdAt"],
    ];
    for (const [body, field] of cases) {
      const error = await failure(received(body));
      expect([error.status, error.code, error.field]).toEqual([400, "invalid_payload", field]);
    }
  });
});
