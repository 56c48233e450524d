/**
 * Section 3 of npm run bench: the cached query endpoint end to end. Starts the real service
 * (/wrangler.jsonc, src/index.ts) in local workerd on a fresh persist dir with the D1 migrations
 * applied, Openverse and the image host faked on loopback (fake-openverse.ts), and times
 * GET /v1/queries/{q}/clusters from Node: a result-cache HIT, a result-cache miss whose
 * embeddings are all cached (new seed per request), and fully cold requests; plus the service's
 * 404 as the floor of one round trip (Node -> wrangler's dev proxy -> the Worker and back). Every response is
 * checked (x-cache, stats.inferred) so a number can't silently come from the wrong path.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { ROOT } from "../lib/node-runtime.ts";
import { caltechSets, loadFixture, startFakeOpenverse, type FakeOpenverse } from "./fake-openverse.ts";
import { loadContender, loadStats, timedGet, type LoadStats } from "./load.ts";
import { interleave } from "./stats.ts";

// No network here: as in workerd.ts, skip telemetry and the Request.cf download.
process.env.WRANGLER_SEND_METRICS ??= "false";
process.env.CLOUDFLARE_CF_FETCH_ENABLED ??= "false";

/** Images per query: Openverse's anonymous page size, and all of the fixture's results. */
export const QUERY_LIMIT = 20;

/** How much to measure; bench.ts passes smaller numbers for BENCH_QUICK. */
export interface QueryBenchOptions {
  rounds: number;
  warmup: number;
  hitRequests: number;
  missRequests: number;
  coldSamples: number;
  concurrency: number[];
}

/** Section 3 of bench.json. */
export interface QueryBenchResult {
  endpoint: string;
  options: QueryBenchOptions;
  rows: LoadStats[];
  /** What the fake upstream saw during the HIT/miss rounds: misses must search but never fetch. */
  checks: { hits: number; misses: number; searches: number; imageFetches: number };
}

type Log = (msg: string) => void;

/** One GET of the endpoint, timed to the last body byte; throws unless it took the expected path. */
async function get(base: URL, query: string, seed: number, expect: "HIT" | "MISS", inferred?: number) {
  const url = new URL(`/v1/queries/${encodeURIComponent(query)}/clusters?source=openverse&limit=${QUERY_LIMIT}&k=auto&seed=${seed}`, base);
  const { ms, res, body } = await timedGet(url);
  const state = res.headers.get("x-cache");
  if (res.status !== 200 || state !== expect) throw new Error(`${url.pathname}${url.search}: wanted 200 ${expect}, got ${res.status} ${state}: ${body.slice(0, 300)}`);
  if (inferred !== undefined) {
    const s = (JSON.parse(body) as { stats: { images: number; inferred: number; cached: number; failed: number } }).stats;
    const cached = QUERY_LIMIT - inferred;
    if (s.inferred !== inferred || s.cached !== cached || s.failed !== 0) {
      throw new Error(`${url.pathname}${url.search}: wanted stats inferred=${inferred} cached=${cached} failed=0, got ${JSON.stringify(s)}`);
    }
  }
  return ms;
}

/** Applies the migrations to `persist` with wrangler's CLI, then serves the real Worker on it. */
async function startService(persist: string, openverseBase: string) {
  const config = join(ROOT, "wrangler.jsonc");
  const wrangler = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
  await promisify(execFile)(process.execPath, [wrangler, "d1", "migrations", "apply", "DB", "--local", "--persist-to", persist, "--config", config], { cwd: ROOT });
  const { unstable_startWorker } = await import("wrangler");
  const worker = await unstable_startWorker({
    config,
    bindings: {
      OPENVERSE_BASE_URL: { type: "plain_text", value: openverseBase },
      ALLOW_PRIVATE_IMAGE_HOSTS: { type: "plain_text", value: "true" },
    },
    dev: { server: { hostname: "127.0.0.1", port: 0 }, inspector: false, watch: false, persist, logLevel: "warn" },
  });
  await worker.ready;
  return { base: await worker.url, dispose: () => worker.dispose() };
}

async function measure(base: URL, fake: FakeOpenverse, o: QueryBenchOptions, log: Log): Promise<QueryBenchResult> {
  const rows: LoadStats[] = [];
  const coldRows: LoadStats[] = [];
  log("query: first request after start (loads the model, embeds the 20 images)");
  const first = await get(base, "apple", 1, "MISS", QUERY_LIMIT);
  coldRows.push(loadStats("first", 1, [first], [1000 / first]));

  log(`query: ${o.coldSamples} cold requests, each a new query with ${QUERY_LIMIT} images never embedded`);
  caltechSets(o.coldSamples, QUERY_LIMIT, loadFixture().applePaths).forEach((paths, i) => fake.setQuery(`cold${i}`, paths));
  const cold: number[] = [];
  const coldStart = performance.now();
  for (let i = 0; i < o.coldSamples; i++) cold.push(await get(base, `cold${i}`, 1, "MISS", QUERY_LIMIT));
  coldRows.push(loadStats("cold", 1, cold, [(o.coldSamples / (performance.now() - coldStart)) * 1000]));

  const before = { ...fake.counts };
  const checks = { hits: 0, misses: 0, searches: 0, imageFetches: 0 };
  let seed = 1000;
  for (const concurrency of o.concurrency) {
    log(`query: 404 floor, warm HIT and uncached miss interleaved, concurrency ${concurrency}`);
    const hit = loadContender("hit", o.hitRequests, concurrency, o.warmup, () => {
      checks.hits++;
      return get(base, "apple", 1, "HIT");
    });
    const miss = loadContender("miss", o.missRequests, concurrency, o.warmup, () => {
      checks.misses++;
      return get(base, "apple", seed++, "MISS", 0);
    });
    const floor = loadContender("floor", o.hitRequests, concurrency, o.warmup, async () => {
      const r = await timedGet(new URL("/bench-floor", base));
      if (r.res.status !== 404) throw new Error(`/bench-floor: wanted the service's 404, got ${r.res.status}`);
      return r.ms;
    });
    const s = await interleave([floor.contender, hit.contender, miss.contender], o.warmup, o.rounds);
    for (const [path, c] of [["floor", floor], ["hit", hit], ["miss", miss]] as const) rows.push(loadStats(path, concurrency, c.kept, s[path]!.samples));
  }
  checks.searches = fake.counts.searches - before.searches;
  checks.imageFetches = fake.counts.images - before.images;
  if (checks.searches !== checks.misses || checks.imageFetches !== 0) {
    throw new Error(`query bench: ${checks.misses} misses made ${checks.searches} searches and ${checks.imageFetches} image fetches (want equal, 0)`);
  }
  return { endpoint: `/v1/queries/apple/clusters?source=openverse&limit=${QUERY_LIMIT}&k=auto&seed=S`, options: o, rows: [...rows, ...coldRows], checks };
}

/** Runs section 3 start to finish; the temp persist dir and both servers are always cleaned up. */
export async function queryBench(o: QueryBenchOptions, log: Log): Promise<QueryBenchResult> {
  const fake = await startFakeOpenverse();
  const persist = mkdtempSync(join(tmpdir(), "semclust-bench-"));
  try {
    log(`query: D1 migrations + the service (wrangler.jsonc) on ${persist}, fake Openverse at ${fake.base}`);
    const service = await startService(persist, fake.base);
    try {
      return await measure(service.base, fake, o, log);
    } finally {
      await service.dispose();
    }
  } finally {
    await fake.close();
    rmSync(persist, { recursive: true, force: true });
  }
}
