/**
 * Starts the bench Worker in local workerd through wrangler's programmatic API and wraps its two
 * endpoints, so bench.ts can treat workerd like any other contender.
 */
import { join } from "node:path";
import type { ClusterK, ClusterRuns } from "./cluster-run.ts";
import { packImages, type StageRequest } from "./stages.ts";

// No network here: skip wrangler's telemetry and miniflare's Request.cf download (a noisy warning).
process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

/** A running bench Worker. */
export interface WorkerdBench {
  /** Runs a stage inside workerd: per-repetition ms from workerd's clock, plus Node-side wall ms. */
  run(images: Uint8Array[], req: StageRequest): Promise<{ ms: number[]; wallMs: number }>;
  /** Fixed busy work inside workerd: its in-Worker ms and the Node-side wall ms of the request. */
  clock(work: number): Promise<{ ms: number; wallMs: number }>;
  /** clusterImages `reps` times on a packClusterInput body: per-run ms by workerd's clock, plus Node-side wall ms. */
  cluster(body: Uint8Array<ArrayBuffer>, n: number, k: ClusterK, reps: number): Promise<ClusterRuns & { wallMs: number }>;
  dispose(): Promise<void>;
}

async function json<T>(response: Response): Promise<T> {
  if (!response.ok) throw new Error(`bench worker answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as T;
}

/** Bundles scripts/bench/worker.ts with wrangler and serves it on a free local port. */
export async function startWorkerd(): Promise<WorkerdBench> {
  const { unstable_startWorker } = await import("wrangler");
  const worker = await unstable_startWorker({
    config: join(import.meta.dirname, "wrangler.jsonc"),
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, watch: false, persist: false, logLevel: "warn" },
  });
  await worker.ready;
  const base = await worker.url;
  return {
    async run(images, req) {
      const { body, sizes } = packImages(images);
      const url = new URL(`/run?stage=${req.stage}&batch=${req.batch}&reps=${req.reps}`, base);
      const t = performance.now();
      const { ms } = await json<{ ms: number[] }>(
        await fetch(url, { method: "POST", body, headers: { "x-sizes": sizes, "content-type": "application/octet-stream" } }),
      );
      return { ms, wallMs: performance.now() - t };
    },
    async clock(work) {
      const t = performance.now();
      const { ms } = await json<{ ms: number }>(await fetch(new URL(`/clock?work=${work}`, base)));
      return { ms, wallMs: performance.now() - t };
    },
    async cluster(body, n, k, reps) {
      const t = performance.now();
      const runs = await json<ClusterRuns>(await fetch(new URL(`/cluster?n=${n}&k=${k}&reps=${reps}`, base), {
        method: "POST", body, headers: { "content-type": "application/octet-stream" },
      }));
      return { ...runs, wallMs: performance.now() - t };
    },
    dispose: () => worker.dispose(),
  };
}
