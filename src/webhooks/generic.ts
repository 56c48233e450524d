import { z } from "zod";
import { ApiError } from "../errors.ts";
import { sha256Hex } from "../services/embedding-cache.ts";
import { parseOrThrow } from "../validation.ts";
import { safeEqual, signGeneric } from "./signing.ts";
import type { CmsEvent, WebhookAdapter, WebhookRequest } from "./types.ts";

/** Deliveries older or newer than this are refused as replays. */
export const TOLERANCE_SECONDS = 300;

const eventSchema = z.object({
  id: z.string().min(1).max(200),
  type: z.enum(["image.upsert", "image.delete"]),
  image: z.object({
    id: z.string().min(1).max(200),
    url: z.string().url().max(2048).optional(),
    title: z.string().max(500).optional(),
    alt: z.string().max(1000).optional(),
    tags: z.array(z.string().max(100)).max(50).optional(),
    fileName: z.string().max(300).optional(),
  }),
});

const bad = (message: string) => new ApiError(400, "invalid_payload", message);

function parseEvent(text: string) {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw bad("the event is not valid JSON");
  }
  return parseOrThrow(eventSchema, json);
}

async function parseBody(request: WebhookRequest, env: Env) {
  const type = request.headers.get("content-type") ?? "";
  if (type.startsWith("multipart/form-data")) {
    const form = await new Response(request.body, { headers: { "content-type": type } }).formData().catch(() => {
      throw bad("the multipart body could not be parsed");
    });
    const event = form.get("event");
    const file = form.get("file");
    if (typeof event !== "string") throw bad("multipart webhooks need an `event` field with the JSON event");
    const parsed = parseEvent(event);
    if (file && typeof file !== "string") {
      const bytes = new Uint8Array(await file.arrayBuffer());
      const upload = `uploads/${await sha256Hex(bytes)}`;
      await env.BUCKET.put(upload, bytes);
      return { ...parsed, upload, fileName: parsed.image.fileName ?? file.name };
    }
    return { ...parsed, upload: undefined, fileName: parsed.image.fileName };
  }
  const parsed = parseEvent(new TextDecoder().decode(request.body));
  return { ...parsed, upload: undefined, fileName: parsed.image.fileName };
}

/** The provider for CMSs without their own scheme; header format in the README. */
export const genericAdapter: WebhookAdapter = {
  name: "generic",
  async verify(request, env) {
    const secret = env.WEBHOOK_SECRET;
    if (!secret) throw new ApiError(503, "webhook_not_configured", "WEBHOOK_SECRET is not set for the generic provider");
    const timestamp = Number(request.headers.get("x-semclust-timestamp"));
    const signature = request.headers.get("x-semclust-signature") ?? "";
    if (!Number.isInteger(timestamp) || !signature) {
      throw new ApiError(401, "invalid_signature", "send X-Semclust-Timestamp and X-Semclust-Signature headers");
    }
    if (Math.abs(request.now - timestamp) > TOLERANCE_SECONDS) {
      throw new ApiError(401, "stale_timestamp", `the timestamp is more than ${TOLERANCE_SECONDS} s from now; deliveries cannot be replayed`);
    }
    if (!safeEqual(signature, await signGeneric(secret, timestamp, request.body))) {
      throw new ApiError(401, "invalid_signature", "the signature does not match the body and timestamp");
    }
  },
  async parse(request, env) {
    const event = await parseBody(request, env);
    if (event.type === "image.upsert" && !event.image.url && !event.upload) {
      throw new ApiError(400, "invalid_payload", "image.url: give a URL or upload the file", { field: "image.url" });
    }
    const image = { ...event.image, id: `generic:${event.image.id}`, fileName: event.fileName, upload: event.upload };
    const cms: CmsEvent = { provider: "generic", eventId: event.id, action: event.type === "image.delete" ? "delete" : "upsert", image };
    return [cms];
  },
};
