import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../src/index.ts";
import { signGeneric } from "../src/webhooks/signing.ts";

export const SECRET = "test-generic-secret";

/** Sends a generic webhook signed as a CMS would (with `secret`, at `timestamp`). */
export async function sendGeneric(
  body: unknown,
  options: { secret?: string; timestamp?: number; contentType?: string } = {},
): Promise<Response> {
  const bytes =
    body instanceof Uint8Array ? body : new TextEncoder().encode(typeof body === "string" ? body : JSON.stringify(body));
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers = {
    "content-type": options.contentType ?? "application/json",
    "x-semclust-timestamp": String(timestamp),
    "x-semclust-signature": await signGeneric(options.secret ?? SECRET, timestamp, bytes),
  };
  return call(new Request("https://semclust.test/v1/webhooks/generic", { method: "POST", headers, body: bytes }));
}

export async function call(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const res = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

export const upsert = (eventId: string, id: string, url: string, extra: Record<string, unknown> = {}) => ({
  id: eventId,
  type: "image.upsert",
  image: { id, url, ...extra },
});

export async function status(id: string): Promise<{ status: string; error: string | null } | null> {
  return env.DB.prepare("SELECT status, error FROM images WHERE id = ?1").bind(id).first();
}

/** Waits for the real queue consumer to finish with an image. */
export async function waitForStatus(id: string, wanted: string[], timeoutMs = 30_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await status(id);
    if (row && wanted.includes(row.status)) return row.status;
    if (Date.now() > deadline) throw new Error(`${id} is ${row?.status ?? "absent"} after ${timeoutMs} ms (${row?.error ?? ""})`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
