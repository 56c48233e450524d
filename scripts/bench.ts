/**
 * npm run bench: one run, three runtimes side by side on this machine. Per-image decode,
 * preprocess and inference (a) inside workerd (the bench Worker, via wrangler), (b) in Node with
 * the same onnxruntime-web wasm, (c) onnxruntime-node native as the inference reference; then
 * our k-means vs ml-kmeans on 1000 real embeddings; then the whole clustering step (clusterImages)
 * on 200 of them, workerd vs Node, against the 100 ms budget; then the query endpoint of the real
 * service, timed over loopback (scripts/bench/query.ts). Contenders are interleaved after warm-up
 * and reported as medians. Tables go to stdout and bench-out/bench.json; progress goes to stderr.
 * BENCH_ONLY=query or BENCH_ONLY=cluster runs and prints only that section (bench.json is then left alone).
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { join } from "node:path";
import { clusterBench, clusterReport } from "./bench/cluster.ts";
import { clusterData } from "./bench/cluster-data.ts";
import { loadImageSets } from "./bench/images.ts";
import { caltechEmbeddings, kmeansContenders, type RunResult } from "./bench/kmeans.ts";
import { nativeRunner } from "./bench/native.ts";
import { queryBench, type QueryBenchOptions } from "./bench/query.ts";
import { queryReport, report, type BenchResult } from "./bench/report.ts";
import { prepareBatch, runStage, type StageRequest } from "./bench/stages.ts";
import { interleave, summarise, type Contender } from "./bench/stats.ts";
import { startWorkerd, type WorkerdBench } from "./bench/workerd.ts";
import { nodeEmbedder, ROOT } from "./lib/node-runtime.ts";

if (Number(process.versions.node.split(".")[0]) < 22) {
  console.error(`bench needs Node >= 22 (this is ${process.version}); run it with npm run bench.`);
  process.exit(1);
}
const QUICK = process.env.BENCH_QUICK === "1";
const ROUNDS = { stage: QUICK ? 3 : 9, infer1: QUICK ? 3 : 12, infer8: QUICK ? 2 : 7, kmeans: QUICK ? 1 : 3, query: QUICK ? 2 : 5, cluster: QUICK ? 2 : 7 };
const CLUSTER_REPS = QUICK ? 3 : 5;
const OUT = join(ROOT, "bench-out");
const log = (msg: string) => console.error(`[bench ${(performance.now() / 1000).toFixed(0)}s] ${msg}`);
const version = (pkg: string) => JSON.parse(readFileSync(join(ROOT, "node_modules", pkg, "package.json"), "utf8")).version;
const QUERY: QueryBenchOptions = {
  rounds: ROUNDS.query, warmup: 1, hitRequests: QUICK ? 40 : 200, missRequests: QUICK ? 8 : 40, coldSamples: QUICK ? 2 : 4, concurrency: [1, 4],
};
const ONLY = process.env.BENCH_ONLY;
if (ONLY !== undefined && ONLY !== "query" && ONLY !== "cluster") {
  console.error(`BENCH_ONLY=${ONLY}: the sections that run alone are "query" and "cluster"`);
  process.exit(1);
}
if (ONLY === "query") {
  console.log(queryReport(await queryBench(QUERY, log)));
  log("BENCH_ONLY=query: printed section 3 only; bench-out/bench.json left as it was");
  process.exit(0);
}
if (ONLY === "cluster") {
  log("BENCH_ONLY=cluster: starting workerd; loading 200 Caltech embeddings + probabilities");
  const [w, data] = await Promise.all([startWorkerd(), clusterData(OUT, nodeEmbedder)]);
  try {
    console.log(clusterReport(await clusterBench(w, data, { reps: CLUSTER_REPS, rounds: ROUNDS.cluster }, log)));
  } finally {
    await w.dispose();
  }
  log("BENCH_ONLY=cluster: printed section 2b only; bench-out/bench.json left as it was");
  process.exit(0);
}

log("starting workerd (wrangler unstable_startWorker) and the Node runtimes");
const [workerd, embedder] = await Promise.all([startWorkerd(), nodeEmbedder()]);
const natives = [await nativeRunner(ROOT, 1), await nativeRunner(ROOT)];
const sets = await loadImageSets(new WebAssembly.Module(readFileSync(join(ROOT, "node_modules/@jsquash/png/codec/pkg/squoosh_png_bg.wasm"))));

/** Does workerd's clock move during synchronous work here? Compares it with Node's wall clock. */
async function checkClock(w: WorkerdBench) {
  const work = 5e7;
  await w.clock(work);
  const inside: number[] = [], wall: number[] = [];
  for (let i = 0; i < 3; i++) {
    const idle = await w.clock(0);
    const busy = await w.clock(work);
    inside.push(busy.ms);
    wall.push(busy.wallMs - idle.wallMs);
  }
  const s = { insideMs: summarise(inside).median, wallMs: summarise(wall).median };
  return { ...s, live: s.insideMs > 0.5 * s.wallMs, resolutionMs: inside.every(Number.isInteger) ? 1 : 0 };
}
log("checking workerd's clock");
const clock = await checkClock(workerd);

/**
 * One workerd sample in ms per image. With a live clock: workerd's own timing of one repetition.
 * Frozen clock (as in production): from Node, wall(3 reps) - wall(1 rep), halved, which cancels
 * the HTTP, body parsing and untimed set-up costs of the request.
 */
async function workerdSample(images: Uint8Array[], req: StageRequest, perRun: number, differential = !clock.live) {
  if (!differential) return (await workerd.run(images, { ...req, reps: 1 })).ms[0]! / perRun;
  const one = await workerd.run(images, { ...req, reps: 1 });
  const three = await workerd.run(images, { ...req, reps: 3 });
  return (three.wallMs - one.wallMs) / 2 / perRun;
}
const nodeSample = async (images: Uint8Array[], req: StageRequest, perRun: number) =>
  (await runStage(embedder, images, { ...req, reps: 1 }))[0]! / perRun;

const result: BenchResult = {
  meta: {
    date: new Date().toISOString(), cpu: `${cpus()[0]?.model ?? "?"} x${cpus().length}`, node: process.version,
    wrangler: version("wrangler"), ortWeb: version("onnxruntime-web"), ortNode: version("onnxruntime-node"), rounds: ROUNDS,
  },
  clock, stages: [], inference: [], kmeans: { n: 0, d: 0, cached: false, gram: summarise([]), rows: [] },
};

for (const set of sets) {
  for (const stage of ["decode", "preprocess"] as const) {
    log(`${stage}: ${set.name}`);
    const req = { stage, batch: 1, reps: 1 };
    const n = set.images.length;
    const s = await interleave([
      { name: "workerd", sample: () => workerdSample(set.images, req, n) },
      { name: "node-wasm", sample: () => nodeSample(set.images, req, n) },
    ], 2, ROUNDS.stage);
    result.stages.push({ set: set.name, note: set.note, stage, workerd: s.workerd!, node: s["node-wasm"]! });
  }
}

const inferImages = sets[1]!.images;
for (const batch of [1, 8]) {
  log(`inference, batch ${batch}`);
  const images = inferImages.slice(0, batch);
  const req = { stage: "infer" as const, batch, reps: 1 };
  const pixels = await prepareBatch(images, batch);
  const contenders: Contender[] = [
    { name: "workerd", sample: () => workerdSample(images, req, batch) },
    { name: "node-wasm", sample: () => nodeSample(images, req, batch) },
    ...natives.map((r) => ({ name: `native ${r.threads}`, sample: async () => {
      const t = performance.now();
      await r.run(pixels, batch);
      return (performance.now() - t) / batch;
    } })),
  ];
  const s = await interleave(contenders, 3, batch === 1 ? ROUNDS.infer1 : ROUNDS.infer8);
  result.inference.push({ batch, workerd: s.workerd!, node: s["node-wasm"]!, native1: s["native 1 thread"]!, nativeAll: s["native all cores"]! });
}

log("cross-check: workerd inference batch 1 timed from Node (differential)");
const crossImages = inferImages.slice(0, 1);
const crossReq = { stage: "infer" as const, batch: 1, reps: 1 };
const cross = await interleave([
  { name: "inside", sample: () => workerdSample(crossImages, crossReq, 1, false) },
  { name: "differential", sample: () => workerdSample(crossImages, crossReq, 1, true) },
], 1, QUICK ? 2 : 5);
result.crossCheck = { inside: cross.inside!, differential: cross.differential! };

log("clustering step: 200 of the Caltech images, embeddings + probabilities");
result.cluster = await clusterBench(workerd, await clusterData(OUT, async () => embedder), { reps: CLUSTER_REPS, rounds: ROUNDS.cluster }, log);
await workerd.dispose();

// Pure Node and synchronous for ~20 s: run with workerd stopped, since a blocked event loop made
// wrangler restart the bench Worker under the next request (EPIPE).
log("k-means: embeddings of 1000 Caltech images (cached in bench-out/ after the first run)");
const emb = await caltechEmbeddings(OUT, 1000, async () => embedder);
const km = kmeansContenders(emb);
const gram = await interleave([{ name: "gram", sample: async () => km.gram() }], 1, ROUNDS.kmeans);
result.kmeans = { n: emb.n, d: emb.d, cached: emb.cached, gram: gram.gram!, rows: [] };
for (const k of [10, 30]) {
  log(`k-means, k = ${k}`);
  const last: Record<string, RunResult> = {};
  const runs: Record<string, () => RunResult> = {
    "ml-kmeans": () => km.ml(k),
    "ours": () => km.ours(k),
    "ours, 1 restart": () => km.ours(k, 1),
  };
  const s = await interleave(Object.entries(runs).map(([name, run]) => ({ name, sample: async () => {
    last[name] = run();
    return last[name].ms;
  } })), 1, ROUNDS.kmeans);
  for (const name of Object.keys(runs)) result.kmeans.rows.push({ k, name, time: s[name]!, inertia: last[name]!.inertia, iterations: last[name]!.iterations });
}

log("query endpoint: the real service in workerd, fake Openverse on loopback");
result.query = await queryBench(QUERY, log);

const text = report(result);
console.log(text);
mkdirSync(OUT, { recursive: true });
writeFileSync(join(OUT, "bench.json"), JSON.stringify({ ...result, text }, null, 2));
log(`done; wrote bench-out/bench.json`);
