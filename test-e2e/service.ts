/**
 * The real service for the browser tests: wrangler.jsonc and src/index.ts in local workerd
 * through wrangler's programmatic API, on a fresh persist folder with the D1 migrations applied,
 * plus a small catalogue from ../shared/data loaded through signed generic webhooks.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { sendFiles, waitForCatalogue, type CatalogueFile } from "../scripts/lib/generic-webhooks.ts";

process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

/** The project folder, whatever the working directory. */
export const ROOT = join(import.meta.dirname, "..");
/** The shared labelled images (../shared/data), laid beside the project on every machine and in CI. */
export const DATA = join(ROOT, "../shared/data");
const SECRET = "e2e-generic-webhook-secret";

/** A running service and how to stop it (the persist folder goes with it). */
export interface Service {
  base: string;
  dispose(): Promise<void>;
}

/** Migrations on a temp persist folder, then the Worker on a free loopback port with a test webhook secret. */
export async function startService(): Promise<Service> {
  const persist = mkdtempSync(join(tmpdir(), "semclust-e2e-"));
  const config = join(ROOT, "wrangler.jsonc");
  const wrangler = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
  await promisify(execFile)(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist, "--config", config], {
    cwd: ROOT,
  });
  const { unstable_startWorker } = await import("wrangler");
  const worker = await unstable_startWorker({
    config,
    bindings: { WEBHOOK_SECRET: { type: "plain_text", value: SECRET } },
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, watch: false, persist, logLevel: "warn" },
  });
  try {
    await worker.ready;
    const base = (await worker.url).origin;
    return {
      base,
      async dispose() {
        await worker.dispose();
        rmSync(persist, { recursive: true, force: true });
      },
    };
  } catch (error) {
    await worker.dispose();
    rmSync(persist, { recursive: true, force: true });
    throw error;
  }
}

/** Tux Paint stamps of three kinds (fruit, birds, vehicles), all tagged "tuxpaint". */
const STAMPS: [string, string][] = [
  ["food/food__fruit__Apricot_whole.jpg", "An apricot"],
  ["food/food__fruit__Cherry_Stella.jpg", "A pair of cherries"],
  ["food/food__fruit__Strawberry2.jpg", "A strawberry"],
  ["food/food__fruit__avocado.jpg", "An avocado"],
  ["food/food__fruit__cherimoya.jpg", "A cherimoya"],
  ["food/food__fruit__kiwi.jpg", "A kiwifruit"],
  ["food/food__fruit__orange_seville.jpg", "A Seville orange"],
  ["animals/animals__birds__albino_peahen.jpg", "An albino peahen"],
  ["animals/animals__birds__crowned_crane.jpg", "A crowned crane"],
  ["animals/animals__birds__duck.jpg", "A duck"],
  ["animals/animals__birds__helmeted_guineafowl.jpg", "A helmeted guinea fowl"],
  ["animals/animals__birds__magellanic_penguin.jpg", "A Magellanic penguin"],
  ["animals/animals__birds__ostrich.jpg", "An ostrich"],
  ["animals/animals__birds__owl.jpg", "An owl"],
  ["vehicles/vehicles__garbagetruck.jpg", "A garbage truck"],
  ["vehicles/vehicles__construction__dumper.jpg", "A dumper"],
  ["vehicles/vehicles__emergency__firetruck.jpg", "A fire truck"],
  ["vehicles/vehicles__flight__planes__747.jpg", "An airplane"],
  ["vehicles/vehicles__race__indycar.jpg", "A race car"],
  ["vehicles/vehicles__ship__chineseJunk.jpg", "An old Chinese sailing ship"],
];

/** Indexes the stamps through the webhook, queue and consumer; throws unless all are indexed. */
export async function loadCatalogue(base: string): Promise<number> {
  const files: CatalogueFile[] = STAMPS.map(([file, title]) => ({
    path: join(DATA, "tuxpaint-stamps-gpl/images", file),
    id: `tuxpaint/${file}`,
    title,
    tags: ["tuxpaint", file.split("/")[0]!],
  }));
  const sent = await sendFiles({ base, secret: SECRET }, files);
  const refused = sent.filter((s) => !s.ok);
  if (refused.length > 0) throw new Error(`webhooks refused: ${refused.map((r) => `${r.id} ${r.detail}`).join("; ")}`);
  const counts = await waitForCatalogue(base, sent.map((s) => s.id), { rounds: 120, intervalMs: 1000 });
  if (counts.indexed !== files.length) throw new Error(`catalogue not fully indexed: ${JSON.stringify(counts)}`);
  return files.length;
}
