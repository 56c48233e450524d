/**
 * Experiment bench for auto-k criteria (not part of npm run eval): per task, sweeps k and
 * prints which k each criterion picks, so criteria can be compared on every set at once.
 * Usage: npx node --experimental-strip-types scripts/eval/autok-lab.ts [caltech]; LAB_CURVES=1 prints
 * each criterion per k. Dec 2026 findings: "gapSil" (silhouette minus that of a column-shuffled
 * reference, in the look space) won on clothing and matched elsewhere, and is now the service's
 * criterion; merge-height gaps and the look + meaning sums lost.
 */
import { autoKRange, shuffledColumns } from "../../src/core/cluster/auto-k.ts";
import { centredCosineGramInPlace, rawGram } from "../../src/core/cluster/gram.ts";
import { mergeAverageLinkage } from "../../src/core/cluster/merge.ts";
import { kmeansGram } from "../../src/core/cluster/kmeans.ts";
import { meaningPartition, type Spaces } from "../../src/core/cluster/meaning.ts";
import { silhouetteFromStats } from "../../src/core/cluster/silhouette.ts";
import { clusterStats } from "../../src/core/cluster/stats.ts";
import { ancestorColumns, hierarchyMass, IMAGENET_HIERARCHY as H } from "../../src/core/features/hierarchy.ts";
import { expandGram } from "../../src/core/features/query-expansion.ts";
import { EMBEDDING_DIM } from "../../src/core/model.ts";
import { nmi } from "../../src/core/metrics/index.ts";
import { defaultFolders, loadDataset } from "./dataset.ts";
import { embedDataset } from "./embed-cache.ts";
import { taskRows } from "./polysemy.ts";
import { autoRange, selectRows, subsample, type Vectors } from "./scoring.ts";

interface Task {
  name: string;
  v: Vectors;
  truth: string[];
  range: [number, number];
}

const sil = (g: Float64Array, n: number, k: number, a: Int32Array) => silhouetteFromStats(g, n, k, a, clusterStats(g, n, k, a)) ?? -1;

function spacesOf(v: Vectors): Spaces & { plain: Float64Array } {
  const plain = centredCosineGramInPlace(rawGram(v.embeddings, v.n, EMBEDDING_DIM), v.n);
  const mass = hierarchyMass(v.probabilities, v.n, H);
  const anc = ancestorColumns(mass, v.n, H);
  const meaning = centredCosineGramInPlace(rawGram(anc, v.n, H.nodes - H.classes), v.n);
  return { plain, look: expandGram(plain, v.n), meaning };
}

/** heights[m]: linkage similarity of the merge that takes m clusters to m - 1. */
function mergeHeights(s: Spaces, n: number, from: number): number[] {
  const fine = kmeansGram(s.look, n, from, { seed: 1, restarts: 8 }).assignments;
  const heights: number[] = new Array(from + 2).fill(1);
  const spaces = [{ gram: s.look, weight: 0.5 }, { gram: s.meaning!, weight: 0.5 }];
  mergeAverageLinkage(spaces, n, fine, from, 1, (groups, linkage) => (heights[groups] = linkage));
  return heights;
}

/** The groupless reference the service's auto k uses (auto-k.ts), in both the plain and look space. */
function nullLook(v: Vectors): { look: Float64Array; plain: Float64Array } {
  const plain = centredCosineGramInPlace(rawGram(shuffledColumns(v.embeddings, v.n, EMBEDDING_DIM, 1), v.n, EMBEDDING_DIM), v.n);
  return { plain, look: expandGram(plain, v.n) };
}

const argmax = (xs: Map<number, number>) => [...xs].reduce((b, x) => (x[1] > b[1] ? x : b))[0];

function runTask(t: Task): Record<string, number | string> {
  const n = t.v.n;
  const s = spacesOf(t.v);
  const range = autoKRange(n, t.range)!;
  const crit: Record<string, Map<number, number>> = { look: new Map(), plain: new Map(), sum: new Map(), mpSum: new Map() };
  const opts = { seed: 1, restarts: 8 };
  const nmiAt = new Map<number, number>();
  for (let k = range[0]; k <= range[1]; k++) {
    const a = kmeansGram(s.look, n, k, opts).assignments;
    const l = sil(s.look, n, k, a);
    crit.look!.set(k, l);
    crit.plain!.set(k, sil(s.plain, n, k, a));
    crit.sum!.set(k, l + sil(s.meaning!, n, k, a));
    const mp = meaningPartition(s, n, k, opts);
    crit.mpSum!.set(k, sil(s.look, n, k, mp.assignments) + sil(s.meaning!, n, k, mp.assignments));
    nmiAt.set(k, nmi(t.truth, Array.from(mp.assignments)));
  }
  const ref = nullLook(t.v);
  crit.gapSil = new Map();
  crit.gapSilRaw = new Map();
  for (let k = range[0]; k <= range[1]; k++) {
    const a = kmeansGram(ref.look, n, k, opts).assignments;
    crit.gapSil.set(k, crit.look!.get(k)! - sil(ref.look, n, k, a));
    const b = kmeansGram(ref.plain, n, k, opts).assignments;
    crit.gapSilRaw.set(k, crit.plain!.get(k)! - sil(ref.plain, n, k, b));
  }
  if (process.env.LAB_CURVES) for (const name of ["gapSil", "gapSilRaw"]) console.error(t.name, name, [...crit[name]!].map(([k, x]) => `${k}:${x.toFixed(3)}`).join(" "));
  const heights = mergeHeights(s, n, Math.min(n, 2 * range[1] + 2));
  crit.gap = new Map();
  crit.ratio = new Map();
  for (let k = range[0]; k <= range[1]; k++) {
    crit.gap.set(k, heights[k + 1]! - heights[k]!);
    crit.ratio.set(k, (1 - heights[k]!) / (1 - heights[k + 1]!));
  }
  if (process.env.LAB_CURVES) console.error(t.name, "heights", heights.map((h, i) => `${i}:${h.toFixed(3)}`).join(" "));
  const trueK = new Set(t.truth).size;
  const out: Record<string, number | string> = { task: t.name, n, trueK, nmiTrue: nmiAt.get(trueK)?.toFixed(3) ?? "-" };
  for (const [name, m] of Object.entries(crit)) {
    const k = argmax(m);
    out[name] = `${k} (${nmiAt.get(k)!.toFixed(3)})`;
  }
  if (process.env.LAB_CURVES) for (const [name, m] of Object.entries(crit)) console.error(t.name, name, [...m].map(([k, x]) => `${k}:${x.toFixed(3)}`).join(" "));
  return out;
}

const tasks: Task[] = [];
const wantCaltech = process.argv.includes("caltech");
for (const dir of defaultFolders()) {
  let set;
  try {
    set = loadDataset(dir);
  } catch {
    continue;
  }
  const vec = await embedDataset(set, () => Promise.reject(new Error("no cache")));
  const v: Vectors = { n: vec.kept.length, embeddings: vec.embeddings, probabilities: vec.probabilities };
  const truth = vec.kept.map((i) => set.labels[i]!);
  if (set.polysemy) {
    for (const [task, senses] of Object.entries(set.polysemy)) {
      const t = taskRows(senses, truth);
      tasks.push({ name: task, v: selectRows(v, t.rows), truth: t.truth, range: autoRange(Object.keys(senses).length) });
    }
    if (!wantCaltech) continue;
  }
  const trueK = new Set(truth).size;
  if (v.n > 1000) {
    const idx = subsample(v.n, 1000);
    tasks.push({ name: set.name + "-sub1000", v: selectRows(v, idx), truth: idx.map((i) => truth[i]!), range: autoRange(trueK) });
  } else tasks.push({ name: set.name, v, truth, range: autoRange(trueK) });
}
const rows = tasks.map((t) => {
  const r = runTask(t);
  console.error(JSON.stringify(r));
  return r;
});
console.table(rows);
