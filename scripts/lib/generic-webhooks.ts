/**
 * Loads local image files into a running service's catalogue the way a CMS would: one signed
 * generic multipart webhook per file (README: HMAC-SHA256 of "<timestamp>.<raw body>"), then the
 * queue and its consumer. Shared by `npm run import` and the end-to-end tests.
 */
import { createHash, createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import { basename, extname } from "node:path";

/** Where to send, and the WEBHOOK_SECRET it checks signatures with. */
export interface WebhookTarget {
  base: string;
  secret: string;
}

/** One file to index: `id` becomes the catalogue id `generic:<id>`. */
export interface CatalogueFile {
  path: string;
  id: string;
  tags?: string[];
  title?: string;
}

/** What the service said to one delivery. */
export interface Sent {
  id: string;
  ok: boolean;
  detail: string;
}

/** The generic provider's documented scheme, as any CMS would implement it. */
export const signGeneric = (secret: string, timestamp: number, body: Uint8Array) =>
  `v1=${createHmac("sha256", secret).update(`${timestamp}.`).update(body).digest("hex")}`;

/** The secret `npm start` writes to .dev.vars, or undefined when there is none. */
export function devVarsSecret(text: string): string | undefined {
  return /^WEBHOOK_SECRET="?([^"\n]*)"?$/m.exec(text)?.[1] || undefined;
}

/** Sends one file as a signed multipart `image.upsert`; the event id is stable for the same bytes. */
export async function sendFile(target: WebhookTarget, file: CatalogueFile): Promise<Sent> {
  const bytes = readFileSync(file.path);
  const eventId = createHash("sha256").update(file.id).update(bytes).digest("hex").slice(0, 32);
  const title = file.title ?? basename(file.path, extname(file.path)).replace(/[-_]+/g, " ");
  const form = new FormData();
  const image = { id: file.id, title, tags: file.tags ?? [], fileName: basename(file.path) };
  form.append("event", JSON.stringify({ id: eventId, type: "image.upsert", image }));
  form.append("file", new Blob([bytes]), basename(file.path));
  const body = new Response(form);
  const raw = new Uint8Array(await body.arrayBuffer());
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${target.base}/v1/webhooks/generic`, {
    method: "POST",
    body: raw,
    headers: {
      "content-type": body.headers.get("content-type")!,
      "x-semclust-timestamp": String(timestamp),
      "x-semclust-signature": signGeneric(target.secret, timestamp, raw),
    },
  });
  return { id: `generic:${file.id}`, ok: res.status === 202, detail: `${res.status} ${res.status === 202 ? "" : await res.text()}` };
}

/** Sends files a few at a time, so the local service is busy but not swamped. */
export async function sendFiles(target: WebhookTarget, files: CatalogueFile[], onChunk?: (sent: number) => void): Promise<Sent[]> {
  const sent: Sent[] = [];
  for (let i = 0; i < files.length; i += 4) {
    sent.push(...(await Promise.all(files.slice(i, i + 4).map((f) => sendFile(target, f)))));
    onChunk?.(sent.length);
  }
  return sent;
}

async function statusOf(base: string, id: string): Promise<string> {
  const res = await fetch(`${base}/v1/images/${encodeURIComponent(id)}`);
  return res.ok ? ((await res.json()) as { status: string }).status : `HTTP ${res.status}`;
}

/** Polls until no image is pending (or `rounds` run out); returns how many ended in each status. */
export async function waitForCatalogue(
  base: string,
  ids: string[],
  options: { rounds?: number; intervalMs?: number; onWait?: (counts: Record<string, number>) => void } = {},
): Promise<Record<string, number>> {
  let counts: Record<string, number> = {};
  for (let round = 0; round < (options.rounds ?? 600); round++) {
    counts = {};
    for (const id of ids) {
      const status = await statusOf(base, id);
      counts[status] = (counts[status] ?? 0) + 1;
    }
    if (!counts.pending) break;
    options.onWait?.(counts);
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 2000));
  }
  return counts;
}
