/**
 * Turns the bench measurements into the printed tables (also stored in bench.json), including
 * how each number was measured, so a reader of the output alone can judge it.
 */
import { DEFAULT_RESTARTS } from "../../src/core/cluster/kmeans.ts";
import { clusterReport, type ClusterBenchResult } from "./cluster.ts";
import type { LoadStats } from "./load.ts";
import type { QueryBenchResult } from "./query.ts";
import { fmt, ratio, table, type Summary } from "./stats.ts";

/** Everything bench.ts measured; the JSON written to bench-out/bench.json. */
export interface BenchResult {
  meta: Record<string, unknown>;
  clock: { insideMs: number; wallMs: number; live: boolean; resolutionMs: number };
  stages: { set: string; note: string; stage: string; workerd: Summary; node: Summary }[];
  inference: { batch: number; workerd: Summary; node: Summary; native1: Summary; nativeAll: Summary }[];
  crossCheck?: { inside: Summary; differential: Summary };
  kmeans: {
    n: number;
    d: number;
    cached: boolean;
    gram: Summary;
    rows: { k: number; name: string; time: Summary; inertia: number; iterations: number }[];
  };
  cluster?: ClusterBenchResult;
  query?: QueryBenchResult;
}

const add = (...xs: (Summary | undefined)[]): Summary | undefined => {
  if (xs.some((x) => !x)) return undefined;
  const median = xs.reduce((s, x) => s + x!.median, 0);
  return { median, p25: median, p75: median, samples: [] };
};

function methodNotes(r: BenchResult): string[] {
  const c = r.clock;
  const clockLine = c.live
    ? `workerd clock: ADVANCES during synchronous work in local workerd (busy loop: ${c.insideMs.toFixed(0)} ms by workerd's ` +
      `performance.now() vs ${c.wallMs.toFixed(0)} ms wall from Node), ${c.resolutionMs ? "1 ms resolution" : "sub-ms resolution"}. ` +
      `So workerd stages are timed inside the Worker, one repetition = a whole pass over the set or a whole batch (>= ~10 ms).`
    : `workerd clock: FROZEN during synchronous work (busy loop: ${c.insideMs.toFixed(0)} ms inside vs ${c.wallMs.toFixed(0)} ms wall). ` +
      `So workerd stages are timed from Node: (wall of a 3-repetition request - wall of a 1-repetition request) / 2.`;
  return [
    `# semclust bench  ${Object.entries(r.meta).map(([k, v]) => `${k}=${typeof v === "object" ? JSON.stringify(v) : v}`).join("  ")}`,
    clockLine,
    "node-wasm: the same stage code (scripts/bench/stages.ts) and the same onnxruntime-web wasm (1 thread, SIMD) in this Node process, " +
      "timed with performance.now(). native: onnxruntime-node CPU on the same prepared model and input tensor.",
    "All contenders are interleaved round by round (order alternating), after warm-up rounds; cells are median ±half-IQR in ms.",
  ];
}

/** The full printed report. */
export function report(r: BenchResult): string {
  const out = methodNotes(r);
  const inf8 = r.inference.find((i) => i.batch === 8);
  const stageRows: string[][] = [];
  const sets = [...new Set(r.stages.map((s) => s.set))];
  for (const set of sets) {
    const rows = r.stages.filter((s) => s.set === set);
    for (const s of rows) stageRows.push([set, s.stage, fmt(s.workerd), fmt(s.node), ratio(s.workerd, s.node)]);
    const w = add(...rows.map((s) => s.workerd), inf8?.workerd);
    const n = add(...rows.map((s) => s.node), inf8?.node);
    stageRows.push([set, "sum of medians incl. inference at batch 8", fmt(w), fmt(n), ratio(w, n)]);
  }
  out.push("", "1a. Decode and preprocess, ms per image (preprocess = EXIF orientation + antialiased resize + 224 crop + normalise)");
  out.push(`    sets: ${sets.map((set) => `${set} = ${r.stages.find((s) => s.set === set)!.note}`).join("; ")}`);
  out.push(table(["image set", "stage", "workerd", "node-wasm", "workerd/node-wasm"], stageRows, 2));
  out.push("", "1b. Inference, ms per image (MobileNetV2 int8; batch 8 = one run of 8 images / 8; reference = native 1 thread)");
  out.push(table(
    ["batch", "workerd", "node-wasm", "native 1 thr", "native all cores", "workerd/native", "node-wasm/native", "workerd/node-wasm"],
    r.inference.map((i) => [
      String(i.batch), fmt(i.workerd), fmt(i.node), fmt(i.native1, 2), fmt(i.nativeAll, 2),
      ratio(i.workerd, i.native1), ratio(i.node, i.native1), ratio(i.workerd, i.node),
    ]),
  ));
  if (r.crossCheck) {
    out.push(`cross-check, workerd inference batch 1: timed inside the Worker ${fmt(r.crossCheck.inside)} ms, ` +
      `timed from Node by difference of 3- and 1-repetition requests ${fmt(r.crossCheck.differential)} ms`);
  }

  const k = r.kmeans;
  out.push("", `2. k-means on n=${k.n}, d=${k.d}: MobileNetV2 embeddings of ${k.n} Caltech-101 images, centred + L2-normalised ` +
    `(${k.cached ? "cached in bench-out/" : "computed this run"}). Node, ms per clustering.`);
  out.push(`   ours = kmeansGram (k-means++ seeding, ${DEFAULT_RESTARTS} restarts by default, best inertia kept) on the centred cosine Gram; ` +
    `the Gram (rawGram + centredCosineGramInPlace, built once per request and shared by every k) took ${fmt(k.gram, 0)} ms and is added to "total".`);
  out.push("   ml-kmeans@7 = kmeans(number[][], k, { seed: 1 }), otherwise defaults (k-means++, 1 run, maxIterations 100); the number[][] copy is not timed.");
  out.push("   inertia = sum of squared distances to the assigned cluster's mean, same float64 function for both (lower is better).");
  const ml = (kk: number) => k.rows.find((x) => x.k === kk && x.name === "ml-kmeans");
  out.push(table(
    ["k", "algorithm", "k-means ms", "total ms", "total / ml-kmeans", "inertia", "iterations"],
    k.rows.map((x) => {
      const total = x.name === "ml-kmeans" ? x.time : add(x.time, k.gram);
      return [String(x.k), x.name, fmt(x.time, 0), fmt(total, 0), ratio(total, ml(x.k)?.time), x.inertia.toFixed(2), String(x.iterations)];
    }),
    2,
  ));
  if (r.cluster) out.push("", clusterReport(r.cluster));
  if (r.query) out.push("", queryReport(r.query));
  return out.join("\n");
}

/** Section 3 on its own, so BENCH_ONLY=query can print it without the other sections. */
export function queryReport(q: QueryBenchResult): string {
  const o = q.options;
  const label = { floor: "(0) floor: unknown path, 404", first: "(c) cold, first request after start", cold: "(c) cold, new images", hit: "(a) warm: result cache HIT", miss: "(b) uncached, embeddings cached" };
  const find = (path: LoadStats["path"], c: number) => q.rows.find((x) => x.path === path && x.concurrency === c);
  const rows = q.rows.map((x) => {
    const hit = x.path === "hit" ? undefined : find("hit", x.concurrency);
    return [
      label[x.path], String(x.concurrency), String(x.requests), x.p50.toFixed(1), x.p99.toFixed(1), fmt(x.rps, x.rps.median < 100 ? 1 : 0),
      hit ? `${(x.p50 / hit.p50).toFixed(1)}x` : "-", hit ? `${(x.rps.median / hit.rps.median).toFixed(x.rps.median / hit.rps.median < 0.01 ? 4 : 2)}x` : "-",
    ];
  });
  return [
    `3. Query endpoint: GET ${q.endpoint}, the service (wrangler.jsonc, src/index.ts) in local workerd via unstable_startWorker,`,
    "   fresh persist dir with the D1 migrations applied; Openverse search and the image host faked on 127.0.0.1 by this Node process",
    "   (fixture test/fixtures/openverse/apple.json, 20 real Caltech-101 JPEGs). Latency: Node fetch start to last body byte, loopback,",
    `   pooled over ${o.rounds} rounds after ${o.warmup} warm-up (0, a, b interleaved, order alternating); req/s = requests / wall time of a`,
    "   round with that many requests in flight, median ±half-IQR over rounds. Client, fake upstream and workerd share this machine;",
    "   KV, R2 and D1 are miniflare's local simulators (SQLite + files), so absolute times are local, not Cloudflare's edge.",
    "   Ratio columns: this row against (a) at the same concurrency (the (b) rows give (b)/(a)); (c) rows against (a) at concurrency 1.",
    "   (0) GET /bench-floor: Hono's 404, no storage: one round trip Node -> wrangler's dev proxy -> the Worker, the floor under (a).",
    "   (a) same URL again: KV read of the stored body (+ D1 hit count in waitUntil).",
    "   (b) a new seed per request, so a new result key over the same 20 images: search, 20 KV URL->hash + 20 R2 embedding reads,",
    "       k=auto clustering, KV result write, D1 writes; every response checked x-cache: MISS and stats.inferred = 0, cached = 20.",
    `       Over all (b) requests the fake upstream saw ${q.checks.searches} searches for ${q.checks.misses} misses and ${q.checks.imageFetches} image fetches.`,
    "   (c) nothing cached: fetch + decode + embed 20 images (stats.inferred = 20 checked) + cluster; 'first request' also loads the model",
    "       into the fresh isolate; 'new images' = a different query per sample, each with 20 Caltech images not embedded before.",
    table(
      ["path", "concurrency", "requests", "p50 ms", "p99 ms", "req/s", "p50 / (a) p50", "req/s / (a) req/s"],
      rows,
    ),
  ].join("\n");
}
