import { describe, expect, it } from "vitest";
import contentfulPublish from "./fixtures/webhooks/contentful-asset-publish.json";
import contentfulUnpublish from "./fixtures/webhooks/contentful-asset-unpublish.json";
import strapiCreate from "./fixtures/webhooks/strapi-media-create-relative.json";
import strapiDelete from "./fixtures/webhooks/strapi-media-delete.json";
import { signContentful } from "../src/webhooks/contentful.ts";
import { call, status, waitForStatus } from "./webhook-helpers.ts";

const post = (provider: string, body: string, headers: Record<string, string>) =>
  call(new Request(`https://semclust.test/v1/webhooks/${provider}`, { method: "POST", body, headers }));

async function contentful(topic: string, payload: unknown, secret = "test-contentful-secret") {
  const body = JSON.stringify(payload);
  const headers = { "content-type": "application/vnd.contentful.management.v1+json", "x-contentful-topic": topic };
  const signed = await signContentful(secret, { method: "POST", path: "/v1/webhooks/contentful", headers, body }, Date.now());
  return post("contentful", body, { ...headers, ...signed });
}

function strapi(payload: Record<string, unknown>, token = "test-strapi-token") {
  const body = JSON.stringify({ ...payload, createdAt: new Date().toISOString() });
  return post("strapi", body, { "content-type": "application/json", authorization: `Bearer ${token}`, "x-strapi-event": String(payload.event) });
}

describe("CMS adapters through the real route, queue and D1", () => {
  it("Contentful: a signed asset publish is indexed, a tampered one refused, an unpublish deletes it", async () => {
    const asset = structuredClone(contentfulPublish) as typeof contentfulPublish;
    for (const file of Object.values(asset.fields.file)) file.url = "//img.test/photos/person.jpg";
    const id = `contentful:${asset.sys.id}`;

    const forged = await contentful("ContentManagement.Asset.publish", asset, "not-the-secret");
    expect(forged.status).toBe(401);
    expect(await status(id)).toBeNull();

    const res = await contentful("ContentManagement.Asset.publish", asset);
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ queued: 1, ids: [id] });
    expect(await waitForStatus(id, ["indexed", "failed"])).toBe("indexed");

    const gone = await contentful("ContentManagement.Asset.unpublish", { ...contentfulUnpublish, sys: { ...contentfulUnpublish.sys, id: asset.sys.id } });
    expect(gone.status).toBe(202);
    for (let i = 0; i < 100 && (await status(id)); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await status(id)).toBeNull();
  });

  it("Strapi: media.create with a relative URL is indexed against STRAPI_BASE_URL; a wrong token is refused", async () => {
    const media = { ...strapiCreate.media, url: "/photos/scream.jpg", mime: "image/jpeg" };
    const id = `strapi:${(media as { documentId?: string }).documentId ?? media.id}`;
    expect((await strapi({ ...strapiCreate, media }, "wrong")).status).toBe(401);
    const res = await strapi({ ...strapiCreate, media });
    expect(res.status).toBe(202);
    expect(await waitForStatus(id, ["indexed", "failed"])).toBe("indexed");

    const removed = await strapi({ ...strapiDelete, media: { ...strapiDelete.media, id: media.id, documentId: (media as { documentId?: string }).documentId } });
    expect(removed.status).toBe(202);
    for (let i = 0; i < 100 && (await status(id)); i++) await new Promise((r) => setTimeout(r, 200));
    expect(await status(id)).toBeNull();
  });
});
