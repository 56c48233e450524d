import { contentfulAdapter } from "./contentful.ts";
import { genericAdapter } from "./generic.ts";
import { strapiAdapter } from "./strapi.ts";
import type { WebhookAdapter } from "./types.ts";

/** Providers by URL segment: POST /v1/webhooks/{name}. */
export const webhookAdapters: Record<string, WebhookAdapter> = {
  generic: genericAdapter,
  contentful: contentfulAdapter,
  strapi: strapiAdapter,
};
