import { z } from "zod";
import { ApiError } from "../errors.ts";
import { parseOrThrow } from "../validation.ts";
import { TOLERANCE_SECONDS } from "./generic.ts";
import { safeEqual } from "./signing.ts";
import type { CmsEvent, WebhookAdapter } from "./types.ts";

const ACTIONS: Record<string, CmsEvent["action"]> = { "media.create": "upsert", "media.update": "upsert", "media.delete": "delete" };

const text = (max: number) => z.string().nullish().transform((s) => s?.slice(0, max) || undefined);

const mediaEventSchema = z.object({
  event: z.string(),
  createdAt: z.iso.datetime({ offset: true }),
  media: z.object({
    id: z.union([z.number().int(), z.string().min(1).max(200)]),
    documentId: z.string().min(1).max(200).nullish(),
    name: text(300),
    alternativeText: text(1000),
    caption: text(500),
    url: z.string().min(1).max(2048),
    mime: z.string(),
  }),
});

const bad = (message: string, field: string) => new ApiError(400, "invalid_payload", message, { field });

function readJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw bad("the webhook body is not valid JSON", "body");
  }
}

/** When Strapi sent the delivery (its runner stamps `createdAt` at send time), if the body says so. */
function sentAt(body: Uint8Array): number | undefined {
  try {
    const createdAt = (JSON.parse(new TextDecoder().decode(body)) as { createdAt?: unknown }).createdAt;
    const ms = typeof createdAt === "string" ? Date.parse(createdAt) : Number.NaN;
    return Number.isNaN(ms) ? undefined : ms / 1000;
  } catch {
    return undefined;
  }
}

function absoluteUrl(url: string, base: string | undefined): string {
  const resolved = URL.parse(url, base || undefined);
  if (!resolved || !/^https?:$/.test(resolved.protocol)) {
    const hint = url.startsWith("/") && !base ? "; set STRAPI_BASE_URL for the local upload provider" : "";
    throw bad(`media.url: ${url} is not an absolute http(s) URL${hint}`, "media.url");
  }
  return resolved.href;
}

/**
 * Strapi (v4/v5) media events. Strapi does not sign webhooks; its documented protection is a
 * header configured on the webhook (`Authorization: Bearer <token>`), checked here in constant time.
 */
export const strapiAdapter: WebhookAdapter = {
  name: "strapi",
  async verify(request, env) {
    const token = env.STRAPI_WEBHOOK_TOKEN;
    if (!token) throw new ApiError(503, "webhook_not_configured", "STRAPI_WEBHOOK_TOKEN is not set for the strapi provider");
    const [, sent = ""] = /^Bearer\s+(.+)$/i.exec(request.headers.get("authorization") ?? "") ?? [];
    if (!safeEqual(sent.trim(), token)) {
      throw new ApiError(401, "invalid_signature", "configure the webhook with the header Authorization: Bearer <STRAPI_WEBHOOK_TOKEN>");
    }
    const at = sentAt(request.body);
    if (at !== undefined && Math.abs(request.now - at) > TOLERANCE_SECONDS) {
      throw new ApiError(401, "stale_timestamp", `createdAt is more than ${TOLERANCE_SECONDS} s from now; deliveries cannot be replayed`);
    }
  },
  async parse(request, env) {
    const json = readJson(request.body);
    const event = z.object({ event: z.string() }).safeParse(json);
    if (!event.success) throw bad("event: the body has no event name", "event");
    const action = ACTIONS[event.data.event];
    if (!action) return [];
    let parsed: z.infer<typeof mediaEventSchema>;
    try {
      parsed = parseOrThrow(mediaEventSchema, json);
    } catch (error) {
      if (!(error instanceof ApiError)) throw error;
      throw new ApiError(400, "invalid_payload", error.message, { field: error.field, details: error.details });
    }
    const { media, createdAt } = parsed;
    if (!media.mime.startsWith("image/")) return [];
    const image = {
      id: `strapi:${media.documentId ?? media.id}`,
      url: action === "upsert" ? absoluteUrl(media.url, env.STRAPI_BASE_URL) : undefined,
      title: media.caption,
      alt: media.alternativeText,
      fileName: media.name,
    };
    return [{ provider: "strapi", eventId: `${media.id}:${parsed.event}:${createdAt}`, action, image }];
  },
};
