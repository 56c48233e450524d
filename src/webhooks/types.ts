/** What a CMS told us, whichever CMS it was: the queue carries this, never the raw payload. */
export interface CmsEvent {
  provider: string;
  /** Stable per delivery of one change, so a redelivered event is indexed once. */
  eventId: string;
  action: "upsert" | "delete";
  image: CmsImage;
}

export interface CmsImage {
  /** The catalogue id: `<provider>:<the CMS's asset id>`. */
  id: string;
  url?: string;
  /** R2 key of bytes uploaded with the webhook (generic provider, multipart), instead of a URL. */
  upload?: string;
  title?: string;
  alt?: string;
  tags?: string[];
  fileName?: string;
}

/** Everything an adapter needs from the request; the body is the exact bytes that were signed. */
export interface WebhookRequest {
  method: string;
  /** Path and query as received, e.g. `/v1/webhooks/contentful`. */
  path: string;
  headers: Headers;
  body: Uint8Array;
  /** Unix seconds. */
  now: number;
}

/**
 * One CMS. `verify` throws `ApiError` 401 (`invalid_signature`, `stale_timestamp`) or 503
 * (`webhook_not_configured`); `parse` throws 400 (`invalid_payload`) and returns no events for
 * changes that are not images (e.g. a PDF asset), which are acknowledged and ignored.
 */
export interface WebhookAdapter {
  readonly name: string;
  verify(request: WebhookRequest, env: Env): Promise<void>;
  parse(request: WebhookRequest, env: Env): Promise<CmsEvent[]>;
}
