import { z } from "zod";
import { ApiError } from "../errors.ts";
import { parseOrThrow } from "../validation.ts";
import { TOLERANCE_SECONDS } from "./generic.ts";
import { concatBytes } from "../core/concat.ts";
import { hmacSha256, safeEqual, toHex } from "./signing.ts";
import type { CmsEvent, WebhookAdapter } from "./types.ts";

const SIGNATURE = "x-contentful-signature";
const SIGNED_HEADERS = "x-contentful-signed-headers";
const TIMESTAMP = "x-contentful-timestamp";
const HEADER_NAME = /^[!#$%&'*+.^`|~\w-]+$/;

/** What Contentful signs: the request as sent, before any proxy adds headers of its own. */
export interface ContentfulRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body: Uint8Array | string;
}

/**
 * The path as `@contentful/node-apps-toolkit` canonicalises it: the query escaped whole (`=` and
 * `&` included), then the result `encodeURI`d, so `?a=1` is signed as `?a%253D1`.
 */
function canonicalPath(path: string): string {
  const [pathname = "", search] = path.split("?");
  return encodeURI(search ? `${pathname}?${encodeURIComponent(search)}` : pathname);
}

/**
 * Signs like Contentful's request verification (the toolkit's `signRequest`): HMAC-SHA256 hex of
 * method, canonical path, the signed headers sorted as `key:value` joined by `;`, and the body,
 * joined by newlines. The timestamp (Unix milliseconds) and the list of signed headers are signed
 * too. Returns the three headers a signed request carries; tests and import scripts use it.
 */
export async function signContentful(secret: string, request: ContentfulRequest, timestamp: number): Promise<Record<string, string>> {
  const headers = new Map(Object.entries(request.headers).map(([k, v]) => [k.toLowerCase().trim(), v.trim()]));
  const signedHeaders = [...new Set([...headers.keys(), SIGNED_HEADERS, TIMESTAMP])].sort().join(",");
  headers.set(TIMESTAMP, String(timestamp)).set(SIGNED_HEADERS, signedHeaders);
  const lines = [...headers].sort(([a], [b]) => (a > b ? 1 : -1)).map(([k, v]) => `${k}:${v}`).join(";");
  const head = new TextEncoder().encode(`${request.method}\n${canonicalPath(request.path)}\n${lines}\n`);
  const body = typeof request.body === "string" ? new TextEncoder().encode(request.body) : request.body;
  const signature = toHex(await hmacSha256(secret, concatBytes(head, body)));
  return { [SIGNATURE]: signature, [SIGNED_HEADERS]: signedHeaders, [TIMESTAMP]: String(timestamp) };
}

const localised = <T extends z.ZodType>(value: T) => z.record(z.string(), value).optional();

const assetSchema = z.object({
  metadata: z.object({ tags: z.array(z.object({ sys: z.object({ id: z.string().min(1).max(100) }) })).optional() }).optional(),
  sys: z.object({
    id: z.string().min(1).max(200),
    type: z.string(),
    revision: z.number().int().optional(),
    version: z.number().int().optional(),
    deletedVersion: z.number().int().optional(),
    updatedAt: z.string().optional(),
    deletedAt: z.string().optional(),
  }),
  fields: z.object({
    title: localised(z.string().nullable()),
    description: localised(z.string().nullable()),
    file: localised(z.object({ url: z.string().optional(), fileName: z.string().optional(), contentType: z.string() })),
  }).optional(),
});

type Asset = z.infer<typeof assetSchema>;

const ACTIONS: Record<string, CmsEvent["action"]> = { publish: "upsert", unpublish: "delete", delete: "delete", archive: "delete" };

const bad = (message: string, field: string) => new ApiError(400, "invalid_payload", message, { field });

function readAsset(body: Uint8Array): Asset {
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(body));
  } catch {
    throw bad("the webhook body is not valid JSON", "body");
  }
  try {
    return parseOrThrow(assetSchema, json);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    throw new ApiError(400, "invalid_payload", error.message, { field: error.field, details: error.details });
  }
}

const pick = <T>(values: Record<string, T> | undefined, locale: string | undefined): T | undefined =>
  values && ((locale === undefined ? undefined : values[locale]) ?? Object.values(values)[0]);

function httpsUrl(raw: string | undefined, field: string): string {
  const url = URL.parse(raw?.startsWith("//") ? `https:${raw}` : (raw ?? ""));
  if (!url || !/^https?:$/.test(url.protocol)) throw bad(`${field}: the asset has no fetchable URL`, field);
  return url.href;
}

function image(asset: Asset, env: Env) {
  const fields = asset.fields ?? {};
  const locale = env.CONTENTFUL_LOCALE || Object.keys(fields.file ?? {})[0];
  const file = pick(fields.file, locale);
  if (!file) throw bad("fields.file: a published asset carries its file", "fields.file");
  if (!file.contentType.startsWith("image/")) return undefined;
  return {
    url: httpsUrl(file.url, `fields.file.${locale}.url`),
    title: pick(fields.title, locale)?.slice(0, 500) || undefined,
    alt: pick(fields.description, locale)?.slice(0, 1000) || undefined,
    tags: asset.metadata?.tags?.slice(0, 50).map((tag) => tag.sys.id),
    fileName: file.fileName,
  };
}

/** Contentful, Asset topics only; authenticated by Contentful's request verification (signing secret). */
export const contentfulAdapter: WebhookAdapter = {
  name: "contentful",
  async verify(request, env) {
    const secret = env.CONTENTFUL_WEBHOOK_SECRET;
    if (!secret) throw new ApiError(503, "webhook_not_configured", "CONTENTFUL_WEBHOOK_SECRET is not set for the contentful provider");
    const signature = request.headers.get(SIGNATURE);
    const signed = request.headers.get(SIGNED_HEADERS);
    const timestamp = request.headers.get(TIMESTAMP) ?? "";
    if (!signature || !signed || !/^\d{1,15}$/.test(timestamp)) {
      throw new ApiError(401, "invalid_signature", "enable request verification on the webhook: X-Contentful-Signature, -Signed-Headers and -Timestamp are needed");
    }
    if (Math.abs(request.now * 1000 - Number(timestamp)) > TOLERANCE_SECONDS * 1000) {
      throw new ApiError(401, "stale_timestamp", `the request was signed more than ${TOLERANCE_SECONDS} s from now; deliveries cannot be replayed`);
    }
    const headers: Record<string, string> = {};
    for (const name of signed.split(",").map((n) => n.trim().toLowerCase())) {
      const value = HEADER_NAME.test(name) ? request.headers.get(name) : null;
      if (value !== null) headers[name] = value;
    }
    const expected = await signContentful(secret, { ...request, headers }, Number(timestamp));
    if (!safeEqual(signature, expected[SIGNATURE]!)) {
      throw new ApiError(401, "invalid_signature", "the signature does not match the request and the webhook signing secret");
    }
  },
  async parse(request, env) {
    const topic = request.headers.get("x-contentful-topic");
    if (!topic) throw bad("the X-Contentful-Topic header is missing", "x-contentful-topic");
    const [, kind, name = ""] = /^ContentManagement\.(\w+)\.(\w+)$/.exec(topic) ?? [];
    const action = kind === "Asset" ? ACTIONS[name] : undefined;
    if (!action) return [];
    const asset = readAsset(request.body);
    const { sys } = asset;
    if (sys.type !== "Asset" && !(action === "delete" && sys.type === "DeletedAsset")) {
      throw bad(`sys.type: expected an Asset for ${topic}, got ${sys.type}`, "sys.type");
    }
    const change = sys.revision ?? sys.version ?? sys.deletedVersion ?? sys.deletedAt ?? sys.updatedAt;
    if (change === undefined) throw bad("sys.revision: the asset carries no revision, version or timestamp", "sys.revision");
    const id = `contentful:${sys.id}`;
    const found = action === "upsert" ? image(asset, env) : {};
    if (!found) return [];
    return [{ provider: "contentful", eventId: `${sys.id}:${name}:${change}`, action, image: { id, ...found } }];
  },
};
