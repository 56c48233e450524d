/**
 * `npm run import -- <folder>`: loads a local folder of images into the running local service's
 * catalogue through the same path a CMS uses: signed generic webhooks (multipart uploads), the
 * queue, the consumer. Start the service first (`npm start`). Tags come from labels.csv if present.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative, resolve } from "node:path";
import { parseCsv } from "./eval/dataset.ts";
import { devVarsSecret, sendFiles, waitForCatalogue } from "./lib/generic-webhooks.ts";

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
const secret = devVarsSecret(existsSync(".dev.vars") ? readFileSync(".dev.vars", "utf8") : "");
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

const tags = tagsByFile();
const files = walk(folder).map((path) => {
  const id = relative(folder, path).replaceAll("\\", "/");
  return { path, id, tags: tags.get(id) ?? [] };
});
console.log(`import: ${files.length} images from ${folder} into ${base}`);
const sent = await sendFiles({ base, secret }, files, (n) => {
  if (n % 100 === 0 || n === files.length) console.error(`  sent ${n}/${files.length}`);
});
const refused = sent.filter((s) => !s.ok);
for (const r of refused.slice(0, 10)) console.error(`  refused ${r.id}: ${r.detail}`);
const counts = await waitForCatalogue(
  base,
  sent.filter((s) => s.ok).map((s) => s.id),
  { onWait: (c) => console.error(`  waiting for the queue: ${JSON.stringify(c)}`) },
);
console.log(`import: sent ${sent.length}, refused ${refused.length}; catalogue status ${JSON.stringify(counts)}`);
process.exit(refused.length > 0 || counts.pending ? 1 : 0);
