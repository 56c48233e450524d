import { describe, expect, it } from "vitest";
import pdf from "../../test/fixtures/webhooks/contentful-asset-publish-pdf.json";
import publish from "../../test/fixtures/webhooks/contentful-asset-publish.json";
import unpublish from "../../test/fixtures/webhooks/contentful-asset-unpublish.json";
import { ApiError } from "../errors.ts";
import { contentfulAdapter, signContentful } from "./contentful.ts";
import type { WebhookRequest } from "./types.ts";

const SECRET = "s3cr3t-0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTU";
const SIGNED_AT = 1772642451107;
const NOW = Math.floor(SIGNED_AT / 1000);
const env = (vars: Record<string, string> = {}) => ({ CONTENTFUL_WEBHOOK_SECRET: SECRET, ...vars }) as unknown as Env;

const VECTOR_BODY = '{"sys":{"type":"Asset","id":"3wtvPBGKkMUEGIgegeaqW2","revision":3}}';
const VECTOR_HEADERS = {
  "X-Contentful-Topic": "ContentManagement.Asset.publish",
  "X-Contentful-Webhook-Name": "semclust",
  "Content-Type": "application/vnd.contentful.management.v1+json",
};

/** `signRequest(SECRET, { method: "POST", path, headers: VECTOR_HEADERS, body: VECTOR_BODY }, SIGNED_AT)` from the toolkit. */
const TOOLKIT_SIGNED = {
  "x-contentful-signature": "0d6a4f6b18066db9f9cd72c2bcec163d891fe721dab9e479f489aaaa1bb3dece",
  "x-contentful-signed-headers": "content-type,x-contentful-signed-headers,x-contentful-timestamp,x-contentful-topic,x-contentful-webhook-name",
  "x-contentful-timestamp": "1772642451107",
};

interface Delivery {
  topic?: string;
  secret?: string;
  signedAt?: number;
  now?: number;
  path?: string;
}

async function delivery(body: unknown, { topic = "ContentManagement.Asset.publish", secret = SECRET, signedAt = SIGNED_AT, now = NOW, path = "/v1/webhooks/contentful" }: Delivery = {}): Promise<WebhookRequest> {
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const headers = { "content-type": "application/vnd.contentful.management.v1+json", "x-contentful-topic": topic, "x-contentful-webhook-name": "semclust" };
  const signed = await signContentful(secret, { method: "POST", path, headers, body: text }, signedAt);
  return { method: "POST", path, headers: new Headers({ ...headers, ...signed }), body: new TextEncoder().encode(text), now };
}

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  const error = await promise.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof ApiError)) throw new Error(`expected an ApiError, got ${String(error)}`);
  return error;
}

const received = async (body: unknown, options: Delivery = {}, vars: Record<string, string> = {}) => {
  const request = await delivery(body, options);
  await contentfulAdapter.verify(request, env(vars));
  return contentfulAdapter.parse(request, env(vars));
};

describe("contentful request verification", () => {
  it("signs exactly like @contentful/node-apps-toolkit 3.16.1 signRequest", async () => {
    const request = { method: "POST", path: "/v1/webhooks/contentful", headers: VECTOR_HEADERS, body: VECTOR_BODY };
    expect(await signContentful(SECRET, request, SIGNED_AT)).toEqual(TOOLKIT_SIGNED);
    const withQuery = { method: "POST", path: "/v1/webhooks/contentful?env=prod&x=a b", headers: {}, body: "" };
    expect((await signContentful(SECRET, withQuery, SIGNED_AT))["x-contentful-signature"]).toBe("42827368a512209a99e85fd87dfffd92d6513bd755bed117e215a6702055c3ce");
  });

  it("accepts the toolkit's signed request, and headers a proxy added after signing", async () => {
    const headers = new Headers({ ...VECTOR_HEADERS, ...TOOLKIT_SIGNED, "cf-ray": "8d1f2a3b4c5d6e7f-AMS" });
    const request = { method: "POST", path: "/v1/webhooks/contentful", headers, body: new TextEncoder().encode(VECTOR_BODY), now: NOW };
    await expect(contentfulAdapter.verify(request, env())).resolves.toBeUndefined();
  });

  it("refuses a signature over another body, another secret, or a changed signed header", async () => {
    const good = await delivery(publish);
    const otherBody = { ...good, body: new TextEncoder().encode(JSON.stringify({ ...publish, fields: {} })) };
    expect((await failure(contentfulAdapter.verify(otherBody, env()))).code).toBe("invalid_signature");
    const otherSecret = await delivery(publish, { secret: SECRET.replace("s3cr3t", "public") });
    expect((await failure(contentfulAdapter.verify(otherSecret, env()))).status).toBe(401);
    good.headers.set("x-contentful-topic", "ContentManagement.Asset.delete");
    expect((await failure(contentfulAdapter.verify(good, env()))).code).toBe("invalid_signature");
  });

  it("refuses a delivery without the three signing headers", async () => {
    for (const name of ["x-contentful-signature", "x-contentful-signed-headers", "x-contentful-timestamp"]) {
      const request = await delivery(publish);
      request.headers.delete(name);
      const error = await failure(contentfulAdapter.verify(request, env()));
      expect([error.status, error.code]).toEqual([401, "invalid_signature"]);
    }
    const garbled = await delivery(publish);
    garbled.headers.set("x-contentful-signed-headers", "x-contentful-timestamp,,not a name");
    expect((await failure(contentfulAdapter.verify(garbled, env()))).code).toBe("invalid_signature");
  });

  it("refuses a request signed outside the replay window, before or after now", async () => {
    for (const signedAt of [SIGNED_AT - 301_000, SIGNED_AT + 301_000]) {
      const error = await failure(contentfulAdapter.verify(await delivery(publish, { signedAt }), env()));
      expect([error.status, error.code]).toEqual([401, "stale_timestamp"]);
    }
    await expect(contentfulAdapter.verify(await delivery(publish, { signedAt: SIGNED_AT - 299_000 }), env())).resolves.toBeUndefined();
  });

  it("answers 503 while no signing secret is configured", async () => {
    const error = await failure(contentfulAdapter.verify(await delivery(publish), env({ CONTENTFUL_WEBHOOK_SECRET: "" })));
    expect([error.status, error.code]).toEqual([503, "webhook_not_configured"]);
  });
});

describe("contentful asset events", () => {
  it("maps a published image asset to an upsert with an https URL", async () => {
    expect(await received(publish)).toEqual([{
      provider: "contentful",
      eventId: "3wtvPBGKkMUEGIgegeaqW2:publish:3",
      action: "upsert",
      image: {
        id: "contentful:3wtvPBGKkMUEGIgegeaqW2",
        url: "https://images.ctfassets.net/yadj1kx9rmg0/3wtvPBGKkMUEGIgegeaqW2/5d8b9a0f3c2e4b7a9e1d6c3f2a1b0c9d/streamliner.jpg",
        title: "Playsam Streamliner",
        alt: "A red wooden toy locomotive on a white table",
        tags: ["nyCampaign"],
        fileName: "streamliner.jpg",
      },
    }]);
  });

  it("reads the locale named by CONTENTFUL_LOCALE", async () => {
    const [event] = await received(publish, {}, { CONTENTFUL_LOCALE: "de-DE" });
    expect(event?.image).toMatchObject({ title: "Playsam Stromlinienlok", fileName: "stromlinie.jpg" });
    expect(event?.image.url).toMatch(/^https:\/\/images\.ctfassets\.net\/.*\/stromlinie\.jpg$/);
  });

  it("gives one event id to a redelivery and another to the next publish", async () => {
    const [first] = await received(publish);
    const [again] = await received(publish, { signedAt: SIGNED_AT + 60_000 });
    const [next] = await received({ ...publish, sys: { ...publish.sys, revision: 4 } });
    expect(again?.eventId).toBe(first?.eventId);
    expect(next?.eventId).toBe("3wtvPBGKkMUEGIgegeaqW2:publish:4");
  });

  it("ignores non-image assets, other asset topics and other entity types", async () => {
    expect(await received(pdf)).toEqual([]);
    for (const topic of ["save", "auto_save", "create", "unarchive"]) expect(await received(publish, { topic: `ContentManagement.Asset.${topic}` })).toEqual([]);
    expect(await received({ sys: { type: "Entry", id: "x", revision: 1 } }, { topic: "ContentManagement.Entry.publish" })).toEqual([]);
  });

  it("deletes on unpublish, delete and archive", async () => {
    for (const topic of ["unpublish", "delete"]) {
      expect(await received(unpublish, { topic: `ContentManagement.Asset.${topic}` })).toEqual([{
        provider: "contentful",
        eventId: `3wtvPBGKkMUEGIgegeaqW2:${topic}:3`,
        action: "delete",
        image: { id: "contentful:3wtvPBGKkMUEGIgegeaqW2" },
      }]);
    }
    const archived = { ...pdf, sys: { ...pdf.sys, revision: undefined, version: 7, archivedVersion: 7 } };
    const [event] = await received(archived, { topic: "ContentManagement.Asset.archive" });
    expect(event).toMatchObject({ action: "delete", eventId: "6Xq1aVbPbqU8Ki6CYuSCK0:archive:7" });
  });

  it("answers 400 invalid_payload for malformed JSON or the wrong shape, naming the field", async () => {
    const cases: [unknown, string][] = [
      ["{\"sys\":", "body"],
      [{ fields: publish.fields }, "sys"],
      [{ ...publish, fields: { title: publish.fields.title } }, "fields.file"],
      [{ ...publish, sys: { ...publish.sys, type: "Entry" } }, "sys.type"],
      [{ ...publish, fields: { ...publish.fields, file: { "en-US": { ...publish.fields.file["en-US"], url: undefined } } } }, "fields.file.en-US.url"],
    ];
    for (const [body, field] of cases) {
      const error = await failure(received(body));
      expect([error.status, error.code, error.field]).toEqual([400, "invalid_payload", field]);
    }
  });
});
