/**
 * `npm run import -- <folder>`: loads a local folder of images into the running local service's
 * catalogue through the same path a CMS uses: signed generic webhooks (multipart uploads), the
 * queue, the consumer. Start the service first (`npm start`). Tags come from labels.csv if present.
 */
import { createHash, createHmac } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, extname, join, relative, resolve } from "node:path";
import { parseCsv } from "./eval/dataset.ts";

const base = process.env.SEMCLUST_URL ?? "http://127.0.0.1:8787";
const arg = process.argv[2];
if (!arg) {
  console.error("usage: npm run import -- <folder of images> (with the service running: npm start)");
  process.exit(2);
}
const folder = resolve(process.env.INIT_CWD ?? process.cwd(), arg);
if (!existsSync(folder)) {
  console.error(`import: no folder ${folder}`);
  process.exit(2);
}
const secret = /^WEBHOOK_SECRET="?([^"\n]*)"?$/m.exec(existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "")?.[1];
if (!secret) {
  console.error("import: WEBHOOK_SECRET not found in .dev.vars (npm start creates it)");
  process.exit(2);
}

const IMAGE = new Set([".jpg", ".jpeg", ".png", ".webp"]);
const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? walk(path) : IMAGE.has(extname(name).toLowerCase()) ? [path] : [];
  });

function tagsByFile(): Map<string, string[]> {
  const csv = join(folder, "labels.csv");
  if (!existsSync(csv)) return new Map();
  const [header, ...rows] = parseCsv(readFileSync(csv, "utf8"));
  const columns = ["label", "category", "subcategory"].map((c) => header!.indexOf(c)).filter((i) => i >= 0);
  return new Map(rows.map((row) => [row[0]!, columns.map((i) => row[i]!).filter(Boolean)]));
}

/** The generic provider's documented scheme (README), as any CMS would implement it. */
const sign = (timestamp: number, body: Uint8Array) =>
  `v1=${createHmac("sha256", secret!).update(`${timestamp}.`).update(body).digest("hex")}`;

async function send(path: string, tags: string[]): Promise<{ id: string; ok: boolean; detail: string }> {
  const bytes = readFileSync(path);
  const rel = relative(folder, path);
  const id = rel.replaceAll("\\", "/");
  const eventId = createHash("sha256").update(id).update(bytes).digest("hex").slice(0, 32);
  const title = basename(path, extname(path)).replace(/[-_]+/g, " ");
  const form = new FormData();
  form.append("event", JSON.stringify({ id: eventId, type: "image.upsert", image: { id, title, tags, fileName: basename(path) } }));
  form.append("file", new Blob([bytes]), basename(path));
  const body = new Response(form);
  const raw = new Uint8Array(await body.arrayBuffer());
  const timestamp = Math.floor(Date.now() / 1000);
  const res = await fetch(`${base}/v1/webhooks/generic`, {
    method: "POST",
    body: raw,
    headers: {
      "content-type": body.headers.get("content-type")!,
      "x-semclust-timestamp": String(timestamp),
      "x-semclust-signature": sign(timestamp, raw),
    },
  });
  return { id: `generic:${id}`, ok: res.status === 202, detail: `${res.status} ${res.status === 202 ? "" : await res.text()}` };
}

async function statusOf(id: string): Promise<string> {
  const res = await fetch(`${base}/v1/images/${encodeURIComponent(id)}`);
  return res.ok ? ((await res.json()) as { status: string }).status : `HTTP ${res.status}`;
}

const files = walk(folder);
const tags = tagsByFile();
console.log(`import: ${files.length} images from ${folder} into ${base}`);
const sent: { id: string; ok: boolean; detail: string }[] = [];
for (let i = 0; i < files.length; i += 4) {
  const chunk = files.slice(i, i + 4);
  sent.push(...(await Promise.all(chunk.map((f) => send(f, tags.get(relative(folder, f).replaceAll("\\", "/")) ?? [])))));
  if ((i / 4) % 25 === 0) console.error(`  sent ${sent.length}/${files.length}`);
}
const refused = sent.filter((s) => !s.ok);
for (const r of refused.slice(0, 10)) console.error(`  refused ${r.id}: ${r.detail}`);
const counts = new Map<string, number>();
for (let round = 0; round < 600; round++) {
  counts.clear();
  for (const s of sent.filter((x) => x.ok)) {
    const status = await statusOf(s.id);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  if (!counts.has("pending")) break;
  console.error(`  waiting for the queue: ${JSON.stringify(Object.fromEntries(counts))}`);
  await new Promise((r) => setTimeout(r, 2000));
}
console.log(`import: sent ${sent.length}, refused ${refused.length}; catalogue status ${JSON.stringify(Object.fromEntries(counts))}`);
process.exit(refused.length > 0 || counts.has("pending") ? 1 : 0);
