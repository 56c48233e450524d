import { genericAdapter } from "./generic.ts";
import type { WebhookAdapter } from "./types.ts";

/** Providers by URL segment: POST /v1/webhooks/{name}. */
export const webhookAdapters: Record<string, WebhookAdapter> = {
  generic: genericAdapter,
};
