/**
 * npm run eval [-- <dataset folder>...]: clustering quality of the service's own core on the
 * labelled sets in ../shared/data (all of them when no folder is given). Embeds with the
 * Worker's pipeline (cached in bench-out/embeddings/), clusters with clusterImages at the
 * true k and with auto k, scores NMI / ARI / Hungarian accuracy, runs the polysemy tasks
 * where a set has them, and checks the issue's floors. Tables go to stdout and
 * bench-out/eval-<dataset>.json; progress goes to stderr.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { MODEL_ID } from "../src/core/model.ts";
import type { Embedder } from "../src/core/onnx-session.ts";
import { DatasetError, defaultFolders, loadDataset, resolveFolder } from "./eval/dataset.ts";
import { embedDataset } from "./eval/embed-cache.ts";
import { scorePolysemy } from "./eval/polysemy.ts";
import { autoKLine, checkAutoK, checkFloors, floorLines, polysemyReport, runTable, type AutoKCheck } from "./eval/report.ts";
import { autoRange, scoreRun, SEED, selectRows, subsample, type RunScore } from "./eval/scoring.ts";
import { nodeEmbedder, ROOT } from "./lib/node-runtime.ts";

if (Number(process.versions.node.split(".")[0]) < 22) {
  console.error(`eval needs Node >= 22 (this is ${process.version}); run it with npm run eval.`);
  process.exit(1);
}

/**
 * Auto k on more images than this runs on a fixed random subsample: the core builds n x n
 * Grams (73 MB each at n = 3030) and runs 8-restart k-means per candidate k on the images and on
 * their shuffled reference, measured 4-12 s per k at n = 3030, so the [2, 152] sweep for Caltech
 * would take about 25 minutes; at 1000 it is under half a minute.
 */
const AUTO_MAX_N = Number(process.env.EVAL_AUTO_MAX_N ?? 1000);
const OUT = join(ROOT, "bench-out");

let folders: string[];
try {
  const args = process.argv.slice(2);
  folders = args.length ? args.map(resolveFolder) : defaultFolders();
} catch (error) {
  console.error(`eval: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

let embedder: Promise<Embedder> | undefined;
const getEmbedder = () => (embedder ??= nodeEmbedder());
const started = performance.now();
const autoKChecks: ({ set: string } & AutoKCheck)[] = [];

for (const dir of folders) {
  let set;
  try {
    set = loadDataset(dir);
  } catch (error) {
    if (!(error instanceof DatasetError && error.skip)) throw error;
    console.log(`\n== ${error.message}`);
    continue;
  }
  const vec = await embedDataset(set, getEmbedder);
  const vectors = { n: vec.kept.length, embeddings: vec.embeddings, probabilities: vec.probabilities };
  const truth = vec.kept.map((i) => set.labels[i]!);
  const extra = Object.fromEntries(Object.entries(set.extra).map(([name, l]) => [name, vec.kept.map((i) => l[i]!)]));
  const trueK = new Set(truth).size;
  const range = autoRange(trueK);

  console.log(`\n== ${set.name}: ${vectors.n} images, ${trueK} classes (column "${set.labelColumn}"), seed ${SEED}`);
  console.log(
    `embeddings: ${vec.cached ? "cached" : "computed"} in ${(vec.ms / 1000).toFixed(1)} s` +
      ` (bench-out/embeddings/${set.name}-${MODEL_ID}.bin); ${vec.failed.length} image(s) failed to decode and were skipped` +
      vec.failed.map((f) => `\n  skipped ${f.file}: ${f.error}`).join(""),
  );

  const runs: { mode: string; run: RunScore }[] = [{ mode: "k = classes", run: scoreRun(vectors, truth, trueK, null, extra) }];
  let autoNote = `auto k on all ${vectors.n} images, k range [${range[0]}, ${range[1]}]`;
  if (vectors.n > AUTO_MAX_N) {
    const idx = subsample(vectors.n, AUTO_MAX_N);
    const sub = selectRows(vectors, idx);
    const subTruth = idx.map((i) => truth[i]!);
    const subExtra = Object.fromEntries(Object.entries(extra).map(([name, l]) => [name, idx.map((i) => l[i]!)]));
    const subK = new Set(subTruth).size;
    autoNote =
      `auto k on a fixed random subsample of ${AUTO_MAX_N} of ${vectors.n} images (partial Fisher-Yates, mulberry32 seed ${SEED};` +
      ` ${subK} classes present), k range [${range[0]}, ${range[1]}]; full n costs ~4-12 s per candidate k.` +
      ` Set EVAL_AUTO_MAX_N=${vectors.n} for the full sweep.`;
    runs.push({ mode: "auto k (subsample)", run: scoreRun(sub, subTruth, "auto", range, subExtra) });
    runs.push({ mode: "k = classes (same subsample)", run: scoreRun(sub, subTruth, subK, null, subExtra) });
  } else {
    runs.push({ mode: "auto k", run: scoreRun(vectors, truth, "auto", range, extra) });
  }
  console.log(autoNote);
  console.log(runTable(runs));
  const autoK = checkAutoK(runs[1]!.run, runs[runs.length === 3 ? 2 : 0]!.run);
  autoKChecks.push({ set: set.name, ...autoK });
  console.log(autoKLine(autoK));
  for (const name of Object.keys(extra)) {
    console.log(`NMI against ${name}: ${runs.map((r) => `${r.mode} ${r.run.extraNmi[name]!.toFixed(3)}`).join("; ")}`);
  }

  const poly = set.polysemy ? scorePolysemy(set.polysemy, vectors, truth) : null;
  if (poly) console.log(`\npolysemy tasks (${set.name}/polysemy_groups.json): each task's images alone, labels = sense\n${polysemyReport(poly)}`);
  const floors = checkFloors(set.name, runs[0]!.run, poly);
  if (floors.length) console.log(`\n${floorLines(floors)}`);

  mkdirSync(OUT, { recursive: true });
  const json = {
    dataset: set.name,
    model: MODEL_ID,
    date: new Date().toISOString(),
    seed: SEED,
    images: set.files.length,
    embedded: vectors.n,
    classes: trueK,
    labelColumn: set.labelColumn,
    failed: vec.failed,
    embedding: { cached: vec.cached, ms: vec.ms },
    autoK: { note: autoNote, maxN: AUTO_MAX_N, range, check: autoK },
    runs,
    polysemy: poly,
    floors,
  };
  writeFileSync(join(OUT, `eval-${set.name}.json`), `${JSON.stringify(json, null, 1)}\n`);
  console.error(`[eval] wrote bench-out/eval-${set.name}.json`);
}
if (autoKChecks.length > 1) {
  const ok = autoKChecks.filter((c) => c.kWithin25 && c.nmiWithin003).map((c) => c.set);
  console.log(`\nauto k within 25 % of the true k and NMI within 0.03: ${ok.length} of ${autoKChecks.length} sets${ok.length ? ` (${ok.join(", ")})` : ""}`);
}
console.error(`[eval] done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
